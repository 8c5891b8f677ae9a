#!/usr/bin/env node
/**
 * `npm start`: the whole product on this machine, no accounts, no cloud.
 *   1. builds the app (vite build → build/),
 *   2. starts the curator function under Deno on 127.0.0.1:54331,
 *   3. starts the local Supabase stand-in on 127.0.0.1:54321 (PGlite in
 *      .local/standin-db: accounts, sync RPCs, and /functions/v1 → the curator),
 *   4. serves the app on http://127.0.0.1:4173.
 * Options: --no-build (serve the last build), --demo-ai (answer AI steps with the
 * project's test fake instead of a real model: canned, but it walks the whole loop).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { parseDotEnv, startFunctions } from './functions.mjs';
import { serveApp } from './serve-app.mjs';
import { serviceRoleKeyFor } from './standin/auth-admin.mjs';
import { startStandin } from './standin/index.mjs';
import { anonKeyFor, DEFAULT_JWT_SECRET } from './standin/jwt.mjs';

const args = new Set(process.argv.slice(2));
const APP_PORT = Number(process.env.APP_PORT ?? 4173);
const stops = [];

function run(cmd, argv, env = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, argv, {
			stdio: ['ignore', 'pipe', 'inherit'],
			env: { ...process.env, ...env }
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.on('close', (code) =>
			code === 0 ? resolve(out) : reject(new Error(`${cmd} ${argv.join(' ')} failed:\n${out}`))
		);
	});
}

async function shutdown(code = 0) {
	for (const stop of stops.reverse()) await stop().catch(() => {});
	process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
	const env = {
		...(existsSync('.env') ? parseDotEnv(readFileSync('.env', 'utf8')) : {}),
		...process.env
	};
	const jwtSecret = env.STANDIN_JWT_SECRET ?? DEFAULT_JWT_SECRET;
	const standinUrl = `http://127.0.0.1:${Number(env.STANDIN_PORT ?? 54321)}`;

	if (!args.has('--no-build') || !existsSync('build/index.html')) {
		console.log('Building the app…');
		// Always for the stand-in this command runs, even when .env names a hosted project
		// (that is what `npm run build` is for; docs/deploy.md).
		await run(join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
			PUBLIC_SUPABASE_URL: standinUrl,
			PUBLIC_SUPABASE_ANON_KEY: anonKeyFor(jwtSecret)
		});
	}
	const functionsEnv = {};
	let aiNote;
	if (args.has('--demo-ai')) {
		const { startFakeOpenAI } = await import('../tests/fakes/fake-openai.mjs');
		const fake = await startFakeOpenAI();
		stops.push(() => fake.close());
		Object.assign(functionsEnv, {
			OPENAI_BASE_URL: fake.url,
			OPENAI_API_KEY: 'demo',
			CURATOR_MODEL: 'demo'
		});
		aiNote = 'DEMO: AI steps are answered by the test fake (canned answers, real albums).';
	} else if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
		aiNote = `AI: ${env.OPENAI_BASE_URL || 'OpenAI'} with model ${env.CURATOR_MODEL || 'gpt-4o-mini'}`;
	} else {
		aiNote =
			'AI: not configured. Copy .env.example to .env and set OPENAI_API_KEY, or OPENAI_BASE_URL\n' +
			'    to any OpenAI-compatible server (e.g. Ollama: http://127.0.0.1:11434/v1 with\n' +
			'    CURATOR_MODEL=llama3.1), then restart. Or try `npm start -- --demo-ai`.';
	}

	// The curator checks the listener's JWT, which the stand-in signs.
	functionsEnv.CURATOR_JWT_SECRET = jwtSecret;
	// "Delete my account": the curator asks the stand-in's Auth admin API, as hosted functions do.
	Object.assign(functionsEnv, {
		SUPABASE_URL: standinUrl,
		SUPABASE_SERVICE_ROLE_KEY: serviceRoleKeyFor(jwtSecret)
	});
	const functions = await startFunctions({ env: functionsEnv, port: 54331, quiet: true });
	stops.push(functions.stop);
	const standin = await startStandin({
		jwtSecret,
		port: Number(env.STANDIN_PORT ?? 54321),
		curatorUrl: functions.url.replace(/\/functions\/v1\/curator$/, ''),
		quiet: true,
		printLinks: true
	});
	stops.push(standin.stop);
	// With the headers a static host sends (static/_headers), pointed at the stand-in, so
	// the Content-Security-Policy is lived with every day.
	const app = await serveApp({
		dir: 'build',
		port: APP_PORT,
		hosts: { 'https://*.supabase.co': standin.url }
	});
	stops.push(app.close);

	console.log(`
Sonic Cartographer is running (Ctrl+C to stop)
  App:     ${app.url}
  Supabase (local stand-in): ${standin.url}
  Curator: ${standin.url}/functions/v1/curator
  ${aiNote}
  Data stays in this browser's IndexedDB; nothing leaves the machine except AI requests.
`);
	functions.exited.then((code) => {
		console.error(`The curator function stopped (code ${code}).`);
		void shutdown(1);
	});
} catch (err) {
	console.error(err instanceof Error ? err.message : err);
	await shutdown(1);
}
