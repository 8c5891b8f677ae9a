/**
 * `POST /rest/v1/rpc/<fn>` of the local Supabase stand-in (development/test only), executed as
 * PostgREST does: one transaction, `set local role` from the verified JWT (anon without one),
 * `request.jwt.claims` set for the transaction, the JSON body as named arguments, the result
 * returned as JSON. Only functions in schema public; errors in PostgREST's shape.
 */
import { bearer, HttpError, readJson, sendJson } from './http.mjs';
import { verifyJwt } from './jwt.mjs';

const ROLES = new Set(['anon', 'authenticated', 'service_role']);
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_BODY = 32 << 20;

/** @param {string} code @param {string} message @param {string | null} [details] @param {string | null} [hint] */
const pgrst = (code, message, details = null, hint = null) => ({ code, details, hint, message });

/** PostgREST's HTTP status for a PostgreSQL error code. @param {string} code @param {boolean} anon */
export function statusFor(code, anon) {
	if (code === '42501') return anon ? 401 : 403;
	if (code === '23503' || code === '23505') return 409;
	if (code === 'P0001') return 400;
	if (code === '42883' || code === '42P01') return 404;
	if (/^(08|53)/.test(code)) return 503;
	if (/^(09|25|2D|38|39|3B|40|54|55|57|58|F0|HV|P0|XX)/.test(code)) return 500;
	return 400;
}

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string }} o
 */
export function createRpc({ database, jwtSecret }) {
	/** @type {Map<string, Array<{ names: string[], types: string[], required: number, retset: boolean, rettype: string }>>} */
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
					format_type(p.prorettype, null) as rettype
				 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
				 where n.nspname = 'public' and p.proname = $1 and p.prokind = 'f'
				   and (p.proargmodes is null or not p.proargmodes && array['o','t','v']::"char"[])`,
				[name]
			)
		);
		const list =
			/** @type {Array<{ names: string[], types: string[], required: number, retset: boolean, rettype: string }>} */ (
				res.rows
			);
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

		let result;
		try {
			result = await database.tx(async (t) => {
				await t.query(`set local role ${role}`);
				await t.query(`select set_config('request.jwt.claims', $1, true)`, [
					JSON.stringify(claims)
				]);
				await t.query(
					`select set_config('request.method', 'POST', true), set_config('request.path', $1, true)`,
					[`/rpc/${fn}`]
				);
				return /** @type {any} */ ((await t.query(sql, values)).rows[0])?.r;
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
