/**
 * What the screens show of the catalogue: cover art, where to listen, and whether an album
 * that could not be checked when it was recommended has been verified since. Recommendation
 * sets never change once written, so later answers (re-checks of albums left unverified when
 * offline or when MusicBrainz was down) land in the catalogue cache and the cards read them there.
 */
import { config } from '$lib/config';
import {
	albumIdentityKey,
	coverUrl,
	groundAlbums,
	listeningLinks,
	type AlbumQuery,
	type CoverSize
} from '$lib/catalog';
import { dexieCatalogCache } from '$lib/db/catalog-cache';
import { db } from '$lib/db/schema';
import type { RecommendedAlbumEntry } from '$lib/domain/types';
import { isOffline } from '$lib/errors/base';

export { listeningLinks };
export type { ListeningLink } from '$lib/catalog';

/** Where MusicBrainz is and the IndexedDB cache its answers go to. */
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

/** The cache key of an album still unverified, or '' when there is nothing to look up. */
export function laterCheckKey(album: RecommendedAlbumEntry): string {
	return album.status === 'unverified' ? albumIdentityKey(album) : '';
}

/** What the catalogue said of it since (read inside a liveQuery). */
export async function laterCheck(
	key: string
): Promise<{ status?: string; mbid?: string } | undefined> {
	if (!key) return undefined;
	const row = await db().catalogCache.get(key);
	return row?.value as { status?: string; mbid?: string } | undefined;
}

export function coverOf(mbid: string, size: CoverSize): string {
	return coverUrl(mbid, size);
}
