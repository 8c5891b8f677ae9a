// Local Supabase stand-in, Auth admin delete: GoTrue's `DELETE /auth/v1/admin/users/{id}`
// through supabase-js's admin client, and the cascade the migrations promise. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { serviceRoleKeyFor } from '../../scripts/standin/auth-admin.mjs';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor, email, journeyOp } from './helpers.mjs';

/** @type {Awaited<ReturnType<typeof startStandin>>} */
let s;
/** @type {string} */
let serviceKey;

before(async () => {
	s = await startStandin({ port: 0, dataDir: ':memory:', quiet: true });
	serviceKey = serviceRoleKeyFor(s.jwtSecret);
});

after(() => s?.stop());

/** A signed-in listener with one synced journey. */
async function listener(password = 'secret-1') {
	const c = clientFor(s);
	const mail = email();
	const up = await c.auth.signUp({ email: mail, password });
	assert.equal(up.error, null);
	const push = await c.rpc('sync_push', { ops: [journeyOp()] });
	assert.equal(push.data?.[0]?.status, 'applied');
	return {
		c,
		mail,
		password,
		id: /** @type {string} */ (up.data.user?.id),
		session: up.data.session
	};
}

/** Rows of a user in every public table that references auth.users. */
async function rowsOf(/** @type {string} */ id) {
	const tables = await s.query(
		`select c.conrelid::regclass::text as t, a.attname as col
		   from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
		  where c.contype = 'f' and c.confrelid = 'auth.users'::regclass`
	);
	let n = 0;
	for (const { t, col } of tables) {
		n += Number(
			(await s.query(`select count(*)::int as n from ${t} where ${col} = $1`, [id]))[0].n
		);
	}
	return { tables: tables.length, rows: n };
}

const admin = () => clientFor({ url: s.url, anonKey: serviceKey }).auth.admin;

describe('auth admin: delete a user', () => {
	test('the service role deletes the user; every row and session goes with it', async () => {
		const a = await listener();
		const b = await listener();
		const before = await rowsOf(a.id);
		assert.ok(before.tables >= 10, `tables referencing auth.users: ${before.tables}`);
		assert.ok(before.rows >= 2, 'a journey and its op log row exist before');

		const { error } = await admin().deleteUser(a.id);
		assert.equal(error, null);

		assert.equal((await rowsOf(a.id)).rows, 0);
		assert.ok((await rowsOf(b.id)).rows >= 2, "another listener's rows stay");

		// The old password no longer signs in, and the device's old session is dead.
		const again = await clientFor(s).auth.signInWithPassword({
			email: a.mail,
			password: a.password
		});
		assert.equal(again.error?.code, 'invalid_credentials');
		const user = await a.c.auth.getUser();
		assert.equal(user.error?.code, 'user_not_found');
		assert.equal(user.error?.status, 403);
		const refresh = await clientFor(s).auth.refreshSession({
			refresh_token: /** @type {string} */ (a.session?.refresh_token)
		});
		assert.equal(refresh.error?.code, 'refresh_token_not_found');
	});

	test('an unknown id is 404 user_not_found; a malformed one 400', async () => {
		const unknown = await admin().deleteUser(randomUUID());
		assert.equal(unknown.error?.status, 404);
		assert.equal(unknown.error?.code, 'user_not_found');
		const bad = await fetch(`${s.url}/auth/v1/admin/users/not-a-uuid`, {
			method: 'DELETE',
			headers: { apikey: serviceKey, authorization: `Bearer ${serviceKey}` }
		});
		assert.equal(bad.status, 400);
		assert.equal((await bad.json()).error_code, 'validation_failed');
	});

	test('only the service role may: a listener, the anon key and no token are refused', async () => {
		const a = await listener();
		const token = /** @type {string} */ (a.session?.access_token);
		for (const [auth, status, code] of [
			[`Bearer ${token}`, 403, 'not_admin'],
			[`Bearer ${s.anonKey}`, 403, 'not_admin'],
			[undefined, 401, 'no_authorization']
		]) {
			const res = await fetch(`${s.url}/auth/v1/admin/users/${a.id}`, {
				method: 'DELETE',
				headers: { apikey: s.anonKey, ...(auth ? { authorization: auth } : {}) }
			});
			assert.equal(res.status, status);
			assert.equal((await res.json()).error_code, code);
		}
		assert.ok((await rowsOf(a.id)).rows >= 2, 'nothing was deleted');
	});
});
