/**
 * One request to a music service, the way every connect call makes it: refused at once when the
 * device is offline, bounded by a timeout, and any network failure turned into a ConnectError the
 * listener can read ("Spotify is not answering"). The whole body is read as text, because the
 * services do not always answer JSON (Spotify's Development Mode refusal is plain text, a 204 has
 * no body, a proxy's error is HTML): callers parse what they expect and treat the rest as such.
 */
import { ConnectError, isAbort, isOffline, type ConnectService } from '$lib/errors/base';

export interface RequestOptions {
	/** Another fetch (tests pass the real one pointed elsewhere; the app uses the global). */
	fetch?: typeof fetch;
	signal?: AbortSignal;
	/** Per request (default 15 s); a hung request counts as the service being unavailable. */
	timeoutMs?: number;
}

export interface ServiceAnswer {
	status: number;
	headers: Headers;
	text: string;
}

export async function send(
	service: ConnectService,
	url: string,
	init: RequestInit,
	opts: RequestOptions = {}
): Promise<ServiceAnswer> {
	if (isOffline()) throw new ConnectError(service, 'OFFLINE', 'You are offline');
	const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
	const timeout = AbortSignal.timeout(opts.timeoutMs ?? 15_000);
	const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
	try {
		const res = await doFetch(url, { ...init, signal });
		return { status: res.status, headers: res.headers, text: await res.text() };
	} catch (error) {
		if (opts.signal?.aborted && isAbort(error)) throw error;
		throw new ConnectError(
			service,
			isOffline() ? 'OFFLINE' : 'UNAVAILABLE',
			`${service} could not be reached: ${String(error)}`
		);
	}
}

/** The body as JSON, or undefined when it is not (empty, plain text, HTML). */
export function json(text: string): unknown {
	try {
		return JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return undefined;
	}
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date), when there is one. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
	const value = headers.get('Retry-After')?.trim();
	if (!value) return undefined;
	if (/^\d+$/.test(value)) return Number(value);
	const at = Date.parse(value);
	return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

export const text = (v: unknown): string | undefined =>
	typeof v === 'string' && v.trim() ? v.trim() : undefined;
