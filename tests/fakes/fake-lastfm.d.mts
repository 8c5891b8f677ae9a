/** Types for tests/fakes/fake-lastfm.mjs (plain JS so Node and Deno can both run it). */

export type FakeLastfmMode = 'ok' | '429' | '503' | 'down';

export interface FakeLastfmRequest {
	at: number;
	path: string;
	/** The query parameters, api_key included. */
	params: Record<string, string>;
}

export interface FakeLastfm {
	/** The API root, e.g. http://127.0.0.1:PORT/2.0/ (what LASTFM_API_URL points at). */
	url: string;
	port: number;
	apiKey: string;
	setMode(mode: FakeLastfmMode, times?: number): void;
	requests(): FakeLastfmRequest[];
	reset(): void;
	close(): Promise<void>;
}

/** Play counts per period for each listener the fake knows, best first. */
export const LISTENERS: Record<string, Record<string, [name: string, plays: number][]>>;
/** A listener whose listening is private (error 17). */
export const PRIVATE_LISTENER: string;

export function startFakeLastfm(options?: {
	port?: number;
	host?: string;
	apiKey?: string;
}): Promise<FakeLastfm>;
