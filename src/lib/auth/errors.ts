/**
 * Auth failures as reason codes, and the one place they (and the sign-up form's answer)
 * become the listener's words.
 */
export type AuthReason =
	| 'offline'
	| 'invalid_credentials'
	| 'email_taken'
	| 'weak_password'
	| 'invalid_email'
	| 'rate_limited'
	| 'provider_unavailable'
	| 'not_confirmed'
	| 'anonymous_disabled'
	| 'signup_disabled'
	| 'unknown';

export class AuthFailure extends Error {
	constructor(
		readonly reason: AuthReason,
		message: string
	) {
		super(message);
		this.name = 'AuthFailure';
	}
}

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
	if (
		(typeof navigator !== 'undefined' && navigator.onLine === false) ||
		e.name === 'AuthRetryableFetchError' ||
		/fetch|network/i.test(message)
	) {
		return new AuthFailure('offline', message);
	}
	// The project's Auth settings (config.toml [auth]): no anonymous sessions, or no new users.
	if (code === 'anonymous_provider_disabled') return new AuthFailure('anonymous_disabled', message);
	if (code === 'signup_disabled') return new AuthFailure('signup_disabled', message);
	if (code === 'invalid_credentials' || /invalid login/i.test(message)) {
		return new AuthFailure('invalid_credentials', message);
	}
	if (code === 'email_not_confirmed' || /not confirmed/i.test(message)) {
		return new AuthFailure('not_confirmed', message);
	}
	if (
		code === 'user_already_exists' ||
		code === 'email_exists' ||
		/already (been )?registered|already exists/i.test(message)
	) {
		return new AuthFailure('email_taken', message);
	}
	if (code === 'weak_password' || /password/i.test(message)) {
		return new AuthFailure('weak_password', message);
	}
	if (
		code === 'over_request_rate_limit' ||
		code === 'over_email_send_rate_limit' ||
		e.status === 429
	) {
		return new AuthFailure('rate_limited', message);
	}
	if (code === 'provider_disabled' || /provider|oauth/i.test(message)) {
		return new AuthFailure('provider_unavailable', message);
	}
	if (code === 'email_address_invalid' || /email/i.test(message)) {
		return new AuthFailure('invalid_email', message);
	}
	return new AuthFailure('unknown', message);
}

/** What to tell the listener. */
export function describeAuthFailure(error: unknown): string {
	const f = toAuthFailure(error);
	switch (f.reason) {
		case 'offline':
			return 'You are offline. Your listening history is safe on this device — try again when you are back online.';
		case 'invalid_credentials':
			return 'That email and password do not match an account. Check them, or email yourself a sign-in link instead.';
		case 'email_taken':
			return 'There is already an account with that email. Sign in to it instead.';
		case 'weak_password':
			return `That password was not accepted: ${f.message}`;
		case 'invalid_email':
			return 'That does not look like an email address we can use.';
		case 'not_confirmed':
			return 'Confirm your email address first: open the link we sent you.';
		case 'rate_limited':
			return 'Too many attempts. Wait a minute and try again.';
		case 'anonymous_disabled':
			return 'This server does not allow using the AI curator without an account: create one or sign in on the Account page. Everything you entered is kept.';
		case 'signup_disabled':
			return 'This server is not taking new accounts: sign in to an existing account on the Account page.';
		case 'provider_unavailable':
			return `This sign-in option is not available here: ${f.message}`;
		default:
			return `Something went wrong: ${f.message}`;
	}
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
