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
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { performance } from 'node:perf_hooks';
import { startCluster } from './pg-cluster.mjs';
import {
	clientBatch,
	columnsByTable,
	OPS_PER_BATCH,
	storedBatch,
	userIdSql
} from './bench-server/batch';
import {
	barePullSql,
	generatorCheckSql,
	pgbenchScripts,
	setupSql,
	TABLES,
	TEMPLATE_LISTENER,
	withColumns
} from './bench-server/sql';

const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);
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

const children = new Set<ChildProcess>();
let cluster: { port: number; stop: () => void } | undefined;
const work = mkdtempSync(join(tmpdir(), 'sonic-bench-server-'));

function cleanUp() {
	for (const child of children) child.kill('SIGKILL');
	cluster?.stop();
	cluster = undefined;
	rmSync(work, { recursive: true, force: true });
}
process.on('exit', cleanUp);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		console.error(`\n${signal}: stopping the cluster.`);
		cleanUp();
		process.exit(130);
	});
}

function env() {
	const e: NodeJS.ProcessEnv = {
		...process.env,
		PGHOST: '127.0.0.1',
		PGPORT: String(cluster?.port),
		PGUSER: 'postgres',
		PGDATABASE: 'postgres'
	};
	delete e.PGPASSWORD;
	delete e.PGSERVICE;
	return e;
}

/** Runs a command to completion (killed after `timeoutMs`); rejects on a non-zero exit. */
function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
		children.add(child);
		let out = '';
		let err = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (err += d));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			children.delete(child);
			if (code === 0) resolve(out);
			else reject(new Error(`${cmd} failed (${code ?? signal}):\n${err || out}`.trim()));
		});
	});
}

/** psql as the superuser; `vars` become psql variables (use them as :'name'). */
function psql(sql: string, vars: Record<string, string> = {}, timeoutMs = 300_000) {
	const file = join(work, `q${Math.random().toString(36).slice(2)}.sql`);
	writeFileSync(file, sql);
	const v = Object.entries(vars).flatMap(([k, val]) => ['-v', `${k}=${val}`]);
	return run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', ...v, '-f', file], timeoutMs);
}

interface Result {
	tps: number;
	p50: number;
	p95: number;
	transactions: number;
}

function quantile(sorted: number[], q: number) {
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

let runNo = 0;
/** One pgbench run: `clients` listeners from `base`, SECONDS long. Latencies in ms. */
async function bench(
	script: string,
	clients: number,
	vars: Record<string, string | number>
): Promise<Result> {
	const name = `run${++runNo}`;
	const file = join(work, `${name}.sql`);
	writeFileSync(file, script);
	const prefix = join(work, name);
	const defs = Object.entries(vars).flatMap(([k, v]) => ['-D', `${k}=${v}`]);
	const out = await run(
		'pgbench',
		[
			'-n',
			'-M',
			'prepared',
			'-c',
			String(clients),
			'-j',
			String(Math.min(clients, 2)),
			'-T',
			String(SECONDS),
			...defs,
			'-f',
			file,
			'-l',
			`--log-prefix=${prefix}`
		],
		(SECONDS + 120) * 1000
	);
	const failed = Number(/number of failed transactions: (\d+)/.exec(out)?.[1] ?? 0);
	if (failed > 0) throw new Error(`pgbench: ${failed} calls failed\n${out}`);
	const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1]);
	const latencies: number[] = [];
	const all: number[] = [];
	let transactions = 0;
	for (const f of readdirSync(work).filter(
		(n) => n.startsWith(`${name}.`) && n !== `${name}.sql`
	)) {
		for (const line of readFileSync(join(work, f), 'utf8').split('\n')) {
			const [, tx, us] = line.split(' ').map(Number);
			if (!Number.isFinite(us)) continue;
			transactions++;
			all.push(us / 1000);
			if (tx > 1) latencies.push(us / 1000); // the first call of a client prepares and warms up
		}
	}
	if (latencies.length === 0) latencies.push(...all); // calls so slow that each client made one
	latencies.sort((a, b) => a - b);
	return { tps, p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), transactions };
}

/**
 * Shared buffers one pull page touches (hit + read, from EXPLAIN ANALYZE BUFFERS), averaged
 * over the same cursors for our pull and the bare one: a count, so unlike times it does not
 * move with whatever else the machine is doing.
 */
async function pullBuffers(u: number, own: number, legacySub: boolean) {
	const sinces = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => Math.floor(((own - 500) * i) / 7));
	const sub = userIdSql(String(u));
	const explain = (sql: string) => `explain (analyze, buffers, format json) ${sql};`;
	const real = await psql(
		[
			'begin;',
			'set local role authenticated;',
			`select set_config('request.jwt.claims', '{"sub":"' || ${sub} || '","role":"authenticated"}', true)` +
				(legacySub ? `, set_config('request.jwt.claim.sub', ${sub}, true);` : ';'),
			...[sinces[0], ...sinces].map((s) => explain(`select public.sync_pull(${s}, 500)`)),
			'rollback;'
		].join('\n')
	);
	const bare = await psql(
		[sinces[0], ...sinces].map((s) => explain(barePullSql(String(u), String(s)))).join('\n')
	);
	const perCall = (out: string) => {
		// Each plan's first counters are its top node's, which include everything below it.
		const docs = out.split(/^\[$/m).slice(2); // the first plan warms the session's caches
		const blocks = docs.map((d) => {
			const hit = Number(/"Shared Hit Blocks": (\d+)/.exec(d)?.[1] ?? NaN);
			const read = Number(/"Shared Read Blocks": (\d+)/.exec(d)?.[1] ?? NaN);
			return hit + read;
		});
		return blocks.reduce((a, b) => a + b, 0) / blocks.length;
	};
	return { real: perCall(real), bare: perCall(bare) };
}

interface Row {
	buffers?: { real: number; bare: number };
	what: string;
	listeners: number;
	ownRows: string;
	tableRows: string;
	real: Result;
	bare: Result;
	rowsPerCall: number;
}
const rows: Row[] = [];

const fmt = (n: number, digits = 1) =>
	n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const count = (n: number) =>
	n >= 1e6 ? `${fmt(n / 1e6, n % 1e6 ? 2 : 0)}M` : n >= 1e3 ? `${fmt(n / 1e3, 0)}k` : String(n);

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

function printTable() {
	const head = [
		'case',
		'listeners',
		'own rows',
		'table rows',
		'calls/s',
		'rows/s',
		'p50 ms',
		'p95 ms',
		'bare calls/s',
		'bare p50',
		'bare p95',
		'× bare p50',
		'buffers',
		'bare buffers'
	];
	const body = rows.map((r) => [
		r.what,
		String(r.listeners),
		r.ownRows,
		r.tableRows,
		fmt(r.real.tps),
		fmt(r.real.tps * r.rowsPerCall, 0),
		fmt(r.real.p50, 2),
		fmt(r.real.p95, 2),
		fmt(r.bare.tps),
		fmt(r.bare.p50, 2),
		fmt(r.bare.p95, 2),
		`${fmt(r.real.p50 / r.bare.p50, 2)}×`,
		r.buffers ? fmt(r.buffers.real, 0) : '',
		r.buffers ? fmt(r.buffers.bare, 0) : ''
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		`| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	console.log(line(head));
	console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
	for (const b of body) console.log(line(b));
}

async function main() {
	const started = performance.now();
	cluster = await startCluster({
		settings: {
			fsync: 'on',
			synchronous_commit: 'on',
			full_page_writes: 'on',
			max_connections: 120
		}
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
	printTable();
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
