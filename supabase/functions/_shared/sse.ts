/**
 * Server-sent events as the app consumes them (one protocol, written once):
 *
 *   event: delta\ndata: {"text":"<chunk>"}\n\n      – repeated, as the message text arrives
 *   event: done\ndata: {"message":…,"complete":…,"questionNumber":…}\n\n   – the validated object
 *   event: error\ndata: {"error":{"code":…,"message":…}}\n\n        – a failure after the start
 *
 * `data` is always one line of JSON (JSON.stringify escapes newlines), so no event is split.
 */
import type { ConverseResult } from './contract/curator.ts';
import { type CuratorError, errorBody } from './errors.ts';

const encoder = new TextEncoder();

export function sseEvent(event: 'delta' | 'done' | 'error', data: unknown): Uint8Array {
	return encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

export const deltaEvent = (text: string) => sseEvent('delta', { text });
export const doneEvent = (result: ConverseResult) => sseEvent('done', result);
export const errorEvent = (error: CuratorError) => sseEvent('error', errorBody(error));

export function sseHeaders(base: Headers): Headers {
	const headers = new Headers(base);
	headers.set('content-type', 'text/event-stream; charset=utf-8');
	headers.set('cache-control', 'no-cache, no-transform');
	// Stops nginx-style proxies from buffering the deltas.
	headers.set('x-accel-buffering', 'no');
	return headers;
}
