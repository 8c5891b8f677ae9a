/**
 * A listener's Last.fm top artists, asked of the curator function (which holds the Last.fm API
 * key; contract/lastfm.ts). The function's refusals become the music-service errors every other
 * service raises, so the listener reads "Last.fm has no listener called …", not a curator error.
 */
import { ConnectError, CuratorError, type ConnectErrorCode } from '$lib/errors/base';
import { LastfmTopArtists, type LastfmPeriod } from '$contract/lastfm';
import { callJson } from './client';

const CODES: Partial<Record<string, ConnectErrorCode>> = {
	OFFLINE: 'OFFLINE',
	NETWORK: 'UNAVAILABLE',
	UPSTREAM_UNAVAILABLE: 'UNAVAILABLE',
	UPSTREAM_INVALID: 'UNAVAILABLE',
	UPSTREAM_TIMEOUT: 'UNAVAILABLE',
	RATE_LIMITED: 'RATE_LIMITED',
	UNKNOWN_USER: 'UNKNOWN_USER',
	PRIVATE_PROFILE: 'PRIVATE',
	SERVICE_NOT_CONFIGURED: 'NOT_CONFIGURED'
};

export async function lastfmTopArtists(
	query: { user: string; period: LastfmPeriod },
	signal?: AbortSignal
): Promise<LastfmTopArtists> {
	try {
		return await callJson('lastfm/top-artists', { ...query, limit: 100 }, LastfmTopArtists, {
			signal
		});
	} catch (error) {
		if (!(error instanceof CuratorError) || error.code === 'ABORTED') throw error;
		const code = CODES[error.code];
		if (!code) throw error;
		throw new ConnectError('lastfm', code, error.message, {
			status: error.status,
			retryAfterSeconds: error.retryAfterSeconds,
			user: query.user
		});
	}
}
