/**
 * What an OpenAI-compatible server answered, read for what went wrong: a 200 that is no
 * completion (an HTML page from a proxy, JSON cut off, an error object as OpenRouter sends it),
 * an answer left in the reasoning field, nothing listening at the address, and which failures
 * are worth another try.
 */
import { APIConnectionError, APIError } from 'openai';

/** A 200 from upstream that is no completion; `reason` is for the log, not the listener. */
export class UpstreamMalformed extends Error {
	readonly status = 200;
	constructor(readonly reason: string, options: { cause?: unknown } = {}) {
		super(`the AI server ${reason}`, options);
		this.name = 'UpstreamMalformed';
	}
}

/** A short, one-line look at what came back instead of a completion. */
export function glimpse(text: string): string {
	const line = text.replace(/\s+/g, ' ').trim();
	return JSON.stringify(line.length > 120 ? `${line.slice(0, 120)}…` : line);
}

/** Turns the SDK's JSON parse failure of a 200 body into an upstream failure. */
export function malformedOr(error: unknown, what: string): unknown {
	return error instanceof SyntaxError
		? new UpstreamMalformed(`answered 200 with ${what} that is not valid JSON (${error.message})`, {
			cause: error
		})
		: error;
}

/** An upstream 200 whose body is an error object (OpenRouter does this), as an upstream failure. */
export function reportedError(body: unknown): UpstreamMalformed | null {
	if (typeof body !== 'object' || body === null || !('error' in body)) return null;
	const error = (body as { error: unknown }).error;
	if (typeof error !== 'object' || error === null) return null;
	const e = error as { message?: unknown; code?: unknown; metadata?: { provider_name?: unknown } };
	const about = [
		e.code !== undefined ? `code ${String(e.code)}` : '',
		typeof e.metadata?.provider_name === 'string' ? `from ${e.metadata.provider_name}` : ''
	].filter(Boolean).join(', ');
	const message = typeof e.message === 'string' ? e.message : JSON.stringify(error);
	return new UpstreamMalformed(
		`answered 200 with an error instead of a completion: ${glimpse(message)}${
			about ? ` (${about})` : ''
		}`
	);
}

/** Enough of a reasoning field to hold an answer that landed there; the rest is thought. */
export const MAX_REASONING_CHARS = 200_000;

/**
 * The reasoning field of a message or delta (vLLM, llama.cpp: `reasoning_content`; Ollama:
 * `reasoning`). A reasoning parser that never sees the end of the thought puts the whole answer
 * there and leaves `content` empty; that answer is still validated like any other.
 */
export function reasoningOf(part: unknown): string {
	if (typeof part !== 'object' || part === null) return '';
	const { reasoning_content, reasoning } = part as {
		reasoning_content?: unknown;
		reasoning?: unknown;
	};
	const text = reasoning_content ?? reasoning;
	return typeof text === 'string' ? text : '';
}

/** Local servers people run, by their default port: named when nothing answers there. */
const LOCAL_SERVERS: Record<string, string> = {
	'11434': 'Ollama',
	'1234': 'LM Studio',
	'8080': "llama.cpp's server (llama-server)",
	'8000': 'vLLM'
};

/** True when the upstream's address refused the connection (no server listening). */
export function connectionRefused(error: unknown): boolean {
	for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
		const text = `${(e as { code?: unknown }).code ?? ''} ${(e as Error).message ?? ''}`;
		if (/ECONNREFUSED|connection refused/i.test(text)) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

/** "nothing answers at http://127.0.0.1:11434 — is Ollama running?" */
export function unreachableMessage(baseUrl: string): string {
	let origin = baseUrl;
	let port = '';
	try {
		const url = new URL(baseUrl);
		origin = url.origin;
		port = url.port;
	} catch {
		/* an odd URL is still worth naming as it was set */
	}
	const server = LOCAL_SERVERS[port];
	return `The curator cannot reach its AI server: nothing answers at ${origin}${
		server ? ` — is ${server} running?` : '. Is the server running, and is OPENAI_BASE_URL right?'
	}`;
}

export function isTransient(error: unknown): boolean {
	if (error instanceof APIConnectionError || error instanceof UpstreamMalformed) return true;
	if (error instanceof APIError) return error.status === 429 || (error.status ?? 0) >= 500;
	return false;
}
