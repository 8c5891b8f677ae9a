import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccountDeleteFailure } from '$lib/auth/account';
import { describeAuthFailure, toAuthFailure } from '$lib/auth/errors';
import { backupErrors } from '$lib/backup/format';
import { CatalogError } from '$lib/catalog/musicbrainz';
import { decode } from '$lib/clock/hlc';
import { CuratorError } from '$lib/errors';
import { importErrors } from '$lib/import/errors';
import { SyncError } from '$lib/sync/transport';
import {
	AppError,
	ConnectError,
	describeError,
	handleError,
	isAbort,
	isOffline,
	waitWords
} from '$lib/errors';

function thrown(f: () => unknown): AppError {
	try {
		f();
	} catch (e) {
		return e as AppError;
	}
	throw new Error('did not throw');
}

afterEach(() => {
	vi.unstubAllGlobals();
	vi.restoreAllMocks();
});

describe('one vocabulary: every error carries a SCREAMING_CASE code', () => {
	it.each([
		['the curator', new CuratorError('RATE_LIMITED', 'slow down', 429, 3)],
		['Auth', toAuthFailure({ code: 'invalid_credentials', message: 'Invalid login credentials' })],
		['an import', importErrors.empty('plays.csv')],
		['MusicBrainz', new CatalogError('UNAVAILABLE', 'MusicBrainz answered 503')],
		['sync', new SyncError('USER_CHANGED', 'Another account signed in; sync paused')],
		['a backup', backupErrors.truncated('mine.json')],
		['the clock', thrown(() => decode('yesterday'))]
	])('%s', (_from, error) => {
		expect(error).toBeInstanceOf(AppError);
		expect(error.code).toMatch(/^[A-Z][A-Z_]*$/);
		expect(error).not.toHaveProperty('reason');
	});

	it('maps Auth’s own codes at the edge', () => {
		expect(toAuthFailure({ code: 'anonymous_provider_disabled', message: 'x' }).code).toBe(
			'ANONYMOUS_DISABLED'
		);
		expect(toAuthFailure({ status: 429, message: 'slow' }).code).toBe('RATE_LIMITED');
	});

	it('keeps MusicBrainz’s stored reason in its lower-case form', () => {
		expect(new CatalogError('OFFLINE', 'x').unverifiedReason).toBe('offline');
		expect(new CatalogError('REJECTED', 'x').unverifiedReason).toBe('rejected');
		expect(new CatalogError('UNAVAILABLE', 'x').unverifiedReason).toBe('unavailable');
	});
});

describe('isOffline', () => {
	it('follows what the device says', () => {
		vi.stubGlobal('navigator', { onLine: false });
		expect(isOffline()).toBe(true);
		vi.stubGlobal('navigator', { onLine: true });
		expect(isOffline()).toBe(false);
	});

	it('is what Auth calls offline', () => {
		vi.stubGlobal('navigator', { onLine: false });
		expect(toAuthFailure(new Error('Something odd')).code).toBe('OFFLINE');
		vi.stubGlobal('navigator', { onLine: true });
		expect(toAuthFailure(new Error('Something odd')).code).toBe('UNKNOWN');
	});
});

describe('describeError: the listener’s words for every kind of error', () => {
	it('says what an Auth refusal means, in the words the account forms show', () => {
		const failure = toAuthFailure({ code: 'email_not_confirmed', message: 'Email not confirmed' });
		const text = describeError(failure);
		expect(text.body).toMatch(/Confirm your email address first/);
		expect(describeAuthFailure(failure)).toBe(text.body);
	});

	it('shows an import’s own words, which name the file, and offers no blind retry', () => {
		const text = describeError(importErrors.empty('plays.csv'));
		expect(text.body).toMatch(/^plays\.csv is empty\./);
		expect(text.retry).toBe(false);
	});

	it('shows why the account was not deleted as the server said it', () => {
		const text = describeError(new AccountDeleteFailure('REFUSED', 'Type DELETE to confirm.'));
		expect(text).toEqual({
			title: 'The account was not deleted',
			body: 'Type DELETE to confirm.',
			retry: true
		});
	});

	it('gives the curator’s wait time', () => {
		expect(describeError(new CuratorError('RATE_LIMITED', 'x', 429, 7)).body).toMatch(/in 7 s/);
	});

	it('says something went wrong for an error nobody typed', () => {
		expect(describeError(new Error('disk full'))).toEqual({
			title: 'Something went wrong',
			body: 'disk full. Your input is saved; try again.',
			retry: true
		});
	});
});

describe('handleError', () => {
	it('ignores aborts: nothing to show, nothing logged', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		expect(handleError(new DOMException('stop', 'AbortError'))).toBeUndefined();
		expect(handleError(new CuratorError('ABORTED', 'Cancelled'))).toBeUndefined();
		expect(isAbort(new CuratorError('ABORTED', 'Cancelled'))).toBe(true);
		expect(warn).not.toHaveBeenCalled();
	});

	it('logs an error once with its context, however often it is handled', () => {
		const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
		const error = new CuratorError('UPSTREAM_TIMEOUT', 'late', 504);
		expect(handleError(error, 'send answer')?.title).toBe('The curator took too long');
		expect(handleError(error, 'journey step')?.title).toBe('The curator took too long');
		expect(warn).toHaveBeenCalledTimes(1);
		expect(warn).toHaveBeenCalledWith('[send answer]', error);
	});
});

describe('music services in the listener’s words', () => {
	it('names the service, the wait, the username, and says nothing was changed', () => {
		const limited = describeError(
			new ConnectError('listenbrainz', 'RATE_LIMITED', 'too many', { retryAfterSeconds: 7 })
		);
		expect(limited.title).toBe('ListenBrainz asks us to slow down');
		expect(limited.body).toMatch(/Try again in 7 s\./);
		expect(limited.body).toMatch(/Nothing you already have was changed/);
		expect(
			describeError(new ConnectError('spotify', 'RATE_LIMITED', '', { retryAfterSeconds: 13749 }))
				.body
		).toMatch(/in 4 h/);
		const unknown = describeError(
			new ConnectError('lastfm', 'UNKNOWN_USER', 'User not found', { user: 'nobody-here' })
		);
		expect(unknown.body).toMatch(/Last\.fm has no listener called “nobody-here”/);
		expect(unknown.retry).toBe(false);
		expect(describeError(new ConnectError('lastfm', 'PRIVATE', 'x', { user: 'h' })).title).toBe(
			'That profile is private'
		);
		expect(describeError(new ConnectError('spotify', 'REVOKED', 'x')).title).toBe(
			'Spotify disconnected you'
		);
		expect(describeError(new ConnectError('spotify', 'UNAVAILABLE', 'x')).title).toBe(
			'Spotify is not answering'
		);
		expect(waitWords(150)).toBe('3 min');
	});
});
