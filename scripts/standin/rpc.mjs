/**
 * `POST /rest/v1/rpc/<fn>` of the local Supabase stand-in (development/test only), executed as
 * PostgREST does: one transaction, `set local role` from the verified JWT (anon without one),
 * `request.jwt.claims` set for the transaction, the JSON body as named arguments, the result
 * returned as JSON. Only functions in schema public; errors in PostgREST's shape and statuses.
 *
 * Two limits of a real project are kept, so code that breaks them fails here first:
 * - a function declared STABLE or IMMUTABLE runs in a read-only transaction (PostgREST's
 *   transaction mode for such calls), so one that writes fails (25006 → 405);
 * - anon and authenticated calls run with Supabase's per-role statement_timeout (3 s and 8 s).
 *   PGlite cannot interrupt a running statement, so a call that ran longer is rolled back
 *   once it ends and answered with the error PostgreSQL gives at the limit (57014 → 500).
 *   "Longer" is the CPU time the call took (PGlite runs on this process's thread), not the
 *   wall-clock time: on a busy test machine a call waits for the CPU far longer than a
 *   database server of its own would take, and that must not fail it.
 */
import process from 'node:process';
import { bearer, HttpError, readJson, sendJson } from './http.mjs';
import { verifyJwt } from './jwt.mjs';

const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_BODY = 32 << 20;
/** Supabase's role defaults (`alter role … set statement_timeout`); service_role has none. */
export const DEFAULT_STATEMENT_TIMEOUT = { anon: '3s', authenticated: '8s' };

/** @param {string} code @param {string} message @param {string | null} [details] @param {string | null} [hint] */
const pgrst = (code, message, details = null, hint = null) => ({ code, details, hint, message });

/** PostgREST's HTTP status for a PostgreSQL error code (PostgREST.Error.mapSQLtoHTTP). @param {string} code @param {boolean} anon */
export function statusFor(code, anon) {
	if (code === '42501') return anon ? 401 : 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === '25006') return 405;
	if (code === '57P01') return 503;
	if (code === '53400') return 500;
	if (code === 'P0001') return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (code === '42P17') return 500;
	if (/^(08|53)/.test(code)) return 503;
	if (/^(0L|0P|28)/.test(code)) return 403;
	if (/^(09|25|2D|38|39|3B|40|54|55|57|58|F0|HV|P0|XX)/.test(code)) return 500;
	return 400;
}

/** CPU milliseconds this process has used since `start` (a process.cpuUsage() reading). */
const cpuMs = (/** @type {NodeJS.CpuUsage} */ start) => {
	const used = process.cpuUsage(start);
	return (used.user + used.system) / 1000;
};

/** A statement_timeout value in milliseconds (PostgreSQL's units; a bare number is ms). @param {string} v */
export function timeoutMs(v) {
	const m = /^\s*(\d+(?:\.\d+)?)\s*(us|ms|s|min|h|d)?\s*$/.exec(v);
	if (!m) throw new Error(`Not a statement_timeout: ${v}`);
	const unit = { us: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 }[
		m[2] ?? 'ms'
	];
	return Number(m[1]) * /** @type {number} */ (unit);
}

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string,
 *   statementTimeout?: { anon?: string, authenticated?: string } }} o
 */
