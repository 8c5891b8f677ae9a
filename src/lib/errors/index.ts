/**
 * The app's errors, and the one place an error becomes what the listener reads.
 *
 * The app's errors extend `AppError` and carry a `code` in SCREAMING_CASE, the curator
 * contract's style: the curator's codes as its function sends them (plus what only the client
 * sees: OFFLINE, NETWORK, ABORTED), Auth's answers mapped at the edge (auth/errors.ts),
 * MusicBrainz's failures, the music services' (Spotify, Last.fm, ListenBrainz: ./connect.ts),
 * sync's (a rejected change's reason stays as the server sends it),
 * a backup's and the clock's, and the importers' codes, whose words name the file and are
 * built where the file is read. `describeError` turns any of them into a title, a body and whether
 * "Try again" makes sense; `handleError` is what pages and components call. Nothing here
 * imports app code (only the contract's types), so every layer, the import worker too, may
 * throw these.
 */
import {
	AppError,
	AuthFailure,
	CatalogueError,
	ConnectError,
	CuratorError,
	isAbort,
	type FailureText
} from './base';
import { describeConnect } from './connect';

export * from './base';
export { SERVICE_NAMES, waitWords } from './connect';

function authWords(error: AuthFailure): string {
	switch (error.code) {
		case 'OFFLINE':
			return 'You are offline. Your listening history is safe on this device — try again when you are back online.';
		case 'INVALID_CREDENTIALS':
			return 'That email and password do not match an account. Check them, or email yourself a sign-in link instead.';
		case 'EMAIL_TAKEN':
			return 'There is already an account with that email. Sign in to it instead.';
		case 'WEAK_PASSWORD':
			return `That password was not accepted: ${error.message}`;
		case 'INVALID_EMAIL':
			return 'That does not look like an email address we can use.';
		case 'NOT_CONFIRMED':
			return 'Confirm your email address first: open the link we sent you.';
		case 'RATE_LIMITED':
			return 'Too many attempts. Wait a minute and try again.';
		case 'ANONYMOUS_DISABLED':
			return 'This server does not allow using the AI curator without an account: create one or sign in on the Account page. Everything you entered is kept.';
		case 'SIGNUP_DISABLED':
			return 'This server is not taking new accounts: sign in to an existing account on the Account page.';
		case 'PROVIDER_UNAVAILABLE':
			return `This sign-in option is not available here: ${error.message}`;
		default:
			return `Something went wrong: ${error.message}`;
	}
}

function describeAuth(error: AuthFailure): FailureText {
	// The server gives no session without an account: signing in helps, trying again does not.
	const needsAccount = error.code === 'ANONYMOUS_DISABLED' || error.code === 'SIGNUP_DISABLED';
	return {
		title: needsAccount ? 'Sign in to use the curator' : 'The curator needs a session',
		body: authWords(error),
		retry: !needsAccount
	};
}

function describeCurator(e: CuratorError): FailureText {
	switch (e.code) {
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
			return { title: 'The curator could not accept this', body: e.message, retry: false };
		case 'ABORTED':
			return { title: 'Stopped', body: 'The request was cancelled.', retry: true };
		default:
			return somethingWentWrong(e.message);
	}
}

function describeCatalogue(e: CatalogueError): FailureText {
	const titles: Record<CatalogueError['code'], string> = {
		CATALOGUE_OFFLINE: 'You are offline',
		CATALOGUE_UNAVAILABLE: 'The music catalogue is not answering',
		TOO_FEW_KNOWN: 'MusicBrainz does not know enough of your artists',
		NO_NEIGHBOURS: 'No neighbours found for your artists',
		NOTHING_NEW: 'Nothing new left nearby'
	};
	// Another try helps when a service was down; for the rest, the listener changes something.
	const retry = e.code === 'CATALOGUE_OFFLINE' || e.code === 'CATALOGUE_UNAVAILABLE';
	return { title: titles[e.code], body: e.message, retry };
}

function somethingWentWrong(message: string): FailureText {
	return {
		title: 'Something went wrong',
		body: `${message}. Your input is saved; try again.`,
		retry: true
	};
}

/**
 * Errors whose message was written for the listener where they were thrown (an import's names
 * the file it could not read): their title, and whether trying the same again can help.
 */
const WRITTEN_FOR_THE_LISTENER = new Map<string, Omit<FailureText, 'body'>>([
	// Another try reads the same file the same way: the listener picks another.
	['ImportError', { title: 'That file could not be read', retry: false }],
	['AccountDeleteFailure', { title: 'The account was not deleted', retry: true }]
]);

/**
 * What to tell the listener about any error.
 */
export function describeError(error: unknown): FailureText {
	if (error instanceof AuthFailure) return describeAuth(error);
	if (error instanceof CuratorError) return describeCurator(error);
	if (error instanceof CatalogueError) return describeCatalogue(error);
	if (error instanceof ConnectError) return describeConnect(error);
	const written = error instanceof AppError && WRITTEN_FOR_THE_LISTENER.get(error.name);
	if (written) return { ...written, body: error.message };
	return somethingWentWrong(error instanceof Error ? error.message : String(error));
}

/** Errors already logged, so one failure caught again further up is logged once. */
const logged = new WeakSet<object>();

/**
 * Ignores aborts, logs the error once for the developer, and returns the listener's words
 * (undefined for an abort). Pages and components show the result; they never format errors.
 */
export function handleError(error: unknown, context?: string): FailureText | undefined {
	if (isAbort(error)) return undefined;
	const object = typeof error === 'object' && error !== null;
	if (!object || !logged.has(error)) {
		if (object) logged.add(error);
		console.warn(context ? `[${context}]` : '[error]', error);
	}
	return describeError(error);
}
