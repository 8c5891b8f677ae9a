/**
 * How the server's sync cost grows, on real PostgreSQL 15 (not a test).
 *
 *   npm run bench:server
 *
 * A throwaway cluster (scripts/pg-cluster.mjs: the auth shim and every migration in
 * supabase/migrations, as the tests load them; 127.0.0.1 and a private socket only) with
 * fsync, synchronous_commit and full_page_writes ON, as on a real project. Every call is made
 * as PostgREST makes it, by pgbench (-M prepared, one client per listener): one transaction,
 * `SET LOCAL ROLE authenticated`, the JWT claims with set_config(…, true), then
 * `select public.sync_push($1)` or `select public.sync_pull($1, 500)`. Pushes are batches of
 * 100 ops: five whole journeys built by the app's mapping (scripts/bench-server/batch.ts).
 *
 * pgbench logs in as the superuser over 127.0.0.1 and switches role, where PostgREST logs in
 * as `authenticator`; the statements and their order are the same.
 *
 * Measured: push and pull at 1, 10 and 50 concurrent listeners (pushers are new listeners);
 * one listener's pull page as their own rows grow (1k, 10k, 100k) and as the tables grow
 * around them (1M rows of 10k other listeners); last, pushes by a listener who already holds
 * 1k or 100k rows. Pulls read a page of 500 from a random cursor. For one-listener pulls the
 * table also gives the shared buffers a page touches (EXPLAIN ANALYZE BUFFERS at 8 fixed
 * cursors): a count that, unlike time, does not move with the machine's other work.
 *
 * Bare baseline for each row, same clients and duration: the same work as the superuser with
 * no role switch, no RLS, no sync functions, into/from tables of the same shape without
 * triggers or policies (schema `bare`, holding the same rows): push = one INSERT … SELECT per
 * table from the same 100-op payload in one statement; pull = the plain indexed
 * `SELECT … WHERE user_id = $1 AND rev > $2 ORDER BY rev LIMIT 500` on each of the seven
 * tables, merged by rev, LIMIT 500, rows as plain text. Ratio = our p50 / bare p50.
 *
 * Big data sets are generated set-based as the superuser (bench.generate in
 * scripts/bench-server/sql.ts), leaving rows, revisions, op log and counters as pushes would;
 * the bench first pushes one batch through sync_push and checks the generator gives the same.
 * Latencies are pgbench's per-transaction times (the first transaction of each client is
 * left out); no HTTP, no PostgREST, no network hop.
 *
 *   BENCH_SERVER_SECONDS  seconds per pgbench run (default 5)
 *
 * This file is the plan of cases; scripts/bench-server/ holds the cluster and its processes
 * (cluster.ts), one measurement (pgbench.ts), the table (report.ts), the push batch (batch.ts)
 * and the SQL (sql.ts).
 */
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import {
	clientBatch,
	columnsByTable,
	OPS_PER_BATCH,
	storedBatch,
	userIdSql
} from './bench-server/batch';
import { psql, startBenchCluster } from './bench-server/cluster';
import { bench, pullBuffers, SECONDS } from './bench-server/pgbench';
import { count, fmt, printTable, type Row } from './bench-server/report';
import {
	generatorCheckSql,
	pgbenchScripts,
	setupSql,
	TABLES,
	TEMPLATE_LISTENER,
	withColumns
} from './bench-server/sql';

const CONCURRENCY = [1, 10, 50];
const BACKGROUND_LISTENERS = 10_000; // × one batch of 100 = 1M rows
const ROOT = new URL('..', import.meta.url).pathname;

// Listener numbers (u): pushers (a fresh range per concurrency), pull listeners 1000…1049, the
// growing listener, the fixed one, the generator check pair, the background crowd.
const PUSHERS = 10_000;
const PULLERS = 1000;
const PULLER_BATCHES = 20;
const GROWING = 2000;
const FIXED = 2001;
const CHECK_PUSHED = 3000;
const CHECK_GENERATED = 3001;
const CROWD = 100_000;

const rows: Row[] = [];

async function tableRows(): Promise<number> {
	const names = TABLES.map((t) => `'public.${t}'::regclass`).join(', ');
	return Number(await psql(`select sum(reltuples)::bigint from pg_class where oid in (${names});`));
}

async function vacuum() {
	await psql(
		[...TABLES.flatMap((t) => [`public.${t}`, `bare.${t}`]), 'public.sync_ops']
			.map((t) => `vacuum (analyze) ${t};`)
			.join('\n'),
		{},
		600_000
	);
}

/** Generated batches for listeners from…to, in chunks of `step` listeners, two at a time. */
async function generate(from: number, to: number, batches: number, run: string, step = 500) {
	const chunks: number[] = [];
	for (let u = from; u <= to; u += step) chunks.push(u);
	const worker = async () => {
		for (let u = chunks.shift(); u !== undefined; u = chunks.shift()) {
			await psql(
				`select bench.generate(${u}, ${Math.min(to, u + step - 1)}, ${batches}, '${run}');`
			);
		}
	};
	await Promise.all([worker(), worker()]);
}

