// Local Supabase stand-in (scripts/standin), Auth: driven through the real @supabase/supabase-js
// client against an in-memory stand-in on a free loopback port. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor, email, journeyOp } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startStandin>>} */
let s;
const client = (/** @type {object} */ auth = {}, /** @type {object} */ extra = {}) =>
	clientFor(s, auth, extra);

before(async () => {
	s = await startStandin({ port: 0, dataDir: ':memory:', quiet: true });
});

after(() => s?.stop());

describe('auth', () => {
	test('sign up, then sign in with the password; wrong password and duplicate email fail', async () => {
		const c = client();
		const mail = email();
		const up = await c.auth.signUp({ email: mail, password: 'secret-1' });
		assert.equal(up.error, null);
		assert.equal(up.data.user?.email, mail);
		assert.equal(up.data.user?.is_anonymous, false);
		assert.ok(up.data.session?.access_token);
		const claims = JSON.parse(
			Buffer.from(up.data.session.access_token.split('.')[1], 'base64url').toString()
		);
		assert.equal(claims.aud, 'authenticated');
		assert.equal(claims.role, 'authenticated');
		assert.equal(claims.sub, up.data.user?.id);
		assert.ok(claims.session_id && claims.exp > claims.iat);

		const c2 = client();
		const inn = await c2.auth.signInWithPassword({ email: mail, password: 'secret-1' });
		assert.equal(inn.error, null);
		assert.equal(inn.data.user?.id, up.data.user?.id);
		assert.equal((await c2.auth.getUser()).data.user?.email, mail);

		const bad = await client().auth.signInWithPassword({ email: mail, password: 'nope-nope' });
		assert.equal(bad.error?.status, 400);
		assert.equal(bad.error?.code, 'invalid_credentials');
		const dup = await client().auth.signUp({ email: mail, password: 'secret-2' });
		assert.equal(dup.error?.code, 'user_already_exists');
	});

	test('anonymous sign-in, then upgrade to email + password keeps the id and the data', async () => {
		const c = client();
		const anon = await c.auth.signInAnonymously();
		assert.equal(anon.error, null);
		assert.equal(anon.data.user?.is_anonymous, true);
		const id = anon.data.user?.id;
		const rowId = randomUUID();
		const push = await c.rpc('sync_push', { ops: [journeyOp(rowId)] });
		assert.equal(push.error, null);
		assert.equal(push.data[0].status, 'applied');

		const mail = email();
		const up = await c.auth.updateUser({ email: mail, password: 'secret-1' });
		assert.equal(up.error, null);
		assert.equal(up.data.user?.id, id);
		assert.equal(up.data.user?.is_anonymous, false);
		const refreshed = await c.auth.refreshSession();
		assert.equal(refreshed.data.user?.is_anonymous, false);

		const later = client();
		const inn = await later.auth.signInWithPassword({ email: mail, password: 'secret-1' });
		assert.equal(inn.data.user?.id, id);
		const pull = await later.rpc('sync_pull', { since: 0, lim: 100 });
		assert.deepEqual(
			pull.data.rows.map((/** @type {any} */ r) => r.row.id),
			[rowId]
		);
	});

	test('refresh rotates the refresh token; the old one and unknown ones fail with 400', async () => {
		const c = client();
		const { data } = await c.auth.signUp({ email: email(), password: 'secret-1' });
		const first = /** @type {NonNullable<typeof data.session>} */ (data.session);
		const r = await c.auth.refreshSession();
		assert.equal(r.error, null);
		assert.notEqual(r.data.session?.refresh_token, first.refresh_token);
		assert.equal((await c.rpc('sync_pull', { since: 0 })).error, null);

		const old = await client().auth.refreshSession({ refresh_token: first.refresh_token });
		assert.equal(old.error?.status, 400);
		assert.equal(old.error?.code, 'refresh_token_already_used');
		const unknown = await client().auth.refreshSession({ refresh_token: 'not-a-token' });
		assert.equal(unknown.error?.status, 400);
		assert.equal(unknown.error?.code, 'refresh_token_not_found');

		const raw = await fetch(`${s.url}/auth/v1/token?grant_type=refresh_token`, {
			method: 'POST',
			headers: { apikey: s.anonKey, 'content-type': 'application/json' },
			body: JSON.stringify({ refresh_token: first.refresh_token })
		});
		assert.equal(raw.status, 400);
		assert.deepEqual(await raw.json(), {
			code: 400,
			error_code: 'refresh_token_already_used',
			msg: 'Invalid Refresh Token: Already Used'
		});
	});

	test('sign-out ends the session: its tokens stop working at /user and for refresh', async () => {
		const c = client();
		const { data } = await c.auth.signUp({ email: email(), password: 'secret-1' });
		const session = /** @type {NonNullable<typeof data.session>} */ (data.session);
		assert.equal((await c.auth.signOut()).error, null);
		const user = await fetch(`${s.url}/auth/v1/user`, {
			headers: { apikey: s.anonKey, authorization: `Bearer ${session.access_token}` }
		});
		assert.equal(user.status, 403);
		assert.equal((await user.json()).error_code, 'session_not_found');
		const r = await client().auth.refreshSession({ refresh_token: session.refresh_token });
		assert.equal(r.error?.status, 400);
	});

	test('magic link round trip (implicit and PKCE flows)', async () => {
		const mail = email();
		const c = client();
		assert.equal(
			(
				await c.auth.signInWithOtp({
					email: mail,
					options: { emailRedirectTo: 'http://127.0.0.1:4173/done' }
				})
			).error,
			null
		);
		const info = await (
			await fetch(`${s.url}/__standin/last-magic-link?email=${encodeURIComponent(mail)}`)
		).json();
		const res = await fetch(info.link, { redirect: 'manual' });
		assert.equal(res.status, 303);
		const loc = new URL(/** @type {string} */ (res.headers.get('location')));
		assert.equal(loc.origin + loc.pathname, 'http://127.0.0.1:4173/done');
		const frag = new URLSearchParams(loc.hash.slice(1));
		const set = await c.auth.setSession({
			access_token: /** @type {string} */ (frag.get('access_token')),
			refresh_token: /** @type {string} */ (frag.get('refresh_token'))
		});
		assert.equal(set.error, null);
		assert.equal(set.data.user?.email, mail);
		assert.ok(set.data.user?.email_confirmed_at);
		const again = await fetch(info.link, { redirect: 'manual' });
		assert.match(/** @type {string} */ (again.headers.get('location')), /error_code=otp_expired/);

		const p = client({ flowType: 'pkce' });
		await p.auth.signInWithOtp({
			email: mail,
			options: { emailRedirectTo: 'http://127.0.0.1:4173/done' }
		});
		const link = (
			await (
				await fetch(`${s.url}/__standin/last-magic-link?email=${encodeURIComponent(mail)}`)
			).json()
		).link;
		const code = new URL(
			/** @type {string} */ ((await fetch(link, { redirect: 'manual' })).headers.get('location'))
		).searchParams.get('code');
		const ex = await p.auth.exchangeCodeForSession(/** @type {string} */ (code));
		assert.equal(ex.error, null);
		assert.equal(ex.data.user?.id, set.data.user?.id);
	});

	test('Google sign-in explains that it needs a real Supabase project', async () => {
		const res = await fetch(
			`${s.url}/auth/v1/authorize?provider=google&redirect_to=http://127.0.0.1:4173/`,
			{ headers: { accept: 'text/html' } }
		);
		assert.equal(res.status, 501);
		assert.match(await res.text(), /Google sign-in needs a real Supabase project/);
		const json = await fetch(`${s.url}/auth/v1/authorize?provider=google`);
		assert.match((await json.json()).msg, /real Supabase project/);
		assert.equal((await (await fetch(`${s.url}/auth/v1/settings`)).json()).external.email, true);
	});
});
