/**
 * The app's side of the curator contract (docs/architecture.md). Requests
 * carry everything the curator needs; responses are returned to the caller,
 * which stores them in Dexie — screens render from Dexie, never from here.
 */
import { accessToken } from '$lib/auth/client';
import { AuthFailure } from '$lib/auth/errors';
import { config, curatorUrl } from '$lib/config';
import type {
	AnalysisResult,
	AnalyzeRequest,
	ConverseRequest,
	ConverseResult,
	CuratorErrorBody,
	PortraitRequest,
	PortraitResult,
	RecommendRequest,
	RecommendResult
} from '$lib/domain/curator';
import { CuratorError } from './errors';
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
	if (typeof navigator !== 'undefined' && navigator.onLine === false) {
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
		if (err instanceof AuthFailure && err.reason !== 'offline') throw err;
		const offline = typeof navigator !== 'undefined' && navigator.onLine === false;
		throw new CuratorError(offline ? 'OFFLINE' : 'NETWORK', String(err));
	}
	if (!res.ok) throw await errorFrom(res);
	return res;
}

async function errorFrom(res: Response): Promise<CuratorError> {
	let body: Partial<CuratorErrorBody> = {};
	try {
		body = (await res.json()) as CuratorErrorBody;
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

async function call<T>(route: string, body: unknown, opts: CallOptions = {}): Promise<T> {
	const res = await send(route, body, 'application/json', opts);
	return (await res.json()) as T;
}

export const curator = {
	portrait: (req: PortraitRequest, opts?: CallOptions) =>
		call<PortraitResult>('portrait', req, opts),
	recommend: (req: RecommendRequest, opts?: CallOptions) =>
		call<RecommendResult>('recommend', req, opts),
	analyze: (req: AnalyzeRequest, opts?: CallOptions) => call<AnalysisResult>('analyze', req, opts),

	/** Streams the curator's next turn, calling onText with the text so far. */
	async converse(
		req: ConverseRequest,
		onText: (textSoFar: string) => void,
		opts: CallOptions = {}
	): Promise<ConverseResult> {
		const res = await send('converse', req, 'text/event-stream', opts);
		if (!(res.headers.get('Content-Type') ?? '').includes('text/event-stream')) {
			const result = (await res.json()) as ConverseResult;
			onText(result.message);
			return result;
		}
		let text = '';
		let done: ConverseResult | undefined;
		try {
			for await (const event of readSse(res, opts.signal)) {
				if (event.event === 'delta') {
					text += (JSON.parse(event.data) as { text: string }).text;
					onText(text);
				} else if (event.event === 'done') {
					done = JSON.parse(event.data) as ConverseResult;
				} else if (event.event === 'error') {
					const { error } = JSON.parse(event.data) as CuratorErrorBody;
					throw new CuratorError(error.code, error.message);
				}
			}
		} catch (err) {
			if (err instanceof CuratorError) throw err;
			if (err instanceof DOMException && err.name === 'AbortError') {
				throw new CuratorError('ABORTED', 'Cancelled');
			}
			throw new CuratorError(navigator.onLine ? 'NETWORK' : 'OFFLINE', String(err));
		}
		if (!done) throw new CuratorError('NETWORK', 'The answer was cut off before it finished');
		onText(done.message);
		return done;
	}
};
