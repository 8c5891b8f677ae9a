/**
 * Artist facts for the screens and the curator: where and when each artist comes from, and
 * what MusicBrainz tags them with. Looked up through the catalogue (one request per second at
 * most, batched searches) and kept in IndexedDB, so a second look costs no request and the
 * map opens offline from what the device already knows.
 */
import { config } from '$lib/config';
import {
	lookUpArtistFacts,
	type ArtistFacts,
	type CachedArtistFacts,
	type FactsOptions
} from '$lib/catalog';
import { dexieArtistFactsCache } from '$lib/db/artist-facts-cache';
import { artistKey } from '$contract/identity';

export type { ArtistFacts };

/** The caller's abort and progress; tests may also point it at another MusicBrainz. */
export type FactsRequest = Partial<Omit<FactsOptions, 'cache'>>;

/** Where MusicBrainz is and the IndexedDB cache its artist answers go to. */
export function factsOptions(signal?: AbortSignal) {
	return { baseUrl: config.musicbrainzUrl, cache: dexieArtistFactsCache(), signal };
}

/**
 * Facts for each name, in the order given: from the device when it has them, else from
 * MusicBrainz. Never throws for a name or a failing MusicBrainz (those come back `unchecked`
 * and are asked again next time); only the caller's abort propagates.
 */
export function artistFacts(
	names: readonly string[],
	request: FactsRequest = {}
): Promise<ArtistFacts[]> {
	return lookUpArtistFacts(names, { ...factsOptions(request.signal), ...request });
}

/**
 * What the device already knows of these artists, without asking anyone (offline, or inside a
 * liveQuery): a map from artist key to the cached facts, stale ones included.
 */
export async function knownArtistFacts(
	names: readonly string[]
): Promise<Map<string, CachedArtistFacts>> {
	const cache = dexieArtistFactsCache();
	const known = new Map<string, CachedArtistFacts>();
	for (const name of names) {
		const key = artistKey(name);
		if (!key || known.has(key)) continue;
		const value = await cache.get(`artist:${key}`);
		if (value?.kind === 'artist') known.set(key, value);
	}
	return known;
}
