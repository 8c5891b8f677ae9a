/**
 * The one Auth admin endpoint the app's server side uses, as GoTrue answers it (development/test
 * only): `DELETE /auth/v1/admin/users/{id}`, which the curator calls to delete the caller's own
 * account. Admin calls need a JWT whose role is service_role (GoTrue's admin roles); the
 * service role key for a secret is the Supabase CLI's demo key for the demo secret. Deleting
 * the auth.users row cascades to every synced table (the migrations say `on delete cascade`)
 * and to the user's sessions and refresh tokens, so other devices are signed out.
 */
import { bearer } from './http.mjs';
import { signJwt, verifyJwt } from './jwt.mjs';
import { authError } from './auth-store.mjs';

const ADMIN_ROLES = new Set(['service_role', 'supabase_admin']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The service role key for a secret: the same claims (and, for the demo secret, the same
 * bytes) as the Supabase CLI's local service_role key.
 * @param {string} secret
 */
export function serviceRoleKeyFor(secret) {
	return signJwt({ iss: 'supabase-demo', role: 'service_role', exp: 1983812996 }, secret);
}

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string }} o
 * @returns {(method: string | undefined, path: string) =>
 *   ((req: import('node:http').IncomingMessage) => Promise<unknown>) | undefined}
 */
export function createAdminRoutes({ database, jwtSecret }) {
	/** GoTrue's requireAdmin: a bearer JWT with an admin role. */
	function requireAdmin(/** @type {import('node:http').IncomingMessage} */ req) {
		const token = bearer(req);
		if (!token)
			throw authError(req, 401, 'no_authorization', 'This endpoint requires a valid Bearer token');
		const v = verifyJwt(token, jwtSecret);
		if (!v.ok)
			throw authError(req, 403, 'bad_jwt', 'invalid JWT: unable to parse or verify signature');
		if (!ADMIN_ROLES.has(v.claims.role)) throw authError(req, 403, 'not_admin', 'User not allowed');
	}

	/** @param {import('node:http').IncomingMessage} req @param {string} id */
	async function deleteUser(req, id) {
		requireAdmin(req);
		if (!UUID.test(id)) throw authError(req, 400, 'validation_failed', 'user_id must be an UUID');
		const res = await database.serial(() =>
			database.db.query('delete from auth.users where id = $1 returning id', [id])
		);
		if (!res.rows.length) throw authError(req, 404, 'user_not_found', 'User not found');
		return {};
	}

	return (method, path) => {
		const id = /^\/admin\/users\/([^/]+)\/?$/.exec(path)?.[1];
		if (method === 'DELETE' && id) return (req) => deleteUser(req, decodeURIComponent(id));
		return undefined;
	};
}
