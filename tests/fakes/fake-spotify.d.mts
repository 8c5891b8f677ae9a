/** Types for tests/fakes/fake-spotify.mjs (plain JS so any runtime can start it). */

export type FakeSpotifyMode = 'ok' | '429' | 'premium' | '503' | 'down' | 'deny';

export interface FakeSpotifyRequest {
	at: number;
	method: string;
	/** e.g. /authorize, /api/token, /v1/me/top/artists. */
	path: string;
	/** The query string, with its '?'. */
	search: string;
	authorization: string | null;
	/** JSON bodies of the Web API (the token endpoint's form is not kept). */
	body: string;
	/** For /api/token: the grant type asked for. */
	grant?: string;
}

export interface FakeSpotifyState {
	playlists: {
		id: string;
		name: string;
		description: string | null;
		public: boolean;
		uris: string[];
	}[];
	accessTokens: number;
	refreshTokens: number;
}

export interface FakeSpotify {
	/** Both hosts: accounts (/authorize, /api/token) and the Web API (/v1/...). */
	url: string;
	port: number;
	clientId: string;
	setMode(mode: FakeSpotifyMode, times?: number, options?: { retryAfter?: number | null }): void;
	requests(): FakeSpotifyRequest[];
	/** Forgets the requests seen so far; tokens stay valid. */
	clearRequests(): void;
	reset(): void;
	/** Every access token given so far expires now. */
	expireAll(): void;
	/** The listener removed the app: tokens and refresh tokens stop working. */
	revokeAll(): void;
	configure(options: { expiresIn?: number; hide?: string[] }): void;
	state(): FakeSpotifyState;
	close(): Promise<void>;
}

export const FAKE_SPOTIFY_CLIENT_ID: string;
export const LISTENER: {
	id: string;
	display_name: string;
	top: Record<'short_term' | 'medium_term' | 'long_term', string[]>;
};

export function startFakeSpotify(options?: {
	port?: number;
	host?: string;
	clientId?: string;
}): Promise<FakeSpotify>;
