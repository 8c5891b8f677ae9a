// Local Supabase stand-in (scripts/standin), Auth as config.toml sets it up, answering as real
// Supabase Auth (GoTrue) does: weak passwords, anonymous sign-ins and signups switched off,
// email confirmations. Driven through the real supabase-js client. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor, configWith, email, openLink, journeyOp } from './helpers.mjs';

/** @typedef {Awaited<ReturnType<typeof startStandin>>} Standin */
/** @type {Standin} */ let defaults;
/** @type {Standin} */ let confirming;
/** @type {Standin} */ let closed;

before(async () => {
	const boot = (/** @type {string | undefined} */ config) =>
		startStandin({ port: 0, dataDir: ':memory:', quiet: true, config });
	defaults = await boot(undefined);
	confirming = await boot(
		await configWith({
			auth: { minimum_password_length: '10' },
			email: { enable_confirmations: 'true' }
		})
	);
	closed = await boot(
		await configWith({ auth: { enable_signup: 'false', enable_anonymous_sign_ins: 'false' } })
	);
});

after(async () => {
	await Promise.all([defaults, confirming, closed].map((s) => s?.stop()));
});

/** @param {Standin} s @param {string} path @param {object} body @param {Record<string, string>} [headers] */
const post = (s, path, body, headers = {}) =>
	fetch(`${s.url}/auth/v1${path}`, {
		method: 'POST',
		headers: { apikey: s.anonKey, 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});

describe('passwords', () => {
	test('shorter than minimum_password_length: 422 weak_password in GoTrue shape, in both API versions', async () => {
		const up = await clientFor(defaults).auth.signUp({ email: email(), password: 'seven77' });
		assert.equal(up.error?.status, 422);
		assert.equal(up.error?.code, 'weak_password');
		assert.equal(up.error?.message, 'Password should be at least 8 characters.');
		assert.deepEqual(/** @type {any} */ (up.error).reasons, ['length']);
		assert.equal(up.data.user, null);

		const legacy = await post(defaults, '/signup', { email: email(), password: 'short' });
		assert.equal(legacy.status, 422);
		assert.deepEqual(await legacy.json(), {
			code: 422,
			error_code: 'weak_password',
			msg: 'Password should be at least 8 characters.',
			weak_password: { reasons: ['length'] }
		});
		const v2 = await post(
			confirming,
			'/signup',
			{ email: email(), password: 'nine-char' },
			{ 'x-supabase-api-version': '2024-01-01' }
		);
		assert.equal(v2.status, 422);
		assert.deepEqual(await v2.json(), {
			code: 'weak_password',
			message: 'Password should be at least 10 characters.',
			weak_password: { reasons: ['length'] }
		});
	});

	test('a new password set on an account is checked the same way', async () => {
		const c = clientFor(defaults);
		await c.auth.signInAnonymously();
		const up = await c.auth.updateUser({ email: email(), password: 'seven77' });
		assert.equal(up.error?.code, 'weak_password');
		assert.equal(up.error?.message, 'Password should be at least 8 characters.');
		assert.equal((await c.auth.getUser()).data.user?.is_anonymous, true);
	});
});

describe('switched off in config.toml', () => {
	test('anonymous sign-ins off: 422 anonymous_provider_disabled, no session', async () => {
		const anon = await clientFor(closed).auth.signInAnonymously();
		assert.equal(anon.error?.status, 422);
		assert.equal(anon.error?.code, 'anonymous_provider_disabled');
		assert.equal(anon.error?.message, 'Anonymous sign-ins are disabled');
		assert.equal(anon.data.session, null);
		const raw = await post(closed, '/signup', {});
		assert.deepEqual(await raw.json(), {
			code: 422,
			error_code: 'anonymous_provider_disabled',
			msg: 'Anonymous sign-ins are disabled'
		});
	});

	test('signups off: sign-up and a magic link for a new address get 422 signup_disabled; existing accounts sign in', async () => {
		const c = clientFor(closed);
		const up = await c.auth.signUp({ email: email(), password: 'secret-12' });
		assert.equal(up.error?.status, 422);
		assert.equal(up.error?.code, 'signup_disabled');
		assert.equal(up.error?.message, 'Signups not allowed for this instance');
		const otp = await c.auth.signInWithOtp({ email: email() });
		assert.equal(otp.error?.code, 'signup_disabled');
		assert.equal(
			(await (await fetch(`${closed.url}/auth/v1/settings`)).json()).disable_signup,
			true
		);

		// An account made before signups were closed (same data, older settings) still signs in.
		const mail = email();
		await closed.query(
			`insert into auth.users (email, is_anonymous, email_confirmed_at, raw_app_meta_data)
			 values ($1, false, now(), '{"provider":"email","providers":["email"]}')`,
			[mail]
		);
		assert.equal((await c.auth.signInWithOtp({ email: mail })).error, null);
		assert.equal(closed.lastLink(mail)?.type, 'magiclink');
	});
});

describe('email confirmations on', () => {
	test('sign-up answers a user without a session and prints a link; signing in waits for it; the link confirms', async () => {
		const mail = email();
		const c = clientFor(confirming);
		const up = await c.auth.signUp({
			email: mail,
			password: 'long-enough-1',
			options: { emailRedirectTo: 'http://127.0.0.1:4173/account' }
		});
		assert.equal(up.error, null);
		assert.equal(up.data.session, null);
		assert.equal(up.data.user?.email, mail);
		assert.equal(up.data.user?.identities?.length, 1);
		assert.equal(up.data.user?.email_confirmed_at, undefined);
		assert.ok(up.data.user?.confirmation_sent_at);

		const early = await clientFor(confirming).auth.signInWithPassword({
			email: mail,
			password: 'long-enough-1'
		});
		assert.equal(early.error?.status, 400);
		assert.equal(early.error?.code, 'email_not_confirmed');
		assert.equal(early.error?.message, 'Email not confirmed');
		// A wrong password says nothing about confirmation.
		const wrong = await clientFor(confirming).auth.signInWithPassword({
			email: mail,
			password: 'not-the-password'
		});
		assert.equal(wrong.error?.code, 'invalid_credentials');

		const link = /** @type {any} */ (confirming.lastLink(mail));
		assert.equal(link.type, 'signup');
		const opened = await openLink(link.link);
		assert.equal(opened.status, 303);
		assert.equal(
			opened.location.origin + opened.location.pathname,
			'http://127.0.0.1:4173/account'
		);
		assert.equal(opened.fragment.get('type'), 'signup');
		const set = await c.auth.setSession({
			access_token: /** @type {string} */ (opened.fragment.get('access_token')),
			refresh_token: /** @type {string} */ (opened.fragment.get('refresh_token'))
		});
		assert.equal(set.data.user?.id, up.data.user?.id);
		assert.ok(set.data.user?.email_confirmed_at);

		const later = await clientFor(confirming).auth.signInWithPassword({
			email: mail,
			password: 'long-enough-1'
		});
		assert.equal(later.error, null);
		assert.equal(later.data.user?.id, up.data.user?.id);
	});

	test('signing up again with a confirmed address answers a made-up user: no error, nothing to probe', async () => {
		const mail = email();
		const first = await clientFor(confirming).auth.signUp({
			email: mail,
			password: 'long-enough-1'
		});
		await openLink(/** @type {any} */ (confirming.lastLink(mail)).link);

		const again = await clientFor(confirming).auth.signUp({
			email: mail,
			password: 'other-password-2'
		});
		assert.equal(again.error, null);
		assert.equal(again.data.session, null);
		assert.equal(again.data.user?.email, mail);
		assert.notEqual(again.data.user?.id, first.data.user?.id);
		assert.deepEqual(again.data.user?.identities, []);
		// Its shape is a new user's: the same keys (identities aside) a first sign-up answers.
		const fresh = await clientFor(confirming).auth.signUp({
			email: email(),
			password: 'long-enough-1'
		});
		const keys = (/** @type {any} */ u) =>
			Object.keys(u)
				.filter((k) => k !== 'role')
				.sort();
		assert.deepEqual(keys(again.data.user), keys(fresh.data.user));
		// The account itself is untouched: its password is still the first one.
		const inn = await clientFor(confirming).auth.signInWithPassword({
			email: mail,
			password: 'long-enough-1'
		});
		assert.equal(inn.data.user?.id, first.data.user?.id);
	});

	test('signing up again before confirming sends the link again and changes nothing', async () => {
		const mail = email();
		const first = await clientFor(confirming).auth.signUp({
			email: mail,
			password: 'long-enough-1'
		});
		const firstLink = /** @type {any} */ (confirming.lastLink(mail)).link;
		const again = await clientFor(confirming).auth.signUp({
			email: mail,
			password: 'other-password-2'
		});
		assert.equal(again.error, null);
		assert.equal(again.data.user?.id, first.data.user?.id);
		const link = /** @type {any} */ (confirming.lastLink(mail)).link;
		assert.notEqual(link, firstLink);
		await openLink(link);
		const inn = await clientFor(confirming).auth.signInWithPassword({
			email: mail,
			password: 'long-enough-1'
		});
		assert.equal(inn.error, null);
	});

	test('an anonymous user adding an address stays anonymous until the link is opened, then keeps its id and data', async () => {
		const c = clientFor(confirming);
		const anon = await c.auth.signInAnonymously();
		const id = anon.data.user?.id;
		const rowId = randomUUID();
		assert.equal((await c.rpc('sync_push', { ops: [journeyOp(rowId)] })).error, null);

		const mail = email();
		const up = await c.auth.updateUser({ email: mail, password: 'long-enough-1' });
		assert.equal(up.error, null);
		assert.equal(up.data.user?.id, id);
		assert.equal(up.data.user?.new_email, mail);
		assert.equal(up.data.user?.email, '');
		assert.equal(up.data.user?.is_anonymous, true);
		const link = /** @type {any} */ (confirming.lastLink(mail));
		assert.equal(link.type, 'email_change');

		const opened = await openLink(link.link);
		assert.equal(opened.fragment.get('type'), 'email_change');
		const later = clientFor(confirming);
		const inn = await later.auth.signInWithPassword({ email: mail, password: 'long-enough-1' });
		assert.equal(inn.error, null);
		assert.equal(inn.data.user?.id, id);
		assert.equal(inn.data.user?.is_anonymous, false);
		assert.equal(inn.data.user?.new_email, undefined);
		const pull = await later.rpc('sync_pull', { since: 0 });
		assert.deepEqual(
			pull.data.rows.map((/** @type {any} */ r) => r.row.id),
			[rowId]
		);
	});
});
