/** Types for tests/fakes/fake-musicbrainz.mjs (plain JS so any runtime can start it). */

export type FakeMusicBrainzMode = 'ok' | '503' | 'down';

export interface FakeMusicBrainzRequest {
	/** When the request arrived (ms since epoch). */
	at: number;
	/** The Lucene query, decoded. */
	query: string;
	limit: string | null;
	userAgent: string | null;
}

export interface FakeMusicBrainz {
	/** Base URL, e.g. http://127.0.0.1:PORT (the search lives at /ws/2/release-group). */
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
}): Promise<FakeMusicBrainz>;

/** Folded words, as the search index sees text. */
export function tokens(text: string): string[];

export function parseQuery(
	query: string
): { title: string[]; titleSlop: number; artist: string[]; artistSlop: number }[] | null;
