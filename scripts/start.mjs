#!/usr/bin/env node
/**
 * `npm start`: the whole product on this machine, no accounts, no cloud.
 *   1. builds the app (vite build → build/),
 *   2. starts the curator function under Deno on 127.0.0.1:54331,
 *   3. starts the local Supabase stand-in on 127.0.0.1:54321 (PGlite in
 *      .local/standin-db: accounts, sync RPCs, and /functions/v1 → the curator),
 *   4. serves the app on http://127.0.0.1:4173.
 * Options: --no-build (serve the last build), --demo-ai (answer AI steps with the
 * project's test fake instead of a real model: canned, but it walks the whole loop;
 * `npm run start:demo` is the documented way to pass it).
 *
 * Ctrl+C or a SIGTERM stops every child (the build, Deno, the servers) and exits 0.
 * Env: APP_PORT (4173), FUNCTIONS_PORT (54331), BUILD_DIR (build), STANDIN_* (the stand-in).
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
// BUILD_DIR is where svelte.config.js writes the build; FUNCTIONS_PORT moves the curator.
const BUILD_DIR = process.env.BUILD_DIR ?? 'build';
const FUNCTIONS_PORT = Number(process.env.FUNCTIONS_PORT ?? 54331);
/** How to stop what was started, newest last; a start still under way is in here too. */
const stops = [];
let stopping = false;

/**
 * Runs a build step quietly: its output is shown only if it fails (the warnings of a
 * build that worked are for whoever works on the build, not for someone starting the app).
 */
function run(cmd, argv, env = {}) {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, argv, {
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, ...env }
		});
		const stop = () => {
			if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
			return closed;
		};
		stops.push(stop);
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		const closed = new Promise((done) =>
			child.on('close', (code) => {
				stops.splice(stops.indexOf(stop), 1);
				done();
				if (code === 0) resolve(out);
				else if (!stopping) reject(new Error(`${cmd} ${argv.join(' ')} failed:\n${out}`));
			})
		);
	});
}

/**
 * Registers a start before awaiting it, so a signal during start-up still stops it;
 * once stopping, start-up goes no further.
 */
async function started(promise, stopOf) {
	stops.push(() => promise.then(stopOf, () => {}));
	const value = await promise;
	if (stopping) throw new Error('stopping');
	return value;
}

/** Stops everything at once: one server waiting on an open connection must not keep Deno alive. */
async function shutdown(code = 0) {
	if (stopping) return;
	stopping = true;
	await Promise.all(stops.map((stop) => stop().catch(() => {})));
	if (code === 0) console.log('Sonic Cartographer stopped.');
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

	if (!args.has('--no-build') || !existsSync(join(BUILD_DIR, 'index.html'))) {
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
	let aiTarget;
	if (args.has('--demo-ai')) {
		const { startFakeOpenAI } = await import('../tests/fakes/fake-openai.mjs');
		const fake = await started(startFakeOpenAI(), (f) => f.close());
		Object.assign(functionsEnv, {
			OPENAI_BASE_URL: fake.url,
			OPENAI_API_KEY: 'demo',
			CURATOR_MODEL: 'demo'
		});
		aiNote = 'DEMO: AI steps are answered by the test fake (canned answers, real albums).';
		aiTarget = 'the demo fake on this machine';
	} else if (env.OPENAI_API_KEY || env.OPENAI_BASE_URL) {
		aiTarget = env.OPENAI_BASE_URL || 'OpenAI (https://api.openai.com/v1)';
		aiNote = `AI: ${env.OPENAI_BASE_URL || 'OpenAI'} with model ${env.CURATOR_MODEL || 'gpt-4o-mini'}`;
	} else {
		aiNote =
			'AI: not configured, so the curator runs in catalogue mode (MusicBrainz and ListenBrainz).\n' +
			'    For a richer curator, copy .env.example to .env and set OPENAI_API_KEY, or OPENAI_BASE_URL\n' +
			'    to any OpenAI-compatible server (e.g. Ollama: http://127.0.0.1:11434/v1 with\n' +
			'    CURATOR_MODEL=llama3.1), then restart. Or try `npm run start:demo`.';
		aiTarget = 'no one until you configure a provider';
	}

	// The curator checks the listener's JWT, which the stand-in signs.
	functionsEnv.CURATOR_JWT_SECRET = jwtSecret;
	// "Delete my account": the curator asks the stand-in's Auth admin API, as hosted functions do.
	Object.assign(functionsEnv, {
		SUPABASE_URL: standinUrl,
		SUPABASE_SERVICE_ROLE_KEY: serviceRoleKeyFor(jwtSecret)
	});
	// quiet: the curator's own warnings and errors (a failed AI step and its cause) still
	// show here; Deno's start-up chatter doesn't.
	const functions = await started(
		startFunctions({ env: functionsEnv, port: FUNCTIONS_PORT, quiet: true }),
		(f) => f.stop()
	);
	functions.exited.then((code) => {
		// Ctrl+C signals Deno too; it may exit a moment before our own handler runs.
		setTimeout(() => {
			if (stopping) return;
			console.error(`The curator function stopped unexpectedly (exit code ${code}).`);
			void shutdown(1);
		}, 250);
	});
	const standin = await started(
		startStandin({
			jwtSecret,
			port: Number(env.STANDIN_PORT ?? 54321),
			curatorUrl: functions.url.replace(/\/functions\/v1\/curator$/, ''),
			quiet: true,
			printLinks: true
		}),
		(s) => s.stop()
	);
	// With the headers a static host sends (static/_headers), pointed at the stand-in, so
	// the Content-Security-Policy is lived with every day.
	const app = await started(
		serveApp({ dir: BUILD_DIR, port: APP_PORT, hosts: { 'https://*.supabase.co': standin.url } }),
		(a) => a.close()
	);

	const spotifyNote = env.PUBLIC_SPOTIFY_CLIENT_ID
		? `Spotify on (register ${app.url}/connect/spotify as its redirect URI)`
		: 'Spotify off (PUBLIC_SPOTIFY_CLIENT_ID)';
	const lastfmNote = env.LASTFM_API_KEY ? 'Last.fm on' : 'Last.fm off (LASTFM_API_KEY)';
	console.log(`
Sonic Cartographer is running (Ctrl+C to stop)
  App:     ${app.url}
  Supabase (local stand-in): ${standin.url}
  Curator: ${standin.url}/functions/v1/curator
  ${aiNote}
  Music services: ${spotifyNote}, ${lastfmNote}, ListenBrainz on (docs/connect.md).
  Sign-in: no mail is sent; magic links and confirmation links are printed here.
  Journeys stay in this browser's IndexedDB (and in this stand-in once you sign in).
  What leaves the machine: AI requests go to ${aiTarget};
  album checks and artist look-ups go from the browser to MusicBrainz, and with no AI
  provider (catalogue mode) similar-artist look-ups to ListenBrainz;
  cover art comes from the Cover Art Archive; a listener's music services (Spotify,
  ListenBrainz from the browser, Last.fm through the curator) only when they use them.
`);
} catch (err) {
	if (!stopping) {
		console.error(err instanceof Error ? err.message : err);
		await shutdown(1);
	}
}
