// Local Supabase stand-in (scripts/standin), RPC, functions proxy and CORS: driven through the real @supabase/supabase-js
// client against an in-memory stand-in on a free loopback port. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor, email, journeyOp } from './helpers.mjs';
import { signJwt } from '../../scripts/standin/jwt.mjs';

/** @type {Awaited<ReturnType<typeof startStandin>>} */
let s;
/** @type {http.Server} */
let upstream;
/** Lets the fake curator finish its SSE stream. */
let release = () => {};
let upstreamDone = false;

const client = (/** @type {object} */ auth = {}, /** @type {object} */ extra = {}) =>
	clientFor(s, auth, extra);

before(async () => {
	upstream = http.createServer((req, res) => {
		if (req.url?.startsWith('/functions/v1/curator/stream')) {
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			res.write('data: first\n\n');
			new Promise((r) => (release = () => r(undefined))).then(() => {
				upstreamDone = true;
				res.end('data: last\n\n');
			});
			return;
		}
		/** @type {Buffer[]} */
		const chunks = [];
		req.on('data', (c) => chunks.push(c));
		req.on('end', () => {
			res.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
			res.end(
				JSON.stringify({
					method: req.method,
					url: req.url,
					auth: req.headers.authorization ?? null,
					body: Buffer.concat(chunks).toString()
				})
			);
		});
	});
	await new Promise((r) => upstream.listen(0, '127.0.0.1', () => r(undefined)));
	const port = /** @type {import('node:net').AddressInfo} */ (upstream.address()).port;
	s = await startStandin({
		port: 0,
		dataDir: ':memory:',
		quiet: true,
		curatorUrl: `http://127.0.0.1:${port}`
	});
});

after(async () => {
	release();
	await s?.stop();
	await new Promise((r) => upstream.close(() => r(undefined)));
});

describe('rpc', () => {
	test('sync_push a journey row, then sync_pull returns it with a rev', async () => {
		const c = client();
		await c.auth.signUp({ email: email(), password: 'secret-1' });
		const op = journeyOp();
		const push = await c.rpc('sync_push', { ops: [op] });
		assert.equal(push.error, null);
		assert.deepEqual(push.data, [{ op_id: op.op_id, status: 'applied', rev: 1 }]);
		const again = await c.rpc('sync_push', { ops: [op] });
		assert.equal(again.data[0].status, 'duplicate');
		const pull = await c.rpc('sync_pull', { since: 0, lim: 10 });
		assert.equal(pull.error, null);
		assert.equal(pull.data.more, false);
		assert.equal(pull.data.next, 1);
		assert.equal(pull.data.rows.length, 1);
		assert.equal(pull.data.rows[0].table, 'journeys');
		assert.equal(pull.data.rows[0].row.id, op.row.id);
		assert.equal(pull.data.rows[0].row.rev, 1);
	});

	test("RLS applies: user B sees none of A's rows and cannot overwrite them; anon may not call", async () => {
		const a = client();
		const b = client();
		await a.auth.signUp({ email: email(), password: 'secret-1' });
		await b.auth.signUp({ email: email(), password: 'secret-1' });
		const op = journeyOp();
		assert.equal((await a.rpc('sync_push', { ops: [op] })).data[0].status, 'applied');
		const pullB = await b.rpc('sync_pull', { since: 0 });
		assert.deepEqual(pullB.data.rows, []);
		const steal = await b.rpc('sync_push', { ops: [{ ...op, op_id: randomUUID() }] });
		assert.equal(steal.data[0].status, 'rejected');
		assert.equal(steal.data[0].reason, 'forbidden');

		const anon = await client().rpc('sync_pull', { since: 0 });
		assert.equal(anon.status, 401);
		assert.equal(anon.error?.code, '42501');
		const unknown = await a.rpc('pg_sleep', { seconds: 1 });
		assert.equal(unknown.status, 404);
		assert.equal(unknown.error?.code, 'PGRST202');
	});

	test("an expired or forged token gets 401 in PostgREST's shape", async () => {
		const c = client();
		const { data } = await c.auth.signUp({ email: email(), password: 'secret-1' });
		const now = Math.floor(Date.now() / 1000);
		const claims = {
			sub: data.user?.id,
			aud: 'authenticated',
			role: 'authenticated',
			iat: now - 120,
			exp: now - 60
		};
		const expired = client(
			{},
			{ global: { headers: { Authorization: `Bearer ${signJwt(claims, s.jwtSecret)}` } } }
		);
		const r = await expired.rpc('sync_pull', { since: 0 });
		assert.equal(r.status, 401);
		assert.equal(r.error?.code, 'PGRST301');
		assert.equal(r.error?.message, 'JWT expired');
		const forged = client(
			{},
			{
				global: {
					headers: {
						Authorization: `Bearer ${signJwt({ ...claims, exp: now + 60 }, 'x'.repeat(40))}`
					}
				}
			}
		);
		assert.equal((await forged.rpc('sync_pull', { since: 0 })).status, 401);
	});

	test('concurrent calls from two users are serialised, none lost', async () => {
		const a = client();
		const b = client();
		await a.auth.signUp({ email: email(), password: 'secret-1' });
		await b.auth.signUp({ email: email(), password: 'secret-1' });
		const calls = Array.from({ length: 20 }, (_, i) =>
			(i % 2 ? a : b).rpc('sync_push', { ops: [journeyOp(), journeyOp()] })
		);
		const results = await Promise.all(calls);
		assert.ok(
			results.every(
				(r) => r.error === null && r.data.every((/** @type {any} */ x) => x.status === 'applied')
			)
		);
		const pa = await a.rpc('sync_pull', { since: 0 });
		assert.equal(pa.data.rows.length, 20);
		assert.deepEqual(
			pa.data.rows.map((/** @type {any} */ r) => r.row.rev),
			Array.from({ length: 20 }, (_, i) => i + 1)
		);
	});
});

