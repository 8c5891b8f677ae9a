/**
 * Typed curator errors, and the one place where a code becomes an HTTP status and words.
 *
 * Every failure the function can produce is a `CuratorError` carrying a code from the shared
 * contract (contract/curator.ts). Routes throw; `errorResponse` turns the error into
 * `{ error: { code, message, details? } }` with the contract's status. Messages are written for
 * the listener (the app may show them as they are), so they say what to do next.
 */
import type { CuratorErrorBody, CuratorErrorCode } from './contract/curator.ts';

export type { CuratorErrorCode };

const STATUS: Record<CuratorErrorCode, number> = {
	INVALID_INPUT: 400,
	UNAUTHORIZED: 401,
	NOT_FOUND: 404,
	TOO_LARGE: 413,
	RATE_LIMITED: 429,
	INTERNAL: 500,
	UPSTREAM_INVALID: 502,
	AI_NOT_CONFIGURED: 503,
	UPSTREAM_UNAVAILABLE: 503,
	UPSTREAM_TIMEOUT: 504,
	UNKNOWN_USER: 404,
	PRIVATE_PROFILE: 403,
	SERVICE_NOT_CONFIGURED: 503
};

/** Default listener-facing words per code; a throw site may pass a more specific message. */
const MESSAGE: Record<CuratorErrorCode, string> = {
	INVALID_INPUT: 'Some of what was sent to the curator is not usable; see details.',
	UNAUTHORIZED: 'Please sign in again: the curator could not verify your session.',
	NOT_FOUND: 'The curator has no such step.',
	TOO_LARGE: 'That request is too large for the curator (the limit is 256 KB).',
	RATE_LIMITED: 'You are going a little fast for the curator; please wait a moment and try again.',
	INTERNAL: 'The curator hit an unexpected problem. Please try again.',
	UPSTREAM_INVALID:
		'The AI model answered in a form the curator could not use, even after a second try. Please try again.',
	AI_NOT_CONFIGURED:
		'No AI model is configured for the curator. Set OPENAI_API_KEY, or set OPENAI_BASE_URL to any ' +
		'OpenAI-compatible server (for example a local Ollama at http://127.0.0.1:11434/v1) together ' +
		'with CURATOR_MODEL, then restart the functions (npm run functions).',
	UPSTREAM_UNAVAILABLE:
		'The AI model could not be reached or is overloaded right now. Please try again in a minute.',
	UPSTREAM_TIMEOUT: 'The AI model took too long to answer. Please try again.',
	UNKNOWN_USER: 'The music service has no listener of that name. Check the spelling.',
	PRIVATE_PROFILE: 'That listener keeps their listening history private on the music service.',
	SERVICE_NOT_CONFIGURED:
		'This music service is not set up on this server. The operator sets its key in the ' +
		"curator function's environment (docs/connect.md)."
};

export class CuratorError extends Error {
	readonly code: CuratorErrorCode;
	readonly details?: unknown;
	/** Seconds the client should wait (sent as Retry-After), for RATE_LIMITED. */
	readonly retryAfter?: number;

	constructor(
		code: CuratorErrorCode,
		message?: string,
		options: { details?: unknown; retryAfter?: number; cause?: unknown } = {}
	) {
		super(message ?? MESSAGE[code], { cause: options.cause });
		this.name = 'CuratorError';
		this.code = code;
		this.details = options.details;
		this.retryAfter = options.retryAfter;
	}

	get status(): number {
		return STATUS[this.code];
	}
}

/** Field-level input errors: path (e.g. `artists[3].name`) → what is wrong with it. */
export type FieldErrors = Record<string, string>;

export function invalidInput(fields: FieldErrors): CuratorError {
	return new CuratorError('INVALID_INPUT', undefined, { details: { fields } });
}

export function toCuratorError(error: unknown): CuratorError {
	if (error instanceof CuratorError) return error;
	console.error(
		JSON.stringify({ level: 'error', msg: 'unexpected curator error', error: String(error) })
	);
	return new CuratorError('INTERNAL', undefined, { cause: error });
}

export function errorBody(error: CuratorError): CuratorErrorBody {
	const body: CuratorErrorBody = { error: { code: error.code, message: error.message } };
	if (error.details !== undefined) body.error.details = error.details;
	return body;
}

export function errorResponse(error: unknown, headers: HeadersInit = {}): Response {
	const e = toCuratorError(error);
	const h = new Headers(headers);
	h.set('content-type', 'application/json; charset=utf-8');
	if (e.retryAfter !== undefined) {
		h.set('retry-after', String(Math.max(1, Math.ceil(e.retryAfter))));
	}
	return new Response(JSON.stringify(errorBody(e)), { status: e.status, headers: h });
}

export function jsonResponse(value: unknown, headers: HeadersInit = {}, status = 200): Response {
	const h = new Headers(headers);
	h.set('content-type', 'application/json; charset=utf-8');
	return new Response(JSON.stringify(value), { status, headers: h });
}
