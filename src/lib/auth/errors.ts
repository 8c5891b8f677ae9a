/**
 * Supabase Auth's answers (and network failures) mapped at the edge to our AuthFailure codes;
 * their words are in $lib/errors with the app's other errors.
 */
import { AuthFailure, describeError, isOffline, type AuthErrorCode } from '$lib/errors';

export { AuthFailure, type AuthErrorCode };

interface AuthErrorLike {
	message?: string;
	code?: string;
	status?: number;
	name?: string;
}

/** Turns a supabase-js auth error (or a network failure) into an AuthFailure. */
export function toAuthFailure(error: unknown): AuthFailure {
	if (error instanceof AuthFailure) return error;
	const e = (error ?? {}) as AuthErrorLike;
	const message = e.message ?? String(error);
	const code = e.code ?? '';
	if (isOffline() || e.name === 'AuthRetryableFetchError' || /fetch|network/i.test(message)) {
		return new AuthFailure('OFFLINE', message);
	}
	// The project's Auth settings (config.toml [auth]): no anonymous sessions, or no new users.
	if (code === 'anonymous_provider_disabled') return new AuthFailure('ANONYMOUS_DISABLED', message);
	if (code === 'signup_disabled') return new AuthFailure('SIGNUP_DISABLED', message);
	if (code === 'invalid_credentials' || /invalid login/i.test(message)) {
		return new AuthFailure('INVALID_CREDENTIALS', message);
	}
	if (code === 'email_not_confirmed' || /not confirmed/i.test(message)) {
		return new AuthFailure('NOT_CONFIRMED', message);
	}
	if (
		code === 'user_already_exists' ||
		code === 'email_exists' ||
		/already (been )?registered|already exists/i.test(message)
	) {
		return new AuthFailure('EMAIL_TAKEN', message);
	}
	if (code === 'weak_password' || /password/i.test(message)) {
		return new AuthFailure('WEAK_PASSWORD', message);
	}
	if (
		code === 'over_request_rate_limit' ||
		code === 'over_email_send_rate_limit' ||
		e.status === 429
	) {
		return new AuthFailure('RATE_LIMITED', message);
	}
	if (code === 'provider_disabled' || /provider|oauth/i.test(message)) {
		return new AuthFailure('PROVIDER_UNAVAILABLE', message);
	}
	if (code === 'email_address_invalid' || /email/i.test(message)) {
		return new AuthFailure('INVALID_EMAIL', message);
	}
	return new AuthFailure('UNKNOWN', message);
}

/** What to tell the listener, as one sentence (the account forms show no title). */
export function describeAuthFailure(error: unknown): string {
	return describeError(toAuthFailure(error)).body;
}

/**
 * What the sign-up form says once the server has answered. Without a session the answer
 * cannot tell a new address from one that already has an account (real Auth hides that, so
 * nobody can probe addresses): the listener is asked to check their email either way.
 */
export function describeSignUp(result: { confirmed: boolean }, email: string, upgrading: boolean) {
	if (!result.confirmed)
		return `Check your email to confirm: a link is on its way to ${email}, unless that address already has an account (then sign in instead). Everything stays on this device meanwhile.`;
	return upgrading
		? 'Account created. Everything you made on this device is kept and now syncs.'
		: 'Account created. Your journeys on this device will now sync.';
}