describe('functions proxy and CORS', () => {
	test('streams SSE: the first chunk arrives before the upstream has finished', async () => {
		const res = await fetch(`${s.url}/functions/v1/curator/stream`, {
			headers: { apikey: s.anonKey }
		});
		assert.equal(res.headers.get('content-type'), 'text/event-stream');
		const reader = /** @type {ReadableStream<Uint8Array>} */ (res.body).getReader();
		const first = await reader.read();
		assert.match(new TextDecoder().decode(first.value), /data: first/);
		assert.equal(upstreamDone, false);
		release();
		let rest = '';
		for (let r = await reader.read(); !r.done; r = await reader.read())
			rest += new TextDecoder().decode(r.value);
		assert.match(rest, /data: last/);
		assert.equal(upstreamDone, true);
	});

	test('passes method, path, query, headers and body through (supabase-js functions.invoke)', async () => {
		const c = client();
		const { data: signed } = await c.auth.signUp({ email: email(), password: 'secret-1' });
		const { data, error } = await c.functions.invoke('curator?x=1', { body: { hello: 'world' } });
		assert.equal(error, null);
		assert.equal(data.method, 'POST');
		assert.equal(data.url, '/functions/v1/curator?x=1');
		assert.equal(data.auth, `Bearer ${signed.session?.access_token}`);
		assert.deepEqual(JSON.parse(data.body), { hello: 'world' });
	});

	test('CORS: app origins get the supabase-js headers, other origins nothing', async () => {
		const pre = await fetch(`${s.url}/rest/v1/rpc/sync_pull`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4173',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'authorization,apikey,x-client-info,content-type'
			}
		});
		assert.equal(pre.status, 204);
		assert.equal(pre.headers.get('access-control-allow-origin'), 'http://localhost:4173');
		for (const h of [
			'authorization',
			'apikey',
			'x-client-info',
			'content-type',
			'prefer',
			'accept-profile',
			'content-profile',
			'x-supabase-api-version'
		]) {
			assert.match(
				/** @type {string} */ (pre.headers.get('access-control-allow-headers')),
				new RegExp(`\\b${h}\\b`)
			);
		}
		const get = await fetch(`${s.url}/auth/v1/settings`, {
			headers: { origin: 'http://127.0.0.1:4173' }
		});
		assert.equal(get.headers.get('access-control-allow-origin'), 'http://127.0.0.1:4173');
		const evil = await fetch(`${s.url}/auth/v1/settings`, {
			headers: { origin: 'http://evil.test' }
		});
		assert.equal(evil.headers.get('access-control-allow-origin'), null);
	});
});
