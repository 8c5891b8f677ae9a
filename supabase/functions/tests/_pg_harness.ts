/**
 * Shared harness for the Postgres-store tests (SUPABASE_DB_URL): a real throwaway PostgreSQL 15
 * with the shim and every migration loaded (npm run test:deno starts it: scripts/pg-cluster.mjs).
 * Two function handlers with their own pools on the same database stand in for two instances.
 */
import { SignJWT } from 'jose';
// @ts-types="../../../tests/fakes/fake-openai.d.mts"
import { startFakeOpenAI } from '../../../tests/fakes/fake-openai.mjs';
import { type CuratorConfig, readConfig } from '../_shared/config.ts';
import { createDeps, type CuratorDeps } from '../_shared/deps.ts';
import { PgPool } from '../_shared/pg.ts';
import { createCuratorHandler } from '../curator/index.ts';
import { ORIGIN } from './_helpers.ts';

export const DB_URL = Deno.env.get('SUPABASE_DB_URL');
export const SECRET = 'postgres-tests-secret-with-at-least-32-characters';
export const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({ title: `Album ${n}`, artist: 'Artist', year: '1999', rating: n }))
};
export const ignore = !DB_URL; // npm run test:deno always sets it; a bare `deno test` reports these ignored

/** One admin pool per test file (each file closes its own in a last test). */
export function adminDb() {
	const admin = DB_URL ? new PgPool(DB_URL) : undefined;
	const db = <T>(fn: Parameters<PgPool['run']>[0]) => admin!.run(fn) as Promise<T>;
	async function newUser(anonymous = false): Promise<string> {
		const rows = await db<{ id: string }[]>(
			(sql) => sql`insert into auth.users (is_anonymous) values (${anonymous}) returning id`
		);
		return rows[0].id;
	}
	return { admin, db, newUser };
}

export async function bearer(sub: string, claims = {}): Promise<Record<string, string>> {
	const token = await new SignJWT({ sub, role: 'authenticated', ...claims })
		.setProtectedHeader({ alg: 'HS256' })
		.setAudience('authenticated')
		.setExpirationTime('1h')
		.sign(new TextEncoder().encode(SECRET));
	return { authorization: `Bearer ${token}` };
}

export interface Instance {
	deps: CuratorDeps;
	post(route: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
}

/** `n` function instances (own handler, own pool) sharing one fake model and the database. */
export async function startInstances(
	n: number,
	overrides: Partial<CuratorConfig> | Partial<CuratorConfig>[] = {}
) {
	const fake = await startFakeOpenAI();
	fake.setMode({ mode: 'ok', chunkDelayMs: 1 });
	const servers: Deno.HttpServer[] = [];
	const instances: Instance[] = [];
	for (let i = 0; i < n; i++) {
		const config: CuratorConfig = {
			...readConfig(() => undefined),
			openaiBaseUrl: fake.url,
			model: 'fake-curator',
			timeoutMs: 5000,
			curatorJwtSecret: SECRET,
			supabaseDbUrl: DB_URL,
			...(Array.isArray(overrides) ? overrides[i] : overrides)
		};
		const deps = createDeps(config, { retryBaseMs: 5, log: () => {}, purgeEvery: 0 });
		const server = Deno.serve(
			{ hostname: '127.0.0.1', port: 0, onListen() {} },
			createCuratorHandler(deps)
		);
		servers.push(server);
		const base = `http://127.0.0.1:${server.addr.port}/functions/v1/curator`;
		instances.push({
			deps,
			post: (route, body, headers = {}) =>
				fetch(`${base}/${route}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
					body: JSON.stringify(body)
				})
		});
	}
	return {
		fake,
		instances,
		async close() {
			for (const s of servers) await s.shutdown();
			for (const i of instances) await i.deps.close();
			await fake.close();
		}
	};
}

/** Fixed windows are aligned to the clock minute: don't start a count just before one ends. */
export async function awayFromMinuteEdge(): Promise<void> {
	const left = 60_000 - (Date.now() % 60_000);
	if (left < 3000) await new Promise((r) => setTimeout(r, left + 50));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
