#!/usr/bin/env node
/**
 * `npm run test:deno`: the curator function as it is deployed, then its Deno tests.
 *
 * 1. `deno check` of curator/index.ts with only supabase/functions/curator/deno.json: the one
 *    config `supabase functions deploy curator` reads (it uploads that file and what index.ts
 *    imports), so a bare import missing from its map fails here, not at deploy time.
 * 2. `deno lint` and `deno fmt --check` of supabase/functions (rules and style in that deno.json;
 *    prettier leaves this folder to deno fmt).
 * 3. The tests (supabase/functions/tests) with the same config (nodeModulesDir "none", so the
 *    app's node_modules is left alone) and only the permissions they need: sockets on 127.0.0.1
 *    and the env names the function, the openai SDK and the postgres client (PG*) read. Extra
 *    arguments go to `deno test` (e.g. --filter stream).
 *
 * The Postgres-backed stores are tested against a real throwaway PostgreSQL 15
 * (scripts/pg-cluster.mjs: 127.0.0.1, a free port, the auth shim and every migration), whose
 * URL reaches the tests as SUPABASE_DB_URL; the cluster is always stopped and removed. Missing
 * PostgreSQL packages fail the run with the apt-get line to install them.
 * Every step runs even when an earlier one fails; the exit status is non-zero if any failed, and
 * the output ends with deno test's summary line.
 */
import { execFileSync, spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startCluster } from './pg-cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deno = join(root, 'node_modules', '.bin', 'deno');
/** The curator's deno.json: its import map, lint rules and format style. */
export const denoConfig = join(root, 'supabase', 'functions', 'curator', 'deno.json');
const functionsDir = join(root, 'supabase', 'functions');

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
	const env = {
		...process.env,
		SUPABASE_DB_URL: pg.url,
		NPM_CONFIG_REGISTRY: npmRegistry(),
		NO_COLOR: process.env.NO_COLOR ?? '1'
	};
	let current;
	for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => current?.kill(signal));
	const run = (args) =>
		new Promise((resolve) => {
			current = spawn(deno, args, { cwd: root, stdio: 'inherit', env });
			current.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
		});
	// Each folder by name: given their parent, deno lint/fmt would only see the config's own folder.
	const folders = readdirSync(functionsDir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(functionsDir, entry.name));
	const checks = [
		['check', '--config', denoConfig, join(functionsDir, 'curator', 'index.ts')],
		['lint', '--config', denoConfig, ...folders],
		['fmt', '--check', '--config', denoConfig, ...folders]
	];
	let failed = 0;
	for (const args of checks) {
		const code = await run(args);
		if (code !== 0) {
			console.error(`deno ${args[0]} failed (exit ${code}).`);
			failed++;
		}
	}
	const testCode = await run([
		'test',
		'--config',
		denoConfig,
		'--no-prompt',
		'--unstable-no-legacy-abort',
		'--allow-net=127.0.0.1',
		'--allow-env=OPENAI_*,CURATOR_*,SUPABASE_*,APP_ORIGINS,PG*,NODE_DEBUG,NODE_V8_COVERAGE',
		// The usage test runs the cost query exactly as docs/operations.md documents it; the
		// deploy-layout test reads the function's sources and its deno.json; the Last.fm test
		// reads Last.fm's recorded answers.
		`--allow-read=${join(root, 'docs', 'operations.md')},${functionsDir},${join(root, 'tests', 'unit', 'fixtures', 'api-real')}`,
		...process.argv.slice(2),
		join(functionsDir, 'tests') + '/'
	]);
	process.exit(testCode !== 0 ? testCode : failed ? 1 : 0);
}
