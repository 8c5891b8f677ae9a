/**
 * Sync cost against a bare bulk insert of the same rows (not a test).
 *
 *   npm run bench:sync
 *
 * Starts the local Supabase stand-in in-process (scripts/standin, PGlite, `:memory:`) on
 * loopback and drives the real engine (src/lib/sync, supabase-js, Dexie over
 * fake-indexeddb) through tests/unit/int-harness.ts:
 *
 * - first sync, upload: device A holds 10,000 journeys made before signing in and syncs
 *   them (20 pushes of 500 ops, then a pull);
 * - first sync, restore: device B signs in to the same account and pulls all 10,000
 *   (20 pages of 500);
 * - one-change round trip: A changes one journey and syncs, then B syncs and has it.
 *
 * The bare baseline is the same rows written into the same database straight through
 * `POST /rest/v1/rpc/sync_push` in calls of 500 ops (its set-based pass: one upsert per
 * table, one insert into the op log, revision trigger) with a service_role JWT, under a
 * second account and with fresh ids (the ids are the primary key): no device, Dexie or
 * engine. The stand-in serves RPC only and the database keeps no uncapped bulk path, so this
 * is the cheapest way the same rows get into the same tables through the same server. Each
 * ratio is sync time / baseline time. Goal ≤ 3×.
 *
 * Device-side time is Dexie on fake-indexeddb in Node (much slower than a browser's
 * IndexedDB); the "server calls" column is the time spent inside push/pull requests.
 */
import 'fake-indexeddb/auto';
import { performance } from 'node:perf_hooks';
import type { JourneyRow } from '../src/lib/domain/types';
import { putRows } from '../src/lib/db/write';
import { toServer } from '../src/lib/sync/mapping';
import type { PushOp } from '../src/lib/sync/outbox';
import type { SyncTransport } from '../src/lib/sync/transport';
import { Device, startStandin, uniqueEmail } from '../tests/unit/int-harness';
import { DEFAULT_JWT_SECRET, signJwt } from './standin/jwt.mjs';

const N = Number(process.env.BENCH_SYNC_ROWS ?? 10_000);
const ROUND_TRIPS = 15;

let serial = 0;
function journey(i: number): JourneyRow {
	const at = 1763762400000 + i;
	return {
		id: crypto.randomUUID(),
		createdAt: at,
		updatedAt: at,
		artists: [{ name: `Artist ${i}-${serial++}` }, { name: 'Björk' }],
		source: 'typed',
		round: 1
	};
}

