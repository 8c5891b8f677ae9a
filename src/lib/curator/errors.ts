/**
 * Every way an AI step can fail, as a code, and the one place those codes
 * become words a listener understands.
 */
import { AuthFailure, describeAuthFailure } from '$lib/auth/errors';
import type { CuratorErrorCode } from '$lib/domain/curator';

export type CuratorFailure = CuratorErrorCode | 'OFFLINE' | 'NETWORK' | 'ABORTED';

export class CuratorError extends Error {
	constructor(
		readonly code: CuratorFailure,
		message: string,
		readonly status?: number,
		readonly retryAfterSeconds?: number,
		readonly details?: unknown
	) {
		super(message);
		this.name = 'CuratorError';
	}
}

export interface FailureText {
	title: string;
	body: string;
	/** Whether "Try again" makes sense without changing anything. */
	retry: boolean;
}

export function describeFailure(error: unknown): FailureText {
	if (error instanceof AuthFailure) {
		// The server gives no session without an account: signing in helps, trying again does not.
		const needsAccount =
			error.reason === 'anonymous_disabled' || error.reason === 'signup_disabled';
		return {
			title: needsAccount ? 'Sign in to use the curator' : 'The curator needs a session',
			body: describeAuthFailure(error),
			retry: !needsAccount
		};
	}
	const e = error instanceof CuratorError ? error : null;
	switch (e?.code) {
		case 'OFFLINE':
			return {
				title: 'You are offline',
				body: 'The curator needs a connection for this step. Everything you entered is saved — try again when you are back online.',
				retry: true
			};
		case 'NETWORK':
			return {
				title: 'The curator could not be reached',
				body: 'The request did not get through. Your input is saved; check that the app’s server is running and try again.',
				retry: true
			};
		case 'AI_NOT_CONFIGURED':
			return {
				title: 'No AI provider is configured',
				body:
					'The curator needs an AI model. Add OPENAI_API_KEY to the .env file next to the app (an OpenAI key), ' +
					'or set OPENAI_BASE_URL to any OpenAI-compatible server — for example a local Ollama at ' +
					'http://127.0.0.1:11434/v1 with CURATOR_MODEL=llama3.1 — then restart with npm start. ' +
					'Rating, history and import keep working meanwhile.',
				retry: true
			};
		case 'RATE_LIMITED':
			return {
				title: 'Slow down a moment',
				body: `The curator has had many requests from you in the last minute. Try again${e.retryAfterSeconds ? ` in ${e.retryAfterSeconds} s` : ' shortly'}.`,
				retry: true
			};
		case 'UPSTREAM_TIMEOUT':
			return {
				title: 'The curator took too long',
				body: 'The AI model did not answer in time. Your input is saved; try again.',
				retry: true
			};
		case 'UPSTREAM_UNAVAILABLE':
			// The server names the address nobody answers at (and which local server it looks like).
			if (/nothing answers at/i.test(e.message)) {
				return {
					title: 'The AI server is not running',
					body: `${e.message} Your input is saved; try again once it is started.`,
					retry: true
				};
			}
			return {
				title: 'The AI model is unavailable',
				body: 'The AI provider is down or overloaded right now. Your input is saved; try again in a minute.',
				retry: true
			};
		case 'UPSTREAM_INVALID':
			return {
				title: 'The curator’s answer made no sense',
				body: 'The AI model answered in a form we could not use, even after a second try. Your input is saved; try again.',
				retry: true
			};
		case 'UNAUTHORIZED':
			return {
				title: 'Your sign-in has expired',
				body: 'Sign in again to use the curator. Nothing on this device was lost.',
				retry: true
			};
		case 'INVALID_INPUT':
		case 'TOO_LARGE':
			return {
				title: 'The curator could not accept this',
				body: e.message,
				retry: false
			};
		case 'ABORTED':
			return { title: 'Stopped', body: 'The request was cancelled.', retry: true };
		default:
			return {
				title: 'Something went wrong',
				body: `${e?.message ?? (error instanceof Error ? error.message : String(error))}. Your input is saved; try again.`,
				retry: true
			};
	}
}
