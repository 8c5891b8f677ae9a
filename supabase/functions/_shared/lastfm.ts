/**
 * `POST /curator/lastfm/top-artists` (contract/lastfm.ts): a listener's top artists from Last.fm.
 *
 * Last.fm's API needs a key, which must not reach the browser, so the app asks this function and
 * the function asks Last.fm (`user.getTopArtists`). The same door as the AI routes: the caller's
 * token first, then the per-user rate limit, then the body; a refusal never costs a Last.fm call.
 *
 * Last.fm's answers are read as they really come (tests/unit/fixtures/api-real/lastfm): numbers as
 * strings, a UTF-8 BOM now and then, no `artist` key for a listener with no scrobbles (and an object
 * instead of a list when there is only one), and errors as `{ error: <number>, message }` with
 * HTTP 404 (6, unknown user), 403 or 400 (17, private), 429 (29, rate limit) or even 200.
 */
import type { CuratorConfig } from './config.ts';
import type { CuratorDeps } from './deps.ts';
import { readJsonBody } from './body.ts';
import { CuratorError, errorResponse, invalidInput, jsonResponse } from './errors.ts';
import {
	type LastfmTopArtists,
	LastfmTopArtistsRequest,
	type LastfmTopArtistsRequest as Request_
} from './contract/lastfm.ts';
import * as z from 'zod/mini';

const TIMEOUT_MS = 10_000;
/** Last.fm says nothing of how long to wait after error 29; a minute is what its docs hint at. */
const RATE_LIMIT_WAIT_S = 60;

function parseRequest(value: unknown): Request_ {
	const result = z.safeParse(LastfmTopArtistsRequest, value);
	if (result.success) return result.data;
	const fields: Record<string, string> = {};
	for (const issue of result.error.issues) {
		fields[issue.path.join('.') || 'body'] ??= issue.message;
	}
	throw invalidInput(fields);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** What Last.fm's error means for the listener (or the operator). */
function lastfmError(code: number, message: string, user: string, status: number): CuratorError {
	switch (code) {
		case 6:
			// Also "Invalid parameters"; with a user given, 6 from user.* means the name is unknown.
			return new CuratorError('UNKNOWN_USER', `Last.fm has no listener called “${user}”.`);
		case 17:
			return new CuratorError(
				'PRIVATE_PROFILE',
				`“${user}” keeps their Last.fm listening private. They can show it again in Last.fm's privacy settings.`
			);
		case 29:
			return new CuratorError(
				'RATE_LIMITED',
				'Last.fm is getting too many requests from this app right now.',
				{ retryAfter: RATE_LIMIT_WAIT_S }
			);
		case 10:
		case 26:
			console.error(
				JSON.stringify({ level: 'error', msg: 'Last.fm refused the API key', code, message })
			);
			return new CuratorError(
				'SERVICE_NOT_CONFIGURED',
				'Last.fm refused this server’s API key. The operator must check LASTFM_API_KEY (docs/connect.md).'
			);
		default:
			return new CuratorError(
				'UPSTREAM_UNAVAILABLE',
				`Last.fm could not answer just now (${status}, error ${code}: ${message}). Try again in a minute.`
			);
	}
}

/** The artists of a `user.getTopArtists` answer, or an error for anything else. */
export function readTopArtists(
	text: string,
	status: number,
	req: Pick<Request_, 'user' | 'period'>
): LastfmTopArtists {
	let body: unknown;
	try {
		body = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		throw new CuratorError(
			'UPSTREAM_UNAVAILABLE',
			`Last.fm could not answer just now (${status}). Try again in a minute.`
		);
	}
	if (isObject(body) && typeof body.error === 'number') {
		throw lastfmError(body.error, String(body.message ?? ''), req.user, status);
	}
	const top = isObject(body) && isObject(body.topartists) ? body.topartists : undefined;
	if (status !== 200 || !top) {
		throw new CuratorError(
			'UPSTREAM_UNAVAILABLE',
			`Last.fm could not answer just now (${status}). Try again in a minute.`
		);
	}
	const raw = top.artist === undefined ? [] : Array.isArray(top.artist) ? top.artist : [top.artist];
	const attr = isObject(top['@attr']) ? top['@attr'] : top;
	const artists = raw.flatMap((a) => {
		if (!isObject(a) || typeof a.name !== 'string' || !a.name.trim()) return [];
		const plays = Number(a.playcount);
		return [{ name: a.name.trim(), plays: Number.isInteger(plays) && plays >= 0 ? plays : 0 }];
	});
	return {
		user: typeof attr.user === 'string' && attr.user ? attr.user : req.user,
		period: req.period,
		artists
	};
}

/** Asks Last.fm; network trouble and time-outs are Last.fm being unavailable. */
export async function fetchTopArtists(
	config: Pick<CuratorConfig, 'lastfmApiKey' | 'lastfmApiUrl'>,
	req: Request_,
	signal?: AbortSignal
): Promise<LastfmTopArtists> {
	if (!config.lastfmApiKey) {
		throw new CuratorError(
			'SERVICE_NOT_CONFIGURED',
			'Last.fm is not set up on this server: the operator must set LASTFM_API_KEY in the curator ' +
				"function's environment (docs/connect.md). You can still type your artists or import a Last.fm export."
		);
	}
	const url = new URL(config.lastfmApiUrl);
	url.search = new URLSearchParams({
		method: 'user.gettopartists',
		user: req.user,
		period: req.period,
		limit: String(req.limit ?? 100),
		api_key: config.lastfmApiKey,
		format: 'json'
	}).toString();
	const timeout = AbortSignal.timeout(TIMEOUT_MS);
	let response: Response;
	let text: string;
	try {
		response = await fetch(url, {
			headers: { accept: 'application/json', 'user-agent': 'SonicCartographer/0.1' },
			signal: signal ? AbortSignal.any([signal, timeout]) : timeout
		});
		text = await response.text();
	} catch (cause) {
		throw new CuratorError(
			'UPSTREAM_UNAVAILABLE',
			'Last.fm could not be reached just now. Try again in a minute.',
			{ cause }
		);
	}
	return readTopArtists(text, response.status, req);
}

export async function handleLastfmTopArtists(
	request: Request,
	deps: CuratorDeps,
	cors: Headers
): Promise<Response> {
	try {
		const userId = await deps.auth.userId(request);
		const rate = await deps.limiter.hit(userId);
		if (!rate.allowed) {
			throw new CuratorError('RATE_LIMITED', undefined, { retryAfter: rate.retryAfterSeconds });
		}
		const { value } = await readJsonBody(request, deps.config.maxBodyBytes);
		const req = parseRequest(value);
		return jsonResponse(await fetchTopArtists(deps.config, req, request.signal), cors);
	} catch (error) {
		return errorResponse(error, cors);
	}
}
