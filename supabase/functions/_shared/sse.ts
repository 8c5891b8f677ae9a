/**
 * Server-sent events as the app consumes them (one protocol, written once):
 *
 *   event: delta\ndata: {"text":"<chunk>"}\n\n      – /converse: repeated, as the message text arrives
 *   event: album\ndata: {"title":…,"artist":…,"year":…,"reason":…,"genres":[…]}\n\n
 *                                                     – /recommend: each album once its entry is complete
 *   event: done\ndata: {…}\n\n   – the validated object, exactly what the JSON route answers
 *   event: error\ndata: {"error":{"code":…,"message":…}}\n\n        – a failure after the start
 *
 * `data` is always one line of JSON (JSON.stringify escapes newlines), so no event is split.
 */
import type { RecommendedAlbum } from './contract/curator.ts';
import { type CuratorError, errorBody } from './errors.ts';

const encoder = new TextEncoder();

export function sseEvent(event: 'delta' | 'album' | 'done' | 'error', data: unknown): Uint8Array {
	return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const deltaEvent = (text: string) => sseEvent('delta', { text });
export const albumEvent = (album: RecommendedAlbum) => sseEvent('album', album);
export const doneEvent = (result: unknown) => sseEvent('done', result);
export const errorEvent = (error: CuratorError) => sseEvent('error', errorBody(error));

export function sseHeaders(base: Headers): Headers {
	const headers = new Headers(base);
	headers.set('content-type', 'text/event-stream; charset=utf-8');
	headers.set('cache-control', 'no-cache, no-transform');
	// Stops nginx-style proxies from buffering the deltas.
	headers.set('x-accel-buffering', 'no');
	return headers;
}
