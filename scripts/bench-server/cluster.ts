/**
 * The server benchmark's throwaway PostgreSQL and the programs it runs against it (psql,
 * pgbench): one cluster, one scratch folder, and every child process, all stopped and
 * removed on exit or Ctrl-C so an interrupted run leaves nothing behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { startCluster } from '../pg-cluster.mjs';

const children = new Set<ChildProcess>();
let cluster: { port: number; stop: () => void } | undefined;
/** Scratch folder for SQL files and pgbench logs. */
export const work = mkdtempSync(join(tmpdir(), 'sonic-bench-server-'));

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

/** Starts the cluster every later psql and pgbench call talks to. */
export async function startBenchCluster(settings: Record<string, string | number>) {
	cluster = await startCluster({ settings });
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
export function run(cmd: string, args: string[], timeoutMs: number): Promise<string> {
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
export function psql(sql: string, vars: Record<string, string> = {}, timeoutMs = 300_000) {
	const file = join(work, `q${Math.random().toString(36).slice(2)}.sql`);
	writeFileSync(file, sql);
	const v = Object.entries(vars).flatMap(([k, val]) => ['-v', `${k}=${val}`]);
	return run('psql', ['-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', ...v, '-f', file], timeoutMs);
}
