/**
 * The seam between artist facts (src/lib/catalog/facts.ts) and where they are kept. The
 * look-up takes a cache as a parameter and never picks one itself; the app builds its
 * IndexedDB cache in src/lib/db/artist-facts-cache.ts, tests and scripts pass one in memory.
 * Keys are `artist:<artist key>` and `area:<MBID>`.
 */

export type ArtistFactsStatus = 'known' | 'unknown' | 'ambiguous' | 'unchecked';

export interface AreaRef {
	mbid: string;
	name: string;
	type?: string;
}

export interface ArtistCandidate {
	mbid: string;
	name: string;
	disambiguation?: string;
	country?: string;
}

/** What MusicBrainz says about one artist, whoever asked for it under which spelling. */
export interface ArtistFactsFields {
	status: ArtistFactsStatus;
	mbid?: string;
	/** MusicBrainz's spelling ("Björk" for "Bjork"). */
	matchedName?: string;
	/** Person, Group, Orchestra, Choir, Character or Other. */
	type?: string;
	disambiguation?: string;
	area?: AreaRef;
	beginArea?: AreaRef;
	/** ISO 3166-1 alpha-2, from the area, else from where the artist began. */
	country?: string;
	countryFrom?: 'area' | 'begin-area';
	beginYear?: number;
	endYear?: number;
	/** Tags with a positive count, most votes first. */
	tags: { name: string; count: number }[];
	/** For `ambiguous`: the artists it could be. */
	candidates?: ArtistCandidate[];
}

export type CachedArtistFacts = ArtistFactsFields & {
	kind: 'artist';
	/** When MusicBrainz gave these facts (ms since epoch). */
	checkedAt: number;
};

export interface CachedArea {
	kind: 'area';
	/** null: MusicBrainz places the area in no country. */
	country: string | null;
	checkedAt: number;
}

export type CachedFact = CachedArtistFacts | CachedArea;

/** Where facts are kept: keys `artist:<artist key>` and `area:<MBID>`. */
export interface ArtistFactsCache {
	get(key: string): Promise<CachedFact | undefined>;
	set(key: string, value: CachedFact): Promise<void>;
}
