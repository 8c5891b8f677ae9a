/** Types for tests/fakes/fake-musicbrainz.mjs (plain JS so any runtime can start it). */

export type FakeMusicBrainzMode = 'ok' | '503' | 'down';

export interface FakeMusicBrainzRequest {
	/** When the request arrived (ms since epoch). */
	at: number;
	/** e.g. /ws/2/release-group, /ws/2/artist, /ws/2/area/<id>. */
	path: string;
	/** The Lucene query, decoded. */
	query: string;
	limit: string | null;
	userAgent: string | null;
}

export interface FakeMusicBrainz {
	/** Base URL, e.g. http://127.0.0.1:PORT (searches at /ws/2/release-group and /ws/2/artist). */
	url: string;
	port: number;
	/** '503' answers 503, 'down' drops the connection; for `times` requests, or until reset. */
	setMode(mode: FakeMusicBrainzMode, times?: number): void;
	requests(): FakeMusicBrainzRequest[];
	reset(): void;
	close(): Promise<void>;
}

export function startFakeMusicBrainz(options?: {
	port?: number;
	host?: string;
	/** Delay before every answer, like a far-away server. */
	latencyMs?: number;
	/** More artists for the catalogue (e.g. a benchmark's), in the shape of FakeArtistRow. */
	artists?: FakeArtistRow[];
}): Promise<FakeMusicBrainz>;

/**
 * [name, type, area, begin-area, begin, end, tags [name, count][], disambiguation?, sort name?,
 * MBID?]; areas are names the fake knows (tests/fakes/fake-musicbrainz-artists.mjs).
 */
export type FakeArtistRow = [
	name: string,
	type: string,
	area: string | null,
	beginArea: string | null,
	begin: string | null,
	end: string | null,
	tags: [name: string, count: number][],
	disambiguation?: string | null,
	sortName?: string | null,
	mbid?: string
];

export function parseArtistQuery(query: string): { words: string[]; slop: number }[] | null;

/** Folded words, as the search index sees text. */
export function tokens(text: string): string[];

export function parseQuery(
	query: string
): { title: string[]; titleSlop: number; artist: string[]; artistSlop: number }[] | null;