/** Wraps a transport, adding the time spent in its calls to `spent.ms`. */
function timed(inner: SyncTransport, spent: { ms: number }): SyncTransport {
	const time = async <T>(p: () => Promise<T>) => {
		const t = performance.now();
		try {
			return await p();
		} finally {
			spent.ms += performance.now() - t;
		}
	};
	return {
		push: (ops) => time(() => inner.push(ops)),
		pull: (since, lim) => time(() => inner.pull(since, lim))
	};
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
	const server = await startStandin();
	const secret = (server as { jwtSecret?: string }).jwtSecret ?? DEFAULT_JWT_SECRET;
	try {
		/** Calls of 500 ops with service rights; returns their wall time in ms. */
		async function bare(userId: string, rows: JourneyRow[]): Promise<number> {
			let ms = 0;
			for (let i = 0; i < rows.length; i += 500)
				ms += await bareCall(userId, rows.slice(i, i + 500));
			return ms;
		}

		async function bareCall(userId: string, rows: JourneyRow[]): Promise<number> {
			const ops: PushOp[] = rows.map((r) => ({
				op_id: crypto.randomUUID(),
				table: 'journeys',
				row: toServer('journeys', { ...r })
			}));
			const now = Math.floor(Date.now() / 1000);
			const token = signJwt(
				{ sub: userId, role: 'service_role', aud: 'authenticated', iat: now, exp: now + 600 },
				secret
			);
			const body = JSON.stringify({ ops });
			const t = performance.now();
			const res = await fetch(`${server.url}/rest/v1/rpc/sync_push`, {
				method: 'POST',
				headers: {
					apikey: server.anonKey,
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json'
				},
				body
			});
			const out = (await res.json()) as { status: string }[];
			const ms = performance.now() - t;
			if (!res.ok || out.length !== rows.length || out.some((r) => r.status !== 'applied')) {
				throw new Error(
					`baseline insert failed: ${res.status} ${JSON.stringify(out).slice(0, 300)}`
				);
			}
			return ms;
		}

		const email = uniqueEmail('bench');
		const a = new Device(server);
		const b = new Device(server);
		const base = new Device(server);
		await a.signUp(email);
		await b.signIn(email);
		const baseUser = await base.signUp(uniqueEmail('bench-base'));

		// Warm up both paths (connections, plan caches) on a few rows.
		await bare(
			baseUser,
			Array.from({ length: 50 }, (_, i) => journey(i))
		);

		a.use();
		const rows = Array.from({ length: N }, (_, i) => journey(i));
		for (let i = 0; i < rows.length; i += 1000) {
			await putRows(rows.slice(i, i + 1000).map((row) => ({ table: 'journeys' as const, row })));
		}

		const spentA = { ms: 0 };
		let t = performance.now();
		const up = await a.sync(undefined, timed(a.transport!, spentA));
		const upMs = performance.now() - t;
		if (up.applied !== N) throw new Error(`upload applied ${up.applied} of ${N}`);

		const spentB = { ms: 0 };
		t = performance.now();
		const down = await b.sync(undefined, timed(b.transport!, spentB));
		const downMs = performance.now() - t;
		if ((await b.db.journeys.count()) !== N) throw new Error('restore: counts differ');

		const bulkMs = await bare(
			baseUser,
			rows.map((r) => ({ ...r, id: crypto.randomUUID() }))
		);

		// One change, there and back: A edits one journey and syncs; B syncs and has it.
		const trips: number[] = [];
		const tripCalls: number[] = [];
		const ones: number[] = [];
		for (let i = 0; i < ROUND_TRIPS; i++) {
			a.use();
			const row = { ...rows[i], round: 2 + i, updatedAt: Date.now() };
			await putRows([{ table: 'journeys', row }]);
			const spent = { ms: 0 };
			t = performance.now();
			await a.sync(undefined, timed(a.transport!, spent));
			await b.sync(undefined, timed(b.transport!, spent));
			trips.push(performance.now() - t);
			tripCalls.push(spent.ms);
			if ((await b.db.journeys.get(row.id))?.round !== row.round) {
				throw new Error('round trip: B did not get the change');
			}
			ones.push(await bare(baseUser, [journey(N + i)]));
		}

		const tripMs = median(trips);
		const oneMs = median(ones);
		const fmt = (ms: number) => `${ms.toFixed(ms < 100 ? 1 : 0)} ms`;
		const table = [
			['', 'sync', 'server calls', 'bare insert', 'ratio'],
			[
				`first sync, upload ${N} (${Math.ceil(N / 500)} pushes, ${up.pages} pull pages)`,
				fmt(upMs),
				fmt(spentA.ms),
				fmt(bulkMs),
				`${(upMs / bulkMs).toFixed(2)}×`
			],
			[
				`first sync, restore ${N} (${down.pages} pages)`,
				fmt(downMs),
				fmt(spentB.ms),
				fmt(bulkMs),
				`${(downMs / bulkMs).toFixed(2)}×`
			],
			[
				`one-change round trip (median of ${ROUND_TRIPS})`,
				fmt(tripMs),
				fmt(median(tripCalls)),
				fmt(oneMs),
				`${(tripMs / oneMs).toFixed(2)}×`
			]
		];
		const widths = table[0].map((_, c) => Math.max(...table.map((r) => r[c].length)));
		console.log(
			`\nSync against the stand-in on loopback (PGlite in-process, :memory:), ${process.version}`
		);
		console.log(
			'bare insert = the same rows sent straight to sync_push, 500 ops per call, with a service_role JWT\n'
		);
		for (const [i, r] of table.entries()) {
			console.log(
				r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ')
			);
			if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
		}
		console.log('\nGoal: ≤ 3× for each.');
	} finally {
		await server.stop();
	}
}

main().catch((e) => {
	console.error(e);
	process.exitCode = 1;
});
