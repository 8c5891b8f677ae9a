/**
 * Idempotency keys in Postgres, across two function instances on one database: replay, waiting
 * for a running first request, the time budget, release on failure, takeover of a dead claim.
 */
import { fingerprintOf } from '../_shared/idempotency.ts';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { ARTISTS } from './_helpers.ts';
import { adminDb, bearer, ignore, sleep, startInstances } from './_pg_harness.ts';

const { admin, db, newUser } = adminDb();

Deno.test({
	name: 'idempotency: a key used on one instance replays on the other, no second model call',
	ignore,
	async fn() {
		const {
			instances: [a, b],
			fake,
			close
		} = await startInstances(2);
		try {
			const headers = { ...(await bearer(await newUser())), 'idempotency-key': 'k-shared' };
			const first = await a.post('portrait', { artists: ARTISTS }, headers);
			assertEquals(first.status, 200);
			const firstBody = await first.json();
			const again = await b.post('portrait', { artists: ARTISTS }, headers);
			assertEquals(again.status, 200);
			assertEquals(again.headers.get('idempotent-replayed'), 'true');
			assertEquals(await again.json(), firstBody);
			assertEquals(fake.calls().count, 1);
			const other = await b.post('portrait', { artists: [...ARTISTS].reverse() }, headers);
			assertEquals(other.status, 400, 'the key reused for another request is refused');
			await other.body?.cancel();
			assertEquals(fake.calls().count, 1);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'idempotency: while the first instance is still working, the second waits for its result',
	ignore,
	async fn() {
		const {
			instances: [a, b],
			fake,
			close
		} = await startInstances(2);
		fake.setMode({ mode: 'ok', delayMs: 400 });
		try {
			const headers = { ...(await bearer(await newUser())), 'idempotency-key': 'k-running' };
			const firstP = a.post('portrait', { artists: ARTISTS }, headers);
			await sleep(100);
			const t0 = performance.now();
			const second = await b.post('portrait', { artists: ARTISTS }, headers);
			const waited = performance.now() - t0;
			const first = await firstP;
			assertEquals([first.status, second.status], [200, 200]);
			assertEquals(second.headers.get('idempotent-replayed'), 'true');
			assertEquals(await second.json(), await first.json());
			assertEquals(fake.calls().count, 1, 'the model was called once');
			assert(waited < 1500, `waited ${waited} ms`);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'idempotency: the wait is bounded by the time budget (504, still running)',
	ignore,
	async fn() {
		const {
			instances: [a, b],
			fake,
			close
		} = await startInstances(2, [{}, { timeoutMs: 300 }]);
		fake.setMode({ mode: 'ok', delayMs: 1200 });
		try {
			const headers = { ...(await bearer(await newUser())), 'idempotency-key': 'k-slow' };
			const firstP = a.post('portrait', { artists: ARTISTS }, headers);
			await sleep(100);
			const t0 = performance.now();
			const second = await b.post('portrait', { artists: ARTISTS }, headers);
			const took = performance.now() - t0;
			assertEquals(second.status, 504);
			const { error } = await second.json();
			assertEquals(error.code, 'UPSTREAM_TIMEOUT');
			assertMatch(error.message, /still running/);
			assert(took < 800, `took ${took} ms`);
			assertEquals((await firstP).status, 200);
			assertEquals(fake.calls().count, 1);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'idempotency: a failure releases the key, so the retry on another instance calls the model',
	ignore,
	async fn() {
		const {
			instances: [a, b],
			fake,
			close
		} = await startInstances(2);
		fake.setMode({ mode: '500', times: 4 });
		try {
			const headers = { ...(await bearer(await newUser())), 'idempotency-key': 'k-fail' };
			const failed = await a.post('portrait', { artists: ARTISTS }, headers);
			assertEquals(failed.status, 503);
			await failed.body?.cancel();
			await sleep(50); // the release runs in the background
			const ok = await b.post('portrait', { artists: ARTISTS }, headers);
			assertEquals(ok.status, 200);
			assertEquals(ok.headers.get('idempotent-replayed'), null);
			await ok.json();
			assertEquals(fake.calls().count, 5);
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: 'idempotency: a claim left running past its lease (dead instance) is taken over',
	ignore,
	async fn() {
		const {
			instances: [a],
			fake,
			close
		} = await startInstances(1);
		try {
			const user = await newUser();
			const body = { artists: ARTISTS };
			const hash = await fingerprintOf(JSON.stringify(body));
			await db(
				(
					sql
				) =>
					sql`insert into public.curator_idempotency_keys (user_id, key, route, request_hash, created_at)
					values (${user}::uuid, 'k-orphan', 'portrait', ${hash}, now() - interval '10 minutes')`
			);
			const res = await a.post('portrait', body, {
				...(await bearer(user)),
				'idempotency-key': 'k-orphan'
			});
			assertEquals(res.status, 200);
			await res.json();
			assertEquals(fake.calls().count, 1);
			const [row] = await db<{ state: string }[]>(
				(sql) =>
					sql`select state from public.curator_idempotency_keys where user_id = ${user}::uuid and key = 'k-orphan'`
			);
			assertEquals(row.state, 'completed');
		} finally {
			await close();
		}
	}
});

Deno.test({
	name: "postgres: close this file's admin pool",
	ignore,
	async fn() {
		await admin?.end();
	}
});
