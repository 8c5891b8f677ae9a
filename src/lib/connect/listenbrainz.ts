/**
 * ListenBrainz's main API (api.listenbrainz.org/1/): a listener's top artists from their public
 * statistics, checking a user token, and saving a playlist (JSPF) to their account. Answers as
 * the real server sends them (tests/unit/fixtures/api-real/listenbrainz): `{ code, error }` on
 * failure, 204 with no body while statistics are not calculated yet, 401 for a wrong token, and
 * a rate limit whose wait is in `X-RateLimit-Reset-In` (seconds).
 */
import { ConnectError } from '$lib/errors/base';
import {
	isObject,
	json,
	retryAfterSeconds,
	send,
	text,
	type RequestOptions,
	type ServiceAnswer
} from './http';
import type { Jspf } from './jspf';
import type { ServiceArtist } from './types';

/** The ranges offered to the listener (ListenBrainz has more). */
export const LB_RANGES = ['all_time', 'this_year', 'this_month'] as const;
export type LbRange = (typeof LB_RANGES)[number];

/** A ListenBrainz (MusicBrainz) username: letters, digits, and a few punctuation marks. */
export const LB_USERNAME = /^[^\s/?#]{1,64}$/;

function failure(answer: ServiceAnswer, user?: string): ConnectError {
	const body = json(answer.text);
	const words = (isObject(body) && text(body.error)) || `ListenBrainz answered ${answer.status}`;
	const extra = { status: answer.status, user };
	switch (answer.status) {
		case 401:
			return new ConnectError('listenbrainz', 'INVALID_TOKEN', words, extra);
		case 404:
			return new ConnectError('listenbrainz', 'UNKNOWN_USER', words, extra);
		case 429: {
			const resetIn = Number(answer.headers.get('X-RateLimit-Reset-In'));
			return new ConnectError('listenbrainz', 'RATE_LIMITED', words, {
				...extra,
				retryAfterSeconds:
					Number.isFinite(resetIn) && resetIn >= 0 ? resetIn : retryAfterSeconds(answer.headers)
			});
		}
	}
	if (answer.status >= 500) return new ConnectError('listenbrainz', 'UNAVAILABLE', words, extra);
	return new ConnectError('listenbrainz', 'REJECTED', words, extra);
}

/** The top artists of a `GET /1/stats/user/{user}/artists` answer. */
export function readTopArtists(answer: ServiceAnswer, user: string): ServiceArtist[] {
	if (answer.status === 204) {
		throw new ConnectError('listenbrainz', 'NO_STATS', 'Statistics not calculated yet', {
			status: 204,
			user
		});
	}
	if (answer.status !== 200) throw failure(answer, user);
	const body = json(answer.text);
	const payload = isObject(body) && isObject(body.payload) ? body.payload : undefined;
	if (!payload || !Array.isArray(payload.artists)) {
		throw new ConnectError(
			'listenbrainz',
			'UNAVAILABLE',
			'ListenBrainz sent unexpected statistics'
		);
	}
	// One name may come twice (matched and unmatched listens): their counts add up.
	const byName = new Map<string, ServiceArtist>();
	for (const a of payload.artists) {
		const name = isObject(a) ? text(a.artist_name) : undefined;
		if (!name) continue;
		const plays = Number((a as Record<string, unknown>).listen_count);
		const count = Number.isInteger(plays) && plays >= 0 ? plays : 0;
		const seen = byName.get(name);
		if (seen) seen.plays = (seen.plays ?? 0) + count;
		else byName.set(name, { name, plays: count });
	}
	return [...byName.values()];
}

export async function topArtists(
	baseUrl: string,
	query: { user: string; range: LbRange; count?: number },
	opts: RequestOptions = {}
): Promise<ServiceArtist[]> {
	const url = `${baseUrl}/1/stats/user/${encodeURIComponent(query.user)}/artists?range=${query.range}&count=${query.count ?? 100}`;
	return readTopArtists(await send('listenbrainz', url, { method: 'GET' }, opts), query.user);
}

/** Whose token it is, or INVALID_TOKEN (`/1/validate-token` answers 200 either way). */
export async function validateToken(
	baseUrl: string,
	token: string,
	opts: RequestOptions = {}
): Promise<{ user: string }> {
	const answer = await send(
		'listenbrainz',
		`${baseUrl}/1/validate-token`,
		{ method: 'GET', headers: { Authorization: `Token ${token}` } },
		opts
	);
	if (answer.status !== 200) throw failure(answer);
	const body = json(answer.text);
	const user = isObject(body) && body.valid === true ? text(body.user_name) : undefined;
	if (!user) throw new ConnectError('listenbrainz', 'INVALID_TOKEN', 'Token invalid.');
	return { user };
}

/** Saves the playlist to the token's account; its address on listenbrainz.org. */
export async function createPlaylist(
	baseUrl: string,
	token: string,
	jspf: Jspf,
	opts: RequestOptions = {}
): Promise<{ mbid: string; url: string }> {
	const answer = await send(
		'listenbrainz',
		`${baseUrl}/1/playlist/create`,
		{
			method: 'POST',
			headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(jspf)
		},
		opts
	);
	if (answer.status !== 200) throw failure(answer);
	const body = json(answer.text);
	const mbid = isObject(body) ? text(body.playlist_mbid) : undefined;
	if (!mbid) throw new ConnectError('listenbrainz', 'UNAVAILABLE', 'ListenBrainz made no playlist');
	return { mbid, url: `https://listenbrainz.org/playlist/${mbid}` };
}
