#!/usr/bin/env node
/**
 * LOCAL SUPABASE STAND-IN — for development and tests only, never for production.
 *
 * A tiny stand-in for the parts of the Supabase API the app calls, over an embedded Postgres
 * (PGlite), so `npm start` and the browser tests need no Supabase account or Docker:
 *   /auth/v1/*         GoTrue-compatible Auth (email + password, anonymous, magic link, refresh)
 *   /rest/v1/rpc/<fn>  functions in schema public, run as PostgREST runs them (role + JWT claims)
 *   /functions/v1/*    reverse proxy to the curator function (streams)
 * The app only talks to it through supabase-js: a real project's URL and anon key work unchanged.
 * See scripts/standin/README.md.
 *
 *   node scripts/standin/index.mjs          (CLI; env below)
 *   const s = await startStandin({ port: 0, dataDir: ':memory:', quiet: true }); … await s.stop();
 *
 * Auth follows the [auth] settings of supabase/config.toml (or the file `config` /
 * STANDIN_CONFIG names), as a real project configured from that file does.
 *
 * Env: STANDIN_PORT (54321), STANDIN_DATA_DIR (.local/standin-db, or :memory:),
 * STANDIN_CONFIG (supabase/config.toml), STANDIN_JWT_SECRET (DEFAULT_JWT_SECRET),
 * STANDIN_JWT_EXP (config.toml's auth.jwt_expiry), CURATOR_URL
 * (http://127.0.0.1:54331), APP_ORIGINS (comma-separated; http://127.0.0.1:4173,http://localhost:4173),
 * STANDIN_TEMPLATE=0 (no pre-migrated template for fresh databases).
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { join, resolve } from 'node:path';
import { createAuth } from './auth.mjs';
import { readAuthSettings } from './config.mjs';
import { corsHeaders, DEFAULT_APP_ORIGINS, parseOrigins, preflight } from './cors.mjs';
import { openDatabase, root } from './db.mjs';
import { HttpError, sendJson } from './http.mjs';
import { anonKeyFor, DEFAULT_JWT_SECRET } from './jwt.mjs';
import { createProxy } from './proxy.mjs';
import { createRpc } from './rpc.mjs';

export { ANON_KEY, DEFAULT_JWT_SECRET } from './jwt.mjs';

/**
 * Starts the stand-in; resolves once it listens on 127.0.0.1.
 * @param {{ port?: number, dataDir?: string, config?: string, jwtSecret?: string, jwtExp?: number,
 *   statementTimeout?: { anon?: string, authenticated?: string }, curatorUrl?: string,
 *   appOrigins?: string[], template?: boolean, quiet?: boolean, printLinks?: boolean }} [options]
 *   `config`: the Supabase config.toml whose [auth] settings apply; `statementTimeout`: the
 *   roles' statement_timeout (Supabase's defaults: anon 3s, authenticated 8s); `printLinks`:
 *   print the links Auth would email (default: unless quiet)
 * @returns {Promise<{ url: string, anonKey: string, jwtSecret: string,
 *   settings: import('./config.mjs').AuthSettings, lastLink: (email: string) => object | null,
 *   query: (sql: string, params?: unknown[]) => Promise<any[]>, stop: () => Promise<void> }>}
 *   `lastLink` and `query` (as the database owner) are for tests.
 */
