/**
 * Measuring one case of the server benchmark: a pgbench run (latencies from its
 * per-transaction log, not its summary) and the shared buffers one pull page touches.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { userIdSql } from './batch';
import { psql, run, work } from './cluster';
import { barePullSql } from './sql';

/** Seconds per pgbench run. */
export const SECONDS = Number(process.env.BENCH_SERVER_SECONDS ?? 5);

export interface Result {
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
export async function bench(
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
export async function pullBuffers(u: number, own: number, legacySub: boolean) {
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
