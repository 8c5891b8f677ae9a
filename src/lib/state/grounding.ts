/**
 * The app's use of catalogue grounding: where MusicBrainz is, the IndexedDB
 * cache, and re-checking albums that could not be verified when they were
 * recommended (offline, MusicBrainz down). Recommendation sets are immutable,
 * so later answers live in the catalogue cache and the cards read them there.
 */
import { config } from '$lib/config';
import { groundAlbums, type AlbumQuery } from '$lib/catalog';
import { dexieCatalogCache } from '$lib/db/catalog-cache';
import type { RecommendedAlbumEntry } from '$lib/domain/types';
import { isOffline } from '$lib/errors';

export function groundingOptions(signal?: AbortSignal) {
	return { baseUrl: config.musicbrainzUrl, cache: dexieCatalogCache(), signal };
}

/** Checks again the albums still marked unverified; answers land in the cache. */
export async function recheckUnverified(albums: RecommendedAlbumEntry[]): Promise<void> {
	const pending: AlbumQuery[] = albums
		.filter((a) => a.status === 'unverified')
		.map(({ title, artist, year }) => ({ title, artist, year }));
	if (!pending.length || isOffline()) return;
	await groundAlbums(pending, groundingOptions());
}