export async function startStandin(options = {}) {
	const env = process.env;
	const port = options.port ?? Number(env.STANDIN_PORT ?? 54321);
	const dataDir = options.dataDir ?? env.STANDIN_DATA_DIR ?? '.local/standin-db';
	const jwtSecret = options.jwtSecret ?? env.STANDIN_JWT_SECRET ?? DEFAULT_JWT_SECRET;
	const configFile = resolve(
		root,
		options.config ?? env.STANDIN_CONFIG ?? join('supabase', 'config.toml')
	);
	const settings = readAuthSettings(configFile);
	const jwtExp = options.jwtExp ?? Number(env.STANDIN_JWT_EXP ?? settings.jwtExpiry);
	const curatorUrl = options.curatorUrl ?? env.CURATOR_URL ?? 'http://127.0.0.1:54331';
	const origins =
		options.appOrigins ?? (env.APP_ORIGINS ? parseOrigins(env.APP_ORIGINS) : DEFAULT_APP_ORIGINS);
	const log = options.quiet ? () => {} : (/** @type {string} */ m) => console.log(m);
	// No mail is sent: the magic and confirmation links are printed instead.
	const mail =
		(options.printLinks ?? !options.quiet) ? (/** @type {string} */ m) => console.log(m) : log;
	if (jwtSecret.length < 32) throw new Error('STANDIN_JWT_SECRET must be at least 32 characters.');
	if (!Number.isFinite(jwtExp) || jwtExp <= 0)
		throw new Error('STANDIN_JWT_EXP must be a positive number of seconds.');

	const started = Date.now();
	const template = options.template ?? env.STANDIN_TEMPLATE !== '0';
	const database = await openDatabase({ dataDir, template, log });
	let url = '';
	const auth = createAuth({
		database,
		jwtSecret,
		jwtExp,
		log: mail,
		allowedOrigins: origins,
		baseUrl: () => url,
		settings
	});
	const rpc = createRpc({ database, jwtSecret, statementTimeout: options.statementTimeout });
	const proxy = createProxy({ curatorUrl, log });

	const server = http.createServer(async (req, res) => {
		const cors = corsHeaders(origins, req.headers.origin);
		try {
			const u = new URL(req.url ?? '/', 'http://127.0.0.1');
			const path = u.pathname;
			if (path.startsWith('/functions/v1/')) return await proxy.handle(req, res, cors);
			if (req.method === 'OPTIONS') return preflight(origins, req, res);
			if (path.startsWith('/auth/v1/'))
				return await auth.handle(req, res, path.slice('/auth/v1'.length), u, cors);
			if (path.startsWith('/rest/v1/rpc/'))
				return await rpc.handle(
					req,
					res,
					decodeURIComponent(path.slice('/rest/v1/rpc/'.length)),
					cors
				);
			if (path === '/__standin/last-magic-link' && req.method === 'GET') {
				const link = auth.lastMagicLink(u.searchParams.get('email') ?? '');
				return sendJson(
					res,
					link ? 200 : 404,
					link ?? { message: 'no magic link for that email' },
					cors
				);
			}
			if (path === '/__standin/health')
				return sendJson(res, 200, { ok: true, standin: true }, cors);
			if (path.startsWith('/rest/v1/')) {
				throw new HttpError(404, {
					code: 'PGRST125',
					details: null,
					hint: 'The local stand-in serves only /rest/v1/rpc/<fn>',
					message: `Invalid path specified in request URL`
				});
			}
			throw new HttpError(404, {
				message: `${req.method} ${path} is not served by the local Supabase stand-in`
			});
		} catch (e) {
			if (res.headersSent) return void res.destroy();
			if (e instanceof HttpError) return sendJson(res, e.status, e.body, { ...cors, ...e.headers });
			log(`standin: ${req.method} ${req.url}: ${/** @type {Error} */ (e)?.stack ?? e}`);
			sendJson(
				res,
				500,
				{ code: 'standin_error', message: String(/** @type {Error} */ (e)?.message ?? e) },
				cors
			);
		}
	});

	try {
		await new Promise((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => resolve(undefined));
		});
	} catch (e) {
		await database.close();
		throw e;
	}
	const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
	url = `http://127.0.0.1:${addr.port}`;
	const anonKey = anonKeyFor(jwtSecret);
	log(
		`Local Supabase stand-in (development/test only) on ${url} — ready in ${Date.now() - started} ms`
	);
	log(`  data: ${dataDir}   functions → ${curatorUrl}   auth settings: ${configFile}`);
	log(
		`  sign-ups ${settings.enableSignup ? 'on' : 'off'}, anonymous sign-ins ${settings.enableAnonymousSignIns ? 'on' : 'off'}, email confirmations ${settings.enableConfirmations ? 'on (links printed here)' : 'off'}`
	);
	log(`  PUBLIC_SUPABASE_URL=${url}`);
	log(`  PUBLIC_SUPABASE_ANON_KEY=${anonKey}`);

	let stopping;
	const stop = () =>
		(stopping ??= (async () => {
			await new Promise((resolve) => {
				server.close(() => resolve(undefined));
				server.closeAllConnections();
			});
			proxy.close();
			await database.close();
		})());
	/** Without params, `sql` may hold several statements (the last one's rows are returned). */
	const query = async (/** @type {string} */ sql, /** @type {unknown[]} */ params = []) =>
		params.length
			? (await database.serial(() => database.db.query(sql, params))).rows
			: ((await database.serial(() => database.db.exec(sql))).at(-1)?.rows ?? []);
	return { url, anonKey, jwtSecret, settings, lastLink: auth.lastMagicLink, query, stop };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		const { stop } = await startStandin();
		const shutdown = () =>
			stop().then(
				() => process.exit(0),
				() => process.exit(1)
			);
		process.on('SIGINT', shutdown);
		process.on('SIGTERM', shutdown);
	} catch (error) {
		console.error(String(error));
		process.exit(1);
	}
}
