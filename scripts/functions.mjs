#!/usr/bin/env node
/**
 * `npm run functions`: serves the curator function under Deno at
 * http://127.0.0.1:54321/functions/v1/curator (CURATOR_PORT to move it).
 *
 * Reads `.env` when present (real environment variables win), applies local defaults, and runs
 * node_modules/.bin/deno directly (not through npx, which leaves a detached child) with the
 * fewest permissions that work: listen on 127.0.0.1:<port>, reach only the AI server and the
 * Supabase URL, read only the variables the function uses.
 *
 * Also importable, for `npm start` and the Playwright setup:
 *   const { url, stop } = await startFunctions({ env: { OPENAI_BASE_URL: fake.url }, port: 54331 });
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { denoConfig, npmRegistry } from './deno-test.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const deno = join(root, 'node_modules', '.bin', 'deno');
const entry = join(root, 'supabase', 'functions', 'curator', 'index.ts');

export const DEFAULTS = {
	CURATOR_PORT: '54321',
	APP_ORIGINS: 'http://127.0.0.1:4173,http://localhost:4173,http://127.0.0.1:5173'
};

/** A tiny .env reader: KEY=value lines, optional quotes, # comments. No expansion. */
export function parseDotEnv(text) {
	const out = {};
	for (const line of text.split(/\r?\n/)) {
		const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
		if (!m) continue;
		let value = m[2];
		const quoted = /^(['"])(.*)\1$/.exec(value);
		value = quoted ? quoted[2] : value.replace(/\s+#.*$/, '');
		out[m[1]] = value;
	}
	return out;
}

function readDotEnv() {
	const file = join(root, '.env');
	return existsSync(file) ? parseDotEnv(readFileSync(file, 'utf8')) : {};
}

/** host:port for a URL, with the scheme's default port when none is given. */
function hostPort(url) {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port || (u.protocol === 'https:' ? '443' : '80')}`;
	} catch {
		return undefined;
	}
}

/** host:port of a postgres:// URL (5432 when none is given). */
function dbHostPort(url) {
	try {
		const u = new URL(url);
		return `${u.hostname}:${u.port || '5432'}`;
	} catch {
		return undefined;
	}
}

export function denoArgs(env) {
	const port = env.CURATOR_PORT;
	const hosts = new Set([`127.0.0.1:${port}`]);
	hosts.add(env.OPENAI_BASE_URL ? hostPort(env.OPENAI_BASE_URL) : 'api.openai.com:443');
	if (env.SUPABASE_URL) hosts.add(hostPort(env.SUPABASE_URL));
	if (env.SUPABASE_DB_URL) hosts.add(dbHostPort(env.SUPABASE_DB_URL));
	// Last.fm (the listener's top artists), only when a key is set.
	if (env.LASTFM_API_KEY) {
		hosts.add(hostPort(env.LASTFM_API_URL || 'https://ws.audioscrobbler.com/2.0/'));
	}
	return [
		'run',
		'--config',
		denoConfig,
		'--no-prompt',
		'--unstable-no-legacy-abort',
		`--allow-net=${[...hosts].filter(Boolean).join(',')}`,
		// PG*: the Postgres client always reads PGAPPNAME and friends.
		'--allow-env=OPENAI_*,CURATOR_*,LASTFM_*,SUPABASE_URL,SUPABASE_ANON_KEY,SUPABASE_SERVICE_ROLE_KEY,SUPABASE_DB_URL,APP_ORIGINS,PG*',
		entry
	];
}

/**
 * One line the function wrote to stderr, as an operator should see it under `quiet`: its
 * own warnings and errors (JSON log lines made readable, "[curator] …" notes, Deno's
 * uncaught errors), or null for the rest (Deno's download and cache chatter).
 * @param {string} line
 * @returns {string | null}
 */
export function curatorLogLine(line) {
	const text = line.trim();
	if (text.startsWith('{')) {
		try {
			const { level, msg, ...rest } = JSON.parse(text);
			if (level !== 'error' && level !== 'warn') return null;
			const detail = Object.entries(rest)
				.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
				.join('; ');
			return `[curator] ${level}: ${msg}${detail ? ` (${detail})` : ''}`;
		} catch {
			return text;
		}
	}
	if (text.startsWith('[curator]')) return text;
	if (/^error\b/i.test(text) || /\bUncaught\b/.test(text)) return `[curator] ${text}`;
	return null;
}

/** Passes each complete stderr line through `curatorLogLine`. */
function errorLines() {
	let rest = '';
	return (/** @type {Buffer} */ d) => {
		const lines = (rest + d).split('\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			const shown = curatorLogLine(line);
			if (shown) console.error(shown);
		}
	};
}

/**
 * Starts the function; resolves once it is listening. `quiet` hides its output except
 * its warnings and errors (see `curatorLogLine`); `silent` hides those too.
 * @param {{ env?: Record<string, string | undefined>, port?: number, quiet?: boolean, silent?: boolean }} [options]
 * @returns {Promise<{ url: string, stop: () => Promise<void>, exited: Promise<number | null> }>}
 */
export function startFunctions({ env = {}, port, quiet = false, silent = false } = {}) {
	const merged = { ...DEFAULTS, ...readDotEnv(), ...process.env, ...env };
	if (port !== undefined) merged.CURATOR_PORT = String(port);
	for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
	merged.NPM_CONFIG_REGISTRY ??= npmRegistry();
	if (merged.SUPABASE_JWT_SECRET && !merged.CURATOR_JWT_SECRET) {
		console.warn(
			'[functions] SUPABASE_JWT_SECRET is no longer read (hosted projects reserve SUPABASE_ names): ' +
				'rename it to CURATOR_JWT_SECRET.'
		);
	}

	const child = spawn(deno, denoArgs(merged), {
		cwd: root,
		env: merged,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const exited = new Promise((resolve) => child.once('exit', resolve));
	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
		await exited;
	};
	const showError = errorLines();
	child.stderr.on('data', (d) =>
		silent ? undefined : quiet ? showError(d) : process.stderr.write(d)
	);

	return new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(() => {
			void stop();
			reject(new Error('The curator function did not start within 60 s.'));
		}, 60_000);
		child.stdout.on('data', (d) => {
			if (!quiet) process.stdout.write(d);
			buffer += d;
			const m = /listening on (http:\/\/\S+)/.exec(buffer);
			if (m) {
				clearTimeout(timer);
				buffer = '';
				resolve({ url: m[1], stop, exited });
			}
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`The curator function exited before listening (code ${code}).`));
		});
	});
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		const { stop, exited } = await startFunctions();
		const shutdown = () => stop().then(() => process.exit(0));
		void exited.then((code) => process.exit(code ?? 1));
		process.on('SIGINT', shutdown);
		process.on('SIGTERM', shutdown);
	} catch (error) {
		console.error(String(error));
		process.exit(1);
	}
}
