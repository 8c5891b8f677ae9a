#!/usr/bin/env node
/**
 * `npm run test:deno`: the curator function's Deno tests (supabase/functions/tests), with the
 * functions' own deno.json (nodeModulesDir "none", so the app's node_modules is left alone)
 * and only the permissions the tests need: sockets on 127.0.0.1 and the env names the
 * function, the openai SDK and the postgres client (PG*) read. Extra arguments go to
 * `deno test` (e.g. --filter stream).
 *
 * The Postgres-backed stores are tested against a real throwaway PostgreSQL 15
 * (scripts/pg-cluster.mjs: 127.0.0.1, a free port, the auth shim and every migration), whose
 * URL reaches the tests as SUPABASE_DB_URL; the cluster is always stopped and removed. Missing
 * PostgreSQL packages fail the run with the apt-get line to install them.
 * Exits with deno's status; the output ends with deno's summary line.
 */
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCluster } from './pg-cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deno = join(root, 'node_modules', '.bin', 'deno');

/** Deno fetches `npm:` imports itself; it must use the same registry as npm. */
export function npmRegistry() {
	if (process.env.NPM_CONFIG_REGISTRY) return process.env.NPM_CONFIG_REGISTRY;
	try {
		return execFileSync('npm', ['config', 'get', 'registry'], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore']
		}).trim();
	} catch {
		return 'https://registry.npmjs.org/';
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	let pg;
	try {
		pg = await startCluster();
	} catch (error) {
		console.error(String(error.message ?? error));
		process.exit(1);
	}
	// Whatever happens from here on, the cluster goes with this process.
	process.on('exit', () => pg.stop());
	const args = [
		'test',
		'--config',
		join(root, 'supabase/functions/deno.json'),
		'--no-prompt',
		'--unstable-no-legacy-abort',
		'--allow-net=127.0.0.1',
		'--allow-env=OPENAI_*,CURATOR_*,SUPABASE_*,APP_ORIGINS,PG*,NODE_DEBUG,NODE_V8_COVERAGE',
		// The usage test runs the cost query exactly as docs/operations.md documents it.
		`--allow-read=${join(root, 'docs', 'operations.md')}`,
		...process.argv.slice(2),
		join(root, 'supabase/functions/tests/')
	];
	const child = spawn(deno, args, {
		cwd: root,
		stdio: 'inherit',
		env: {
			...process.env,
			SUPABASE_DB_URL: pg.url,
			NPM_CONFIG_REGISTRY: npmRegistry(),
			NO_COLOR: process.env.NO_COLOR ?? '1'
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}
