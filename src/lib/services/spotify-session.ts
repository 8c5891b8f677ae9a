/**
 * The listener's Spotify connection as the other services use it: a live access token that
 * refreshes itself a minute before it expires and once more after a 401, and a revoked grant
 * that disconnects cleanly (the row goes, nothing else is touched) with "Spotify disconnected you".
 *
 * Refreshing is the delicate part. With PKCE every refresh spends the refresh token and answers a
 * new one; two refreshes with the same token (two tabs, or two requests of one page) would have
 * the second refused, which looks exactly like a revoked grant. So refreshes run one at a time
 * (a Web Lock across the device's tabs, a queue within a page where there are no Web Locks), and
 * inside the lock the stored row is read again: if another refresh got there first, its token is
 * used instead of spending a new one. The new pair is stored only if the row still holds the
 * pair it replaces (db/connections.ts).
 */
import { config } from '$lib/config';
import { refreshAccess } from '$lib/connect/spotify-auth';
import type { SpotifyAccess } from '$lib/connect/spotify';
import { forgetConnection, loadConnection, replaceSpotifyTokens } from '$lib/db/connections';
import { ConnectError } from '$lib/errors/base';

/** Refresh this long before the access token expires. */
export const REFRESH_MARGIN_MS = 60_000;
const LOCK = 'sonic-cartographer:spotify-refresh';

/** Which Spotify the app talks to (the configured one; tests pass the shared fake). */
export interface SpotifyEndpoints {
	clientId: string;
	accountsUrl: string;
	apiUrl: string;
}

export function appSpotify(): SpotifyEndpoints {
	return {
		clientId: config.spotifyClientId,
		accountsUrl: config.spotifyAccountsUrl,
		apiUrl: config.spotifyApiUrl
	};
}

export function spotifyConfigured(where: SpotifyEndpoints = appSpotify()): boolean {
	return where.clientId !== '';
}

export function notConfigured(): ConnectError {
	return new ConnectError(
		'spotify',
		'NOT_CONFIGURED',
		'This copy of the app has no Spotify client ID, so it cannot connect to Spotify. The person who runs it registers an app in the Spotify developer dashboard and sets PUBLIC_SPOTIFY_CLIENT_ID (docs/connect.md). You can still type your artists or import a Spotify export.'
	);
}

const notConnected = () =>
	new ConnectError('spotify', 'NOT_CONNECTED', 'Spotify is not connected on this device');

let queue: Promise<unknown> = Promise.resolve();

/** Runs `task` alone: across tabs with a Web Lock, else after whatever this page queued. */
function exclusively<T>(task: () => Promise<T>): Promise<T> {
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (locks) return locks.request(LOCK, task);
	const run = queue.then(task, task);
	queue = run.catch(() => undefined);
	return run;
}

async function refreshed(
	stale: string,
	where: SpotifyEndpoints,
	signal?: AbortSignal
): Promise<string> {
	return exclusively(async () => {
		const row = await loadConnection('spotify');
		if (!row?.refreshToken || !row.accessToken) throw notConnected();
		// Someone refreshed while this waited: their token is fresh, use it.
		if (row.accessToken !== stale && (row.expiresAt ?? 0) - REFRESH_MARGIN_MS > Date.now()) {
			return row.accessToken;
		}
		const next = await refreshAccess(where, row.refreshToken, { signal });
		if (!(await replaceSpotifyTokens(row.refreshToken, next))) throw notConnected();
		return next.accessToken;
	});
}

async function token(
	renew: boolean,
	where: SpotifyEndpoints,
	signal?: AbortSignal
): Promise<string> {
	if (!spotifyConfigured(where)) throw notConfigured();
	const row = await loadConnection('spotify');
	if (!row?.accessToken || !row.refreshToken) throw notConnected();
	if (!renew && (row.expiresAt ?? 0) - REFRESH_MARGIN_MS > Date.now()) return row.accessToken;
	return refreshed(row.accessToken, where, signal);
}

/**
 * Runs `step` with the listener's Spotify. A grant Spotify no longer honours (a refused refresh,
 * or a 401 even with a fresh token) disconnects this device: the tokens are forgotten and the
 * listener is asked to connect again; nothing else is touched.
 */
export async function withSpotify<T>(
	step: (access: SpotifyAccess) => Promise<T>,
	signal?: AbortSignal,
	where: SpotifyEndpoints = appSpotify()
): Promise<T> {
	const access: SpotifyAccess = {
		apiUrl: where.apiUrl,
		token: (renew = false) => token(renew, where, signal),
		signal
	};
	try {
		return await step(access);
	} catch (error) {
		if (error instanceof ConnectError && error.service === 'spotify' && error.code === 'REVOKED') {
			await forgetConnection('spotify');
		}
		throw error;
	}
}