async function main() {
	const started = performance.now();
	await startBenchCluster({
		fsync: 'on',
		synchronous_commit: 'on',
		full_page_writes: 'on',
		max_connections: 120
	});
	const legacySub = readFileSync(join(ROOT, 'supabase/shim/auth.sql'), 'utf8').includes(
		'request.jwt.claim.sub'
	);
	const client = JSON.stringify(clientBatch());
	const storedOps = storedBatch();
	const columns = columnsByTable(storedOps);
	const stored = JSON.stringify(storedOps);
	const scripts = pgbenchScripts(legacySub);
	const barePush = withColumns(scripts.barePush, columns);

	const version = (await psql('select version();')).trim();
	const cpu = cpus();
	console.log(
		`Machine: ${cpu.length} cores (${cpu[0]?.model ?? '?'}), ${fmt(totalmem() / 2 ** 30, 0)} GB RAM; ${version.split(' on ')[0]}`
	);
	console.log(
		`Cluster: fsync, synchronous_commit, full_page_writes on; defaults otherwise; ${SECONDS} s per run; ` +
			`push batch ${OPS_PER_BATCH} ops (${fmt(client.length / 1024, 0)} KB of JSON)`
	);

	await psql(setupSql(columns));
	await psql(`insert into bench.templates values ('stored', :'stored'), ('client', :'client');`, {
		stored,
		client
	});

	await psql(`select bench.generate_json(${TEMPLATE_LISTENER}, ${TEMPLATE_LISTENER}, 1, 'ffff');`);

	// The generator must leave what a push leaves: push one batch, generate one, compare.
	await generate(CHECK_PUSHED, CHECK_PUSHED, 0, 'eeee');
	const statuses = await psql(
		`begin;
set local role authenticated;
select set_config('request.jwt.claims', '{"sub":"' || ${userIdSql(String(CHECK_PUSHED))} || '","role":"authenticated"}', true);
select string_agg(distinct concat_ws(' ', e ->> 'status', e ->> 'reason', e ->> 'detail'), '; ')
from jsonb_array_elements(public.sync_push(replace(replace(replace(:'client', 'UUUUU', lpad(to_hex(${CHECK_PUSHED}), 5, '0')),
  'RRRR', 'eeee'), 'KKKKKKKKKKKK', lpad(to_hex(1), 12, '0'))::jsonb)) e;
commit;`,
		{ client }
	);
	if (statuses.trim().split('\n').at(-1) !== 'applied')
		throw new Error(`sync_push did not apply the batch: ${statuses}`);
	await generate(CHECK_GENERATED, CHECK_GENERATED, 1, 'eeee');
	const check = JSON.parse(await psql(`${generatorCheckSql(CHECK_PUSHED, CHECK_GENERATED)};`));
	if (
		check.differing_rows !== 0 ||
		check.differing_ops !== 0 ||
		check.revs_a !== check.revs_b ||
		check.counter_a !== check.counter_b ||
		check.op_rev_mismatch !== 0 ||
		check.rows_a !== OPS_PER_BATCH
	) {
		throw new Error(
			`The generator no longer leaves what sync_push leaves: ${JSON.stringify(check)}`
		);
	}
	console.log('Generator check: one generated batch = one pushed batch (rows, revisions, op log).');

	// Pushers have accounts and nothing else; pull listeners hold 2,000 rows each.
	const t0 = performance.now();
	await generate(PUSHERS, PUSHERS + 100 * CONCURRENCY.length, 0, '0000');
	await generate(PULLERS, PULLERS + Math.max(...CONCURRENCY) - 1, PULLER_BATCHES, 'ffff');
	await generate(GROWING, FIXED, 10, 'ffff');
	await vacuum();
	console.log(
		`Seeded ${count(await tableRows())} rows in ${fmt((performance.now() - t0) / 1000)} s.`
	);

	let runId = 0;
	/** Pushes by `c` listeners from `base`; checks that every op was applied. */
	const pushRow = async (what: string, c: number, base: number, own: string) => {
		const tables = count(await tableRows());
		const vars = { base, k: 0, tmpl: client, run: (++runId).toString(16).padStart(4, '0') };
		const real = await bench(scripts.push, c, vars);
		const applied = Number(
			await psql(
				`select count(*) from public.sync_ops
         where user_id in (select bench.uid(u) from generate_series(${base}, ${base + c - 1}) u)
           and split_part(op_id::text, '-', 2) = '${vars.run}';`
			)
		);
		if (applied !== real.transactions * OPS_PER_BATCH) {
			throw new Error(`push: ${applied} ops applied of ${real.transactions * OPS_PER_BATCH} sent`);
		}
		const bare = await bench(barePush, c, { ...vars, tmpl: stored });
		const row: Row = {
			what,
			listeners: c,
			ownRows: own,
			tableRows: tables,
			real,
			bare,
			rowsPerCall: OPS_PER_BATCH
		};
		rows.push(row);
		return row;
	};
	const firstPush: Row[] = [];
	for (const [i, c] of CONCURRENCY.entries()) {
		firstPush.push(await pushRow('push 100 ops', c, PUSHERS + 100 * i, '0 →'));
	}
	await vacuum();

	const pullRow = async (what: string, listeners: number, base: number, own: number) => {
		const vars = { base, maxsince: own - 500 };
		const real = await bench(scripts.pull, listeners, vars);
		const bare = await bench(scripts.barePull, listeners, vars);
		const row: Row = {
			what,
			listeners,
			ownRows: count(own),
			tableRows: count(await tableRows()),
			real,
			bare,
			rowsPerCall: 500,
			buffers: listeners === 1 ? await pullBuffers(base, own, legacySub) : undefined
		};
		rows.push(row);
		return row;
	};
	for (const c of CONCURRENCY)
		await pullRow('pull page of 500', c, PULLERS, PULLER_BATCHES * OPS_PER_BATCH);

	// One listener's own rows grow; then the tables grow around a listener whose rows do not.
	const growing: Row[] = [];
	growing.push(await pullRow('pull, own rows grow', 1, GROWING, 1_000));
	await generate(GROWING, GROWING, 90, 'ffff');
	await vacuum();
	growing.push(await pullRow('pull, own rows grow', 1, GROWING, 10_000));
	await generate(GROWING, GROWING, 900, 'ffff');
	await vacuum();
	growing.push(await pullRow('pull, own rows grow', 1, GROWING, 100_000));
	const fixedBefore = await pullRow('pull, others grow', 1, FIXED, 1_000);

	const t1 = performance.now();
	await generate(CROWD, CROWD + BACKGROUND_LISTENERS - 1, 1, 'fffe');
	await vacuum();
	console.log(
		`Added ${count(BACKGROUND_LISTENERS * OPS_PER_BATCH)} rows of ${count(BACKGROUND_LISTENERS)} other listeners in ${fmt((performance.now() - t1) / 1000)} s.`
	);
	const fixedAfter = await pullRow('pull, others grow', 1, FIXED, 1_000);
	const growingAfter = await pullRow('pull, others grow', 1, GROWING, 100_000);
	// Last, as they add rows: pushes by a listener who already holds many.
	const pushFixed = await pushRow('push, own rows', 1, FIXED, '1k →');
	const pushGrowing = await pushRow('push, own rows', 1, GROWING, '100k →');

	console.log('');
	printTable(rows);
	console.log('');
	const own = growing[2].real.p50 / growing[0].real.p50;
	const buf = (a: Row, b: Row) => fmt((b.buffers?.real ?? NaN) / (a.buffers?.real ?? NaN), 2);
	console.log(
		`Own rows ×100 (1k → 100k): pull page p50 ×${fmt(own, 2)} (bare ×${fmt(growing[2].bare.p50 / growing[0].bare.p50, 2)}), ` +
			`buffers per page ×${buf(growing[0], growing[2])}.`
	);
	console.log(
		`Other listeners' data (+1M rows, own rows fixed), 1.00 = no growth: buffers per page ×${buf(fixedBefore, fixedAfter)} at 1k own rows, ` +
			`×${buf(growing[2], growingAfter)} at 100k; p50 ×${fmt(fixedAfter.real.p50 / fixedBefore.real.p50, 2)} and ` +
			`×${fmt(growingAfter.real.p50 / growing[2].real.p50, 2)} (bare ×${fmt(fixedAfter.bare.p50 / fixedBefore.bare.p50, 2)}; times move with the machine's load).`
	);
	console.log(
		`Push by one listener: p50 ${fmt(firstPush[0].real.p50, 1)} ms holding nothing, ${fmt(pushFixed.real.p50, 1)} ms holding 1k rows, ` +
			`${fmt(pushGrowing.real.p50, 1)} ms holding 100k (×${fmt(pushGrowing.real.p50 / pushFixed.real.p50, 1)} for ×100 own rows; bare ×${fmt(pushGrowing.bare.p50 / pushFixed.bare.p50, 2)}).`
	);
	console.log(
		`rows/s: ops applied per second for pushes, rows returned per second for pulls. ` +
			`Total ${fmt((performance.now() - started) / 1000, 0)} s.`
	);
}

main()
	.then(() => process.exit(0))
	.catch((error) => {
		console.error(error instanceof Error ? error.message : error);
		process.exit(1);
	});
