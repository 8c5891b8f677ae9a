/**
 * Writes that outlive the response (usage rows, purges, idempotency clean-ups) are handed to
 * `EdgeRuntime.waitUntil` when the runtime offers it, so a hosted instance that stops after
 * answering does not cut them off; they still land in the database.
 */
// @ts-types="../../../tests/fakes/fake-openai.d.mts"
import { startFakeOpenAI } from '../../../tests/fakes/fake-openai.mjs';
import { inBackground } from '../_shared/background.ts';
import { readConfig } from '../_shared/config.ts';
import { createDeps } from '../_shared/deps.ts';
import { createCuratorHandler } from '../curator/index.ts';
import { assert, assertEquals } from './_assert.ts';
import { PORTRAIT, readSse } from './_helpers.ts';
import { adminDb, ANALYZE, bearer, DB_URL, ignore, SECRET } from './_pg_harness.ts';

const { admin, db, newUser } = adminDb();
type Runtime = { EdgeRuntime?: { waitUntil(promise: Promise<unknown>): void } };

/** Installs a waitUntil like the hosted runtime's; returns what it was handed. */
function edgeRuntime(): { handed: Promise<unknown>[]; restore(): void } {
	const g = globalThis as Runtime;
	const before = g.EdgeRuntime;
	const handed: Promise<unknown>[] = [];
	g.EdgeRuntime = { waitUntil: (promise) => void handed.push(promise) };
	return {
		handed,
		restore: () => {
			if (before) g.EdgeRuntime = before;
			else delete g.EdgeRuntime;
		}
	};
}

Deno.test('background: with no EdgeRuntime the work runs on and a failure is only logged', async () => {
	const lines: string[] = [];
	let ran = false;
	inBackground(Promise.resolve().then(() => (ran = true)), 'a write', (l) => lines.push(l));
	inBackground(Promise.reject(new Error('db down')), 'storing a usage row', (l) => lines.push(l));
	await new Promise((r) => setTimeout(r, 0));
	assert(ran);
	assertEquals(lines, ['[curator] storing a usage row failed in the background (Error: db down)']);
});

Deno.test({
	name:
		'background: usage rows, purges and idempotency clean-ups are handed to EdgeRuntime.waitUntil',
	ignore,
	async fn() {
		const runtime = edgeRuntime();
		const fake = await startFakeOpenAI();
		fake.setMode({ mode: 'ok', chunkDelayMs: 1 });
		const deps = createDeps(
			{
				...readConfig(() => undefined),
				openaiBaseUrl: fake.url,
				model: 'fake-curator',
				timeoutMs: 5000,
				curatorJwtSecret: SECRET,
				supabaseDbUrl: DB_URL
			},
			{ log: () => {}, retryBaseMs: 5, purgeEvery: 1 }
		);
		const handler = createCuratorHandler(deps);
		const user = await newUser();
		const call = async (route: string, body: unknown, headers: Record<string, string> = {}) =>
			handler(
				new Request(`http://127.0.0.1/functions/v1/curator/${route}`, {
					method: 'POST',
					headers: { ...(await bearer(user)), 'content-type': 'application/json', ...headers },
					body: JSON.stringify(body)
				})
			);
		try {
			const ok = await call('analyze', ANALYZE);
			assertEquals(ok.status, 200);
			await ok.json();
			const afterAnswer = runtime.handed.length;
			assert(afterAnswer >= 2, `the usage row and the purge were handed over (${afterAnswer})`);

			fake.setMode({ mode: '500' });
			const failed = await call('analyze', ANALYZE, { 'idempotency-key': 'bg-failed' });
			assertEquals(failed.status, 503);
			await failed.body?.cancel();
			assert(runtime.handed.length > afterAnswer + 4, 'usage rows and the key release too');

			fake.setMode({ mode: 'ok', chunkDelayMs: 1 });
			const beforeStream = runtime.handed.length;
			const streamed = await call(
				'converse',
				{ portrait: PORTRAIT, direction: 'initial', messages: [] },
				{ accept: 'text/event-stream', 'idempotency-key': 'bg-streamed' }
			);
			assertEquals((await readSse(streamed)).at(-1)?.event, 'done');
			assert(
				runtime.handed.length >= beforeStream + 2,
				'the streamed result is stored in the background'
			);

			await Promise.all(runtime.handed);
			const usage = await db<{ n: number }[]>(
				(sql) =>
					sql`select count(*)::int as n from public.curator_usage where user_id = ${user}::uuid`
			);
			assertEquals(usage[0].n, 1 + 4 + 1, 'every usage row is stored');
			const keys = await db<{ key: string; state: string }[]>(
				(sql) =>
					sql`select key, state from public.curator_idempotency_keys
						where user_id = ${user}::uuid order by key`
			);
			assertEquals(
				keys.map((k) => [k.key, k.state]),
				[['bg-streamed', 'completed']],
				'the failed key was released, the streamed result stored'
			);
		} finally {
			runtime.restore();
			await deps.close();
			await fake.close();
		}
	}
});

Deno.test({
	name: 'background: close the admin pool',
	ignore,
	async fn() {
		await admin?.end();
	}
});
