/**
 * The app's side of the curator contract (docs/architecture.md). Requests
 * carry everything the curator needs; responses are returned to the caller,
 * which stores them in Dexie — screens render from Dexie, never from here.
 * Every answer is checked against the contract first: one that does not fit
 * (a proxy's HTML page, a function of another version) is UPSTREAM_INVALID,
 * so nothing half-understood is ever stored.
 */
import { accessToken } from '$lib/auth/client';
import { AuthFailure, CuratorError, isOffline } from '$lib/errors/base';
import { config, curatorUrl } from '$lib/config';
import {
	check,
	type ConverseResult,
	CuratorErrorBody,
	RecommendedAlbum,
	type RecommendResult,
	ROUTES,
	type RouteName,
	type Sent,
	StreamDelta,
	summarise
} from '$contract/curator';
import type * as z from 'zod/mini';
import { readSse } from './sse';

export interface CallOptions {
	signal?: AbortSignal;
	idempotencyKey?: string;
}

function headers(accept: string, token: string, idempotencyKey?: string): HeadersInit {
	const h: Record<string, string> = {
		'Content-Type': 'application/json',
		Accept: accept,
		Authorization: `Bearer ${token}`,
		apikey: config.anonKey
	};
	if (idempotencyKey) h['Idempotency-Key'] = idempotencyKey;
	return h;
}

async function send(
	route: string,
	body: unknown,
	accept: string,
	opts: CallOptions
): Promise<Response> {
	if (isOffline()) {
		throw new CuratorError('OFFLINE', 'You are offline');
	}
	let res: Response;
	try {
		// The curator needs a user JWT: the listener's session, or an anonymous one
		// made on first use (no account needed; it can be upgraded later).
		const token = await accessToken();
		res = await fetch(curatorUrl(route), {
			method: 'POST',
			headers: headers(accept, token, opts.idempotencyKey),
			body: JSON.stringify(body),
			signal: opts.signal
		});
	} catch (err) {
		if (err instanceof DOMException && err.name === 'AbortError') {
			throw new CuratorError('ABORTED', 'Cancelled');
		}
		// No session to be had (e.g. the server allows no anonymous ones): Auth's own words.
		if (err instanceof AuthFailure && err.code !== 'OFFLINE') throw err;
		throw new CuratorError(isOffline() ? 'OFFLINE' : 'NETWORK', String(err));
	}
	if (!res.ok) throw await errorFrom(res);
	return res;
}

async function errorFrom(res: Response): Promise<CuratorError> {
	let body: Partial<CuratorErrorBody> = {};
	try {
		const checked = check(CuratorErrorBody, await res.json());
		if (checked.ok) body = checked.value;
	} catch {
		// Not our JSON: a proxy or a crashed server. Fall through to a generic error.
	}
	const retryAfter = Number(res.headers.get('Retry-After')) || undefined;
	const code = body.error?.code ?? (res.status >= 500 ? 'NETWORK' : 'INTERNAL');
	return new CuratorError(
		code,
		body.error?.message ?? `The curator answered ${res.status}`,
		res.status,
		retryAfter,
		body.error?.details
	);
}

/** An answer outside the contract; what was wrong goes to `details` for a bug report. */
function garbled(res: Response, problem: string): CuratorError {
	return new CuratorError(
		'UPSTREAM_INVALID',
		`The curator answered ${res.status} with something the app cannot read`,
		res.status,
		undefined,
		{ problem }
	);
}

/** Text as JSON, checked against `schema`; anything else is a garbled answer. */
function read<S extends z.ZodMiniType>(schema: S, text: string, res: Response): z.output<S> {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		const type = res.headers.get('Content-Type') ?? 'no content type';
		throw garbled(res, `not JSON (${type}): ${text.slice(0, 80)}`);
	}
	const checked = check(schema, value);
	if (!checked.ok) throw garbled(res, summarise(checked.problems));
	return checked.value;
}

async function bodyOf(res: Response): Promise<string> {
	try {
		return await res.text();
	} catch (err) {
		if (err instanceof DOMException && err.name === 'AbortError') {
			throw new CuratorError('ABORTED', 'Cancelled');
		}
		throw new CuratorError(isOffline() ? 'OFFLINE' : 'NETWORK', String(err));
	}
}

