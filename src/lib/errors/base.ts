/**
 * The app's error classes and the checks every layer needs (abort, offline), without the
 * listener's words: lower layers throw these, and the first page loads only this much. The
 * words and `handleError` are in ./index.ts, which re-exports everything here.
 */
import type { CuratorErrorCode } from '$contract/curator';

// Kept in its own small module so the first page (the app's online status) loads only that.
export { isOffline } from './online';

export interface FailureText {
	title: string;
	body: string;
	/** Whether "Try again" makes sense without changing anything. */
	retry: boolean;
}

export class AppError<Code extends string = string> extends Error {
	override name = 'AppError';

	constructor(
		readonly code: Code,
		message: string,
		options?: { cause?: unknown }
	) {
		super(message, options);
	}
}

/** The curator's codes plus what only the client sees. */
export type CuratorFailure = CuratorErrorCode | 'OFFLINE' | 'NETWORK' | 'ABORTED';

export class CuratorError extends AppError<CuratorFailure> {
	override name = 'CuratorError';

	constructor(
		code: CuratorFailure,
		message: string,
		readonly status?: number,
		readonly retryAfterSeconds?: number,
		readonly details?: unknown
	) {
		super(code, message);
	}
}

/** Why Auth refused, in our words (auth/errors.ts maps Supabase Auth's answers to these). */
export type AuthErrorCode =
	| 'OFFLINE'
	| 'INVALID_CREDENTIALS'
	| 'EMAIL_TAKEN'
	| 'WEAK_PASSWORD'
	| 'INVALID_EMAIL'
	| 'RATE_LIMITED'
	| 'PROVIDER_UNAVAILABLE'
	| 'NOT_CONFIRMED'
	| 'ANONYMOUS_DISABLED'
	| 'SIGNUP_DISABLED'
	| 'UNKNOWN';

export class AuthFailure extends AppError<AuthErrorCode> {
	override name = 'AuthFailure';
}

/**
 * Why the catalogue curator (no AI provider: the curator drawn from MusicBrainz and ListenBrainz)
 * could not do a step: the services down or slow, the listener's artists unknown to them, or
 * nothing new left to recommend. The message names what is missing, in the listener's words.
 */
export type CatalogueFailure =
	'CATALOGUE_OFFLINE' | 'CATALOGUE_UNAVAILABLE' | 'TOO_FEW_KNOWN' | 'NO_NEIGHBOURS' | 'NOTHING_NEW';

export class CatalogueError extends AppError<CatalogueFailure> {
	override name = 'CatalogueError';
}

/** True for an abort the listener or the app asked for: nothing to show. */
export function isAbort(error: unknown): boolean {
	return (
		(error instanceof DOMException && error.name === 'AbortError') ||
		(error instanceof Error && error.name === 'AbortError') ||
		(typeof error === 'object' &&
			error !== null &&
			(error as { code?: unknown }).code === 'ABORTED')
	);
}
