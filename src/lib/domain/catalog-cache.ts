/**
 * The seam between catalogue grounding and where its answers are kept. Grounding
 * takes a cache as a parameter and never picks one itself; the app builds its
 * IndexedDB cache in src/lib/db/catalog-cache.ts, tests and scripts pass one in memory.
 * Only definite answers are stored — 'verified' and 'not-found' — because an
 * 'unverified' album must be checked again when MusicBrainz is reachable.
 */

export interface CachedGrounding {
	status: 'verified' | 'not-found';
	mbid?: string;
	firstReleaseYear?: string;
	matchedTitle?: string;
	matchedArtist?: string;
	/** When MusicBrainz gave this answer (ms since epoch). */
	checkedAt: number;
}

export interface CatalogCache {
	get(key: string): Promise<CachedGrounding | undefined>;
	put(key: string, value: CachedGrounding): Promise<void>;
}
