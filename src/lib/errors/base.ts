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

/** The music services a listener may connect (docs/connect.md). */
export type ConnectService = 'spotify' | 'lastfm' | 'listenbrainz';

/**
 * Why a music service refused or could not answer, in our words (the connect layer maps each
 * service's answers to these; errors/connect.ts words them for the listener).
 */
export type ConnectErrorCode =
	| 'OFFLINE'
	/** The service is down, unreachable, or answered something we cannot read. */
	| 'UNAVAILABLE'
	| 'RATE_LIMITED'
	/** The service no longer accepts our tokens (the listener removed the app, or they expired for good). */
	| 'REVOKED'
	| 'NOT_CONNECTED'
	/** The operator has not set the service up (no Spotify client ID, no Last.fm key). */
	| 'NOT_CONFIGURED'
	/** The listener said no on the service's own page. */
	| 'DENIED'
	| 'UNKNOWN_USER'
	| 'PRIVATE'
	/** ListenBrainz has not calculated this listener's statistics yet. */
	| 'NO_STATS'
	/** A ListenBrainz user token that is not (or no longer) valid. */
	| 'INVALID_TOKEN'
	/** A Spotify app in Development Mode whose owner has no Premium. */
	| 'OWNER_NEEDS_PREMIUM'
	/** Anything else the service refused; the message says what. */
	| 'REJECTED';

export class ConnectError extends AppError<ConnectErrorCode> {
	override name = 'ConnectError';

	constructor(
		readonly service: ConnectService,
		code: ConnectErrorCode,
		message: string,
		readonly extra: { status?: number; retryAfterSeconds?: number; user?: string } = {}
	) {
		super(code, message);
	}
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