export function createRpc({ database, jwtSecret, statementTimeout = {} }) {
	/** @type {Record<string, string>} */
	const timeouts = { ...DEFAULT_STATEMENT_TIMEOUT, ...statementTimeout };
	for (const v of Object.values(timeouts)) timeoutMs(v); // fail at boot, not per call
	/** @typedef {{ names: string[], types: string[], required: number, retset: boolean, rettype: string, volatility: string }} Overload */
	/** @type {Map<string, Overload[]>} */
	const cache = new Map();

	/** The overloads of public.<name> (cached: migrations only change at boot). @param {string} name */
	async function overloads(name) {
		const hit = cache.get(name);
		if (hit) return hit;
		const res = await database.serial(() =>
			database.db.query(
				`select coalesce(p.proargnames[1:p.pronargs], '{}') as names,
					(select coalesce(array_agg(format_type(t, null) order by i), '{}')
					   from unnest(p.proargtypes::oid[]) with ordinality u(t, i)) as types,
					p.pronargs - p.pronargdefaults as required, p.proretset as retset,
					format_type(p.prorettype, null) as rettype, p.provolatile::text as volatility
				 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				 where n.nspname = 'public' and p.proname = $1 and p.prokind = 'f'
				   and (p.proargmodes is null or not p.proargmodes && array['o','t','v']::"char"[])`,
				[name]
			)
		);
		const list = /** @type {Overload[]} */ (res.rows);
		cache.set(name, list);
		return list;
	}

	/** The role and claims of a request (PostgREST's 401s for a bad token). @param {import('node:http').IncomingMessage} req */
	function identify(req) {
		const token =
			bearer(req) ?? (typeof req.headers.apikey === 'string' ? req.headers.apikey : undefined);
		if (!token) return { role: 'anon', claims: { role: 'anon' } };
		const v = verifyJwt(token, jwtSecret);
		if (!v.ok) {
			const message =
				v.reason === 'expired'
					? 'JWT expired'
					: v.reason === 'signature'
						? 'JWSError JWSInvalidSignature'
						: 'JWSError (CompactDecodeError Invalid number of parts: Expected 3 parts; got 1)';
			throw new HttpError(401, pgrst('PGRST301', message), {
				'www-authenticate': `Bearer error="invalid_token", error_description="${message}"`
			});
		}
		const role = String(v.claims.role ?? 'anon');
		if (!ROLES.has(role)) {
			throw new HttpError(401, pgrst('PGRST301', `role "${role}" does not exist`));
		}
		return { role, claims: v.claims };
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} fn
	 * @param {Record<string, string>} cors
	 */
	async function handle(req, res, fn, cors) {
		const profile = req.headers['content-profile'] ?? req.headers['accept-profile'];
		if (profile && profile !== 'public') {
			throw new HttpError(
				406,
				pgrst('PGRST106', 'The schema must be one of the following: public')
			);
		}
		if (req.method !== 'POST') {
			throw new HttpError(
				405,
				pgrst(
					'PGRST117',
					`Unsupported HTTP method: ${req.method} (the local stand-in only supports POST for rpc)`
				)
			);
		}
		const { role, claims } = identify(req);
		const body = await readJson(req, MAX_BODY);
		if (!body || typeof body !== 'object' || Array.isArray(body)) {
			throw new HttpError(
				400,
				pgrst('PGRST102', 'The request body must be a JSON object of named arguments')
			);
		}
		const keys = Object.keys(body);
		const notFound = () =>
			new HttpError(
				404,
				pgrst(
					'PGRST202',
					`Could not find the function public.${fn}(${keys.sort().join(', ')}) in the schema cache`,
					null,
					'The local stand-in only calls functions in schema public with named arguments'
				)
			);
		if (!IDENT.test(fn) || keys.some((k) => !IDENT.test(k))) throw notFound();
		const match = (await overloads(fn)).find(
			(o) =>
				keys.every((k) => o.names.includes(k)) &&
				o.names.slice(0, o.required).every((n) => keys.includes(n))
		);
		if (!match) throw notFound();

		const args = keys.map((k, i) => `"${k}" => $${i + 1}::${match.types[match.names.indexOf(k)]}`);
		const values = keys.map((k) => {
			const v = body[k];
			const type = match.types[match.names.indexOf(k)];
			if (v === null) return null;
			if (type === 'json' || type === 'jsonb') return JSON.stringify(v);
			return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
		});
		const call = `public."${fn}"(${args.join(', ')})`;
		const sql = match.retset
			? `select coalesce(jsonb_agg(to_jsonb(r)), '[]'::jsonb) as r from ${call} r`
			: `select to_jsonb(${call}) as r`;

		const limit = timeouts[role];
		let result;
		try {
			result = await database.tx(async (t) => {
				// PostgREST: STABLE and IMMUTABLE functions are called read-only.
				if (match.volatility !== 'v') await t.query('set transaction read only');
				await t.query(`set local role ${role}`);
				if (limit) await t.query(`select set_config('statement_timeout', $1, true)`, [limit]);
				await t.query(`select set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify(claims)
				]);
				await t.query(
					`select set_config('request.method', 'POST', true), set_config('request.path', $1, true)`,
					[`/rpc/${fn}`]
				);
				const started = process.cpuUsage();
				const rows = (await t.query(sql, values)).rows;
				if (limit && cpuMs(started) > timeoutMs(limit)) {
					// What PostgreSQL raises at the limit; throwing rolls the call back.
					throw Object.assign(new Error('canceling statement due to statement timeout'), {
						code: '57014'
					});
				}
				return /** @type {any} */ (rows[0])?.r;
			});
		} catch (e) {
			const err = /** @type {any} */ (e);
			if (!err || typeof err.code !== 'string') throw e;
			throw new HttpError(
				statusFor(err.code, role === 'anon'),
				pgrst(err.code, err.message, err.detail ?? null, err.hint ?? null)
			);
		}
		if (match.rettype === 'void') return sendJson(res, 204, undefined, cors);
		sendJson(res, 200, result ?? null, { ...cors, 'content-profile': 'public' });
	}

	return { handle };
}
