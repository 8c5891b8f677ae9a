/** Types for tests/fakes/fake-listenbrainz.mjs (plain JS so any runtime can start it). */

export type FakeListenBrainzMode = 'ok' | '503' | '429' | 'down';

export interface FakeListenBrainzRequest {
	at: number;
	method: string;
	/** e.g. /similar-artists/json, /1/stats/user/<name>/artists. */
	path: string;
	/** The query string, with its '?'. */
	search: string;
	authorization: string | null;
	userAgent: string | null;
	body: string;
}

export interface FakeListenBrainz {
	/** Base URL of both hosts, e.g. http://127.0.0.1:PORT. */
	url: string;
	port: number;
	setMode(mode: FakeListenBrainzMode, times?: number): void;
	requests(): FakeListenBrainzRequest[];
	reset(): void;
	close(): Promise<void>;
}

export function startFakeListenBrainz(options?: {
	port?: number;
	host?: string;
	latencyMs?: number;
}): Promise<FakeListenBrainz>;
