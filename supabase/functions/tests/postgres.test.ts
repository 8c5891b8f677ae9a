/**
 * The Postgres stores (SUPABASE_DB_URL) against a real throwaway PostgreSQL 15 with the shim and
 * every migration loaded (npm run test:deno starts it: scripts/pg-cluster.mjs). Two function
 * handlers with their own pools on the same database stand in for two instances: the rate
 * limit and idempotency keys must hold across them, and the database must never fail a
 * listener's request.
 */
// @ts-types="../../../tests/fakes/fake-openai.d.mts"
import { startFakeOpenAI } from '../../../tests/fakes/fake-openai.mjs';
import { readConfig } from '../_shared/config.ts';
import { createDeps } from '../_shared/deps.ts';
import { PgPool } from '../_shared/pg.ts';
import { PgRateLimiter } from '../_shared/rate-limit-pg.ts';
import { MemoryRateLimiter } from '../_shared/rate-limit.ts';
import { PgUsageLog } from '../_shared/usage-pg.ts';
import { MemoryUsageLog } from '../_shared/usage.ts';
import { createCuratorHandler } from '../curator/index.ts';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { ARTISTS, ORIGIN } from './_helpers.ts';
import {
	adminDb,
	ANALYZE,
	awayFromMinuteEdge,
	bearer,
	DB_URL,
	ignore,
	SECRET,
	startInstances
} from './_pg_harness.ts';

const { admin, db, newUser } = adminDb();

Deno.test({
	name: 'stores: SUPABASE_DB_URL selects Postgres (with auth on); without it they stay in memory',
	ignore,
	async fn() {
		const lines: string[] = [];
		const base = readConfig(() => undefined);
		const pgDeps = createDeps(
			{ ...base, supabaseDbUrl: DB_URL, curatorJwtSecret: SECRET },
			{ log: (l) => lines.push(l) }
		);
		assertEquals(pgDeps.stores, 'postgres');
		assert(pgDeps.usage instanceof PgUsageLog);
		assert(pgDeps.limiter instanceof PgRateLimiter);
		await pgDeps.close();
		const mem = createDeps({ ...base, curatorJwtSecret: SECRET }, { log: () => {} });
		assertEquals(mem.stores, 'memory');
		assert(mem.limiter instanceof MemoryRateLimiter);
		const noAuth = createDeps({ ...base, supabaseDbUrl: DB_URL }, { log: (l) => lines.push(l) });
		assertEquals(noAuth.stores, 'memory', 'the local no-auth user has no auth.users row');
		assert(lines.some((l) => /auth is off/.test(l)));
	}
});