/** Reads an SSE answer to its `done` event, handing each other event to `onEvent`. */
async function streamed<S extends z.ZodMiniType>(
	res: Response,
	done: S,
	onEvent: (event: { event: string; data: string }) => void,
	signal?: AbortSignal
): Promise<z.output<S>> {
	let result: z.output<S> | undefined;
	try {
		for await (const event of readSse(res, signal)) {
			if (event.event === 'done') {
				result = read(done, event.data, res);
			} else if (event.event === 'error') {
				const { error } = read(CuratorErrorBody, event.data, res);
				throw new CuratorError(error.code, error.message);
			} else {
				onEvent(event);
			}
		}
	} catch (err) {
		if (err instanceof CuratorError) throw err;
		if (err instanceof DOMException && err.name === 'AbortError') {
			throw new CuratorError('ABORTED', 'Cancelled');
		}
		throw new CuratorError(isOffline() ? 'OFFLINE' : 'NETWORK', String(err));
	}
	// A cancelled reader ends the stream quietly: that is the listener's cancel, not a cut.
	if (signal?.aborted) throw new CuratorError('ABORTED', 'Cancelled');
	if (result === undefined) {
		throw new CuratorError('NETWORK', 'The answer was cut off before it finished');
	}
	return result;
}

const isSse = (res: Response) =>
	(res.headers.get('Content-Type') ?? '').includes('text/event-stream');

async function call<R extends RouteName>(
	route: R,
	body: Sent<R>,
	opts: CallOptions = {}
): Promise<z.output<(typeof ROUTES)[R]['result']>> {
	const res = await send(route, body, 'application/json', opts);
	// One route's schema; TypeScript sees the union of all four.
	const schema = ROUTES[route].result as (typeof ROUTES)[R]['result'];
	return read(schema, await bodyOf(res), res) as z.output<(typeof ROUTES)[R]['result']>;
}

export const curator = {
	portrait: (req: Sent<'portrait'>, opts?: CallOptions) => call('portrait', req, opts),
	recommend: (req: Sent<'recommend'>, opts?: CallOptions) => call('recommend', req, opts),
	analyze: (req: Sent<'analyze'>, opts?: CallOptions) => call('analyze', req, opts),

	/** Streams the curator's next turn, calling onText with the text so far. */
	async converse(
		req: Sent<'converse'>,
		onText: (textSoFar: string) => void,
		opts: CallOptions = {}
	): Promise<ConverseResult> {
		const res = await send('converse', req, 'text/event-stream', opts);
		if (!isSse(res)) {
			const result = read(ROUTES.converse.result, await bodyOf(res), res);
			onText(result.message);
			return result;
		}
		let text = '';
		const done = await streamed(
			res,
			ROUTES.converse.result,
			(event) => {
				if (event.event !== 'delta') return;
				text += read(StreamDelta, event.data, res).text;
				onText(text);
			},
			opts.signal
		);
		onText(done.message);
		return done;
	},

	/**
	 * Streams recommendations: `onAlbum` gets each album as soon as the curator has it (checked
	 * against the contract first); resolves with the whole answer, which has the last word (a
	 * repaired answer may differ from what was shown). A server that answers JSON instead
	 * still calls `onAlbum` for each album.
	 */
	async recommendStream(
		req: Sent<'recommend'>,
		opts: CallOptions & { onAlbum: (album: RecommendedAlbum) => void }
	): Promise<RecommendResult> {
		const res = await send('recommend', req, 'text/event-stream', opts);
		if (!isSse(res)) {
			const result = read(ROUTES.recommend.result, await bodyOf(res), res);
			for (const album of result.albums) opts.onAlbum(album);
			return result;
		}
		return streamed(
			res,
			ROUTES.recommend.result,
			(event) => {
				if (event.event === 'album') opts.onAlbum(read(RecommendedAlbum, event.data, res));
			},
			opts.signal
		);
	}
};

/** Another of the function's routes (Last.fm's top artists): JSON in, checked JSON out. */
export async function callJson<S extends z.ZodMiniType>(
	route: string,
	body: unknown,
	schema: S,
	opts: CallOptions = {}
): Promise<z.output<S>> {
	const res = await send(route, body, 'application/json', opts);
	return read(schema, await bodyOf(res), res);
}