Deno.test({
	name: 'rate limit: shared by two instances on one database, per user, with Retry-After',
	ignore,
	async fn() {
		const {
			instances: [a, b],
			close
		} = await startInstances(2, { rateLimitPerMinute: 3 });
		try {
			const alice = await bearer(await newUser());
			const guest = await bearer(await newUser(true), { is_anonymous: true }); // a user too
			await awayFromMinuteEdge();
			for (const instance of [a, b, a]) {
				const res = await instance.post('analyze', ANALYZE, alice);
				assertEquals(res.status, 200);
				await res.body?.cancel();
			}
			const limited = await b.post('analyze', ANALYZE, alice);
			assertEquals(limited.status, 429, 'the 4th request, on the other instance, is over');
			assertEquals((await limited.json()).error.code, 'RATE_LIMITED');
			const retryAfter = Number(limited.headers.get('retry-after'));
			assert(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
			assertEquals(limited.headers.get('access-control-allow-origin'), ORIGIN);
			assertMatch(limited.headers.get('access-control-expose-headers') ?? '', /retry-after/);
			const other = await b.post('analyze', ANALYZE, guest);
			assertEquals(other.status, 200, "one user's burst never limits another");
			await other.body?.cancel();
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'rate limit: a token whose user is not in auth.users (deleted, or no uuid) is 401',
	ignore,
	async fn() {
		const {
			instances: [a],
			fake,
			close
		} = await startInstances(1);
		try {
			for (const sub of [crypto.randomUUID(), 'not-a-uuid']) {
				const res = await a.post('analyze', ANALYZE, await bearer(sub));
				assertEquals(res.status, 401, sub);
				assertEquals((await res.json()).error.code, 'UNAUTHORIZED');
			}
			assertEquals(fake.calls().count, 0);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'usage: one row per upstream call, no prompt text; the documented cost query reads it',
	ignore,
	async fn() {
		const {
			instances: [a],
			fake,
			close
		} = await startInstances(1);
		fake.setMode({ mode: 'invalid', times: 1 }); // first answer unusable: 2 calls
		try {
			const user = await newUser();
			const res = await a.post('portrait', { artists: ARTISTS }, await bearer(user));
			assertEquals(res.status, 200);
			await res.json();
			const stream = await a.post(
				'converse',
				{
					portrait: await (
						await a.post('portrait', { artists: ARTISTS }, await bearer(user))
					).json(),
					direction: 'initial',
					messages: []
				},
				{ ...(await bearer(user)), accept: 'text/event-stream' }
			);
			await stream.text();
			await (a.deps.usage as PgUsageLog).flush();
			const rows = await db<Record<string, unknown>[]>(
				(sql) => sql`select * from public.curator_usage where user_id = ${user}::uuid order by id`
			);
			// Rows are written in the background, so their order of arrival is not the calls' order.
			assertEquals(
				rows.map((r) => [r.route, r.model, r.outcome, r.stream]).sort((x, y) =>
					JSON.stringify(x).localeCompare(JSON.stringify(y))
				),
				[
					['converse', 'fake-curator', 'ok', true],
					['portrait', 'fake-curator', 'invalid', false],
					['portrait', 'fake-curator', 'ok', false],
					['portrait', 'fake-curator', 'ok', false]
				]
			);
			for (const r of rows) {
				assert(Number(r.tokens_in) > 0 && Number(r.tokens_out) > 0, 'tokens in and out');
				assert(Number(r.latency_ms) >= 0);
				const text = JSON.stringify(r);
				assert(
					!/Radiohead|Portishead|curator|system/i.test(text.replace(/fake-curator/g, '')),
					text
				);
			}

			const doc = await Deno.readTextFile(new URL('../../../docs/operations.md', import.meta.url));
			const query = /cost-per-user-per-day[^\n]*\n+```sql\n([\s\S]*?)```/.exec(doc)?.[1];
			assert(query, 'docs/operations.md has the cost query');
			const cost = await db<Record<string, string>[]>((sql) => sql.unsafe(query));
			const mine = cost.filter((r) => r.user_id === user);
			assertEquals(mine.length, 1);
			const tokensIn = rows.reduce((n, r) => n + Number(r.tokens_in), 0);
			const tokensOut = rows.reduce((n, r) => n + Number(r.tokens_out), 0);
			assertEquals([Number(mine[0].calls), Number(mine[0].failed_calls)], [4, 1]);
			assertEquals([Number(mine[0].tokens_in), Number(mine[0].tokens_out)], [tokensIn, tokensOut]);
			const expected = (tokensIn * 0.15 + tokensOut * 0.6) / 1e6;
			assert(Math.abs(Number(mine[0].cost_usd) - expected) < 0.0001, `cost ${mine[0].cost_usd}`);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'a database that cannot be reached never fails the request (memory fallback, logged)',
	ignore,
	async fn() {
		const fake = await startFakeOpenAI();
		fake.setMode({ mode: 'ok', chunkDelayMs: 1 });
		const closed = Deno.listen({ hostname: '127.0.0.1', port: 0 });
		const deadPort = (closed.addr as Deno.NetAddr).port;
		closed.close(); // nothing listens there now
		const lines: string[] = [];
		const usage = new MemoryUsageLog();
		const deadUrl = `postgres://postgres@127.0.0.1:${deadPort}/postgres`;
		const pgUsage = new PgUsageLog(new PgPool(deadUrl), {
			fallback: usage,
			log: (l) => lines.push(l)
		});
		const deps = createDeps(
			{
				...readConfig(() => undefined),
				openaiBaseUrl: fake.url,
				model: 'fake-curator',
				timeoutMs: 5000,
				curatorJwtSecret: SECRET,
				supabaseDbUrl: deadUrl,
				rateLimitPerMinute: 2
			},
			{ log: (l) => lines.push(l), retryBaseMs: 5, usage: pgUsage }
		);
		const handler = createCuratorHandler(deps);
		try {
			const headers = {
				...(await bearer(crypto.randomUUID())),
				'content-type': 'application/json',
				'idempotency-key': 'k-down'
			};
			const statuses: number[] = [];
			for (let i = 0; i < 3; i++) {
				const res = await handler(
					new Request('http://127.0.0.1/functions/v1/curator/analyze', {
						method: 'POST',
						headers,
						body: JSON.stringify(ANALYZE)
					})
				);
				statuses.push(res.status);
				await res.body?.cancel();
			}
			assertEquals(statuses, [200, 200, 429], 'limited in memory; idempotent within the instance');
			assertEquals(fake.calls().count, 1);
			assert(lines.some((l) => /rate limit: database unavailable/.test(l)));
			assert(lines.some((l) => /idempotency: database unavailable/.test(l)));
			await pgUsage.flush();
			assertEquals(
				usage.rows.length,
				1,
				'the usage row that could not be stored is logged instead'
			);
			assert(lines.some((l) => /usage row not stored/.test(l)));
		} finally {
			await deps.close();
			await fake.close();
		}
	}
});

Deno.test({
	name: 'purge: expired keys and day-old windows go',
	ignore,
	async fn() {
		const user = await newUser();
		await db(
			(
				sql
			) =>
				sql`insert into public.curator_idempotency_keys (user_id, key, route, request_hash, expires_at)
				values (${user}::uuid, 'k-old', 'portrait', 'h', now() - interval '1 minute')`
		);
		await db(
			(sql) =>
				sql`insert into public.curator_rate_limits (user_id, route, window_start, hits)
				values (${user}::uuid, 'all', now() - interval '2 days', 5)`
		);
		const limiter = new PgRateLimiter(admin!, 100, { fallback: new MemoryRateLimiter(100) });
		assert((await limiter.purge()) >= 2);
		const [left] = await db<{ n: number }[]>(
			(
				sql
			) =>
				sql`select (select count(*) from public.curator_idempotency_keys where user_id = ${user}::uuid)
				+ (select count(*) from public.curator_rate_limits where user_id = ${user}::uuid) as n`
		);
		assertEquals(Number(left.n), 0);
	}
});

Deno.test({
	name: 'postgres: close the shared test pool',
	ignore,
	async fn() {
		await admin?.end();
	}
});
