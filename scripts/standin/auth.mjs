/**
 * `/auth/v1/*` of the local Supabase stand-in (development/test only): the GoTrue endpoints
 * supabase-js calls, with GoTrue's JSON shapes, so `@supabase/supabase-js` works unchanged.
 * Email is never sent: a magic link is printed to the console and kept in memory
 * (`GET /__standin/last-magic-link?email=` returns it). Google sign-in needs a real project.
 */
import { createLinks } from './auth-links.mjs';
import { bearer, readJson, sendJson } from './http.mjs';
import { verifyJwt } from './jwt.mjs';
import {
	authError,
	checkPassword,
	createAuthStore,
	hashPassword,
	userJson
} from './auth-store.mjs';

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string, jwtExp: number,
 *   baseUrl: () => string, siteUrl: string, allowedOrigins: string[], log: (m: string) => void }} o
 */
export function createAuth(o) {
	const store = createAuthStore({ ...o, issuer: () => `${o.baseUrl()}/auth/v1` });

	/** @param {unknown} v */
	const normEmail = (v) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
	/** A redirect target: an app origin URL, else the site URL (no open redirects). @param {string | null} to */
	const safeRedirect = (to) => {
		try {
			if (to && o.allowedOrigins.includes(new URL(to).origin)) return to;
		} catch {
			// not a URL: fall through to the site URL
		}
		return o.siteUrl;
	};

	const links = createLinks({
		store,
		baseUrl: o.baseUrl,
		safeRedirect,
		normEmail,
		checkEmail: (req, e) => checkEmail(req, e),
		log: o.log
	});

	/** The verified user and session behind a request's bearer token (GoTrue's 403s otherwise). */
	async function requireUser(/** @type {import('node:http').IncomingMessage} */ req) {
		const v = verifyJwt(bearer(req) ?? '', o.jwtSecret);
		if (!v.ok) {
			const why =
				v.reason === 'expired'
					? 'token has invalid claims: token is expired'
					: 'unable to parse or verify signature';
			throw authError(req, 403, 'bad_jwt', `invalid JWT: ${why}`);
		}
		if (!v.claims.sub) throw authError(req, 403, 'bad_jwt', 'invalid claim: missing sub claim');
		if (v.claims.session_id && !(await store.sessionExists(v.claims.session_id))) {
			throw authError(
				req,
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			);
		}
		const user = await store.findById(v.claims.sub);
		if (!user)
			throw authError(req, 403, 'user_not_found', 'User from sub claim in JWT does not exist');
		return { user, claims: v.claims };
	}

	/** @param {import('node:http').IncomingMessage} req @param {unknown} password */
	function checkNewPassword(req, password) {
		if (typeof password !== 'string' || password.length < 6) {
			throw authError(req, 422, 'weak_password', 'Password should be at least 6 characters.', {
				weak_password: { reasons: ['length'] }
			});
		}
	}
	/** @param {import('node:http').IncomingMessage} req @param {string} email */
	function checkEmail(req, email) {
		if (!/^[^\s@]+@[^\s@]+$/.test(email)) {
			throw authError(
				req,
				400,
				'validation_failed',
				'Unable to validate email address: invalid format'
			);
		}
	}

	/** @type {Record<string, (req: import('node:http').IncomingMessage, url: URL) => Promise<unknown>>} */
	const routes = {
		...links.routes,
		async 'POST /signup'(req) {
			const body = await readJson(req);
			const meta = body.data && typeof body.data === 'object' ? body.data : {};
			if (!body.email && !body.password && !body.phone) {
				const user = await store.createUser({
					anonymous: true,
					confirmed: false,
					meta,
					provider: 'anonymous'
				});
				return store.startSession(user.id, 'anonymous');
			}
			const email = normEmail(body.email);
			checkEmail(req, email);
			checkNewPassword(req, body.password);
			if (await store.findByEmail(email))
				throw authError(req, 422, 'user_already_exists', 'User already registered');
			const passwordHash = await hashPassword(body.password);
			const user = await store.createUser({
				email,
				passwordHash,
				anonymous: false,
				confirmed: true,
				meta,
				provider: 'email'
			});
			return store.startSession(user.id, 'password');
		},

		async 'POST /token'(req, url) {
			const body = await readJson(req);
			const grant = url.searchParams.get('grant_type');
			if (grant === 'password') {
				const user = await store.findByEmail(normEmail(body.email));
				if (!user || !(await checkPassword(String(body.password ?? ''), user.encrypted_password))) {
					throw authError(req, 400, 'invalid_credentials', 'Invalid login credentials');
				}
				return store.startSession(user.id, 'password');
			}
			if (grant === 'refresh_token') {
				const out = await store.refresh(String(body.refresh_token ?? ''));
				if ('session' in out) return out.session;
				if (out.error === 'used')
					throw authError(
						req,
						400,
						'refresh_token_already_used',
						'Invalid Refresh Token: Already Used'
					);
				throw authError(
					req,
					400,
					'refresh_token_not_found',
					'Invalid Refresh Token: Refresh Token Not Found'
				);
			}
			if (grant === 'pkce') {
				return links.exchangePkce(req, body);
			}
			throw authError(
				req,
				400,
				'unsupported_grant_type',
				`grant_type ${grant} is not supported by the local stand-in`
			);
		},

		async 'GET /user'(req) {
			return userJson((await requireUser(req)).user);
		},

		async 'PUT /user'(req) {
			const { user } = await requireUser(req);
			const body = await readJson(req);
			const email = body.email === undefined ? undefined : normEmail(body.email);
			if (email !== undefined) {
				checkEmail(req, email);
				const other = await store.findByEmail(email);
				if (other && other.id !== user.id) {
					throw authError(
						req,
						422,
						'email_exists',
						'A user with this email address has already been registered'
					);
				}
			}
			if (body.password !== undefined) checkNewPassword(req, body.password);
			if (user.is_anonymous && body.password !== undefined && !email && !user.email) {
				throw authError(
					req,
					422,
					'email_address_not_provided',
					'Updating password of an anonymous user requires an email'
				);
			}
			const passwordHash =
				body.password === undefined ? undefined : await hashPassword(body.password);
			const meta = body.data && typeof body.data === 'object' ? body.data : undefined;
			return userJson(
				await store.updateUser(user.id, {
					email: email && email !== user.email ? email : undefined,
					passwordHash,
					meta
				})
			);
		},

		async 'POST /logout'(req, url) {
			const { user, claims } = await requireUser(req);
			await store.logout(user.id, claims.session_id, url.searchParams.get('scope') ?? 'global');
			return undefined; // 204
		},

		async 'GET /settings'() {
			return {
				external: { email: true, anonymous_users: true, phone: false, google: false },
				disable_signup: false,
				mailer_autoconfirm: true,
				phone_autoconfirm: false,
				sms_provider: '',
				saml_enabled: false
			};
		},

		async 'GET /health'() {
			return {
				version: 'local-standin',
				name: 'GoTrue (local stand-in)',
				description: 'Development/test stand-in'
			};
		},

		async 'GET /.well-known/jwks.json'() {
			return { keys: [] }; // HS256 only: symmetric keys are never published
		}
	};

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {string} path the part after /auth/v1
	 * @param {URL} url
	 * @param {Record<string, string>} cors
	 */
	async function handle(req, res, path, url, cors) {
		const route = routes[`${req.method} ${path}`];
		if (!route)
			throw authError(
				req,
				404,
				'not_found',
				`${req.method} /auth/v1${path} is not implemented by the local stand-in`
			);
		const out = /** @type {any} */ (await route(req, url));
		if (out === undefined) return sendJson(res, 204, undefined, cors);
		if (out?.redirect) {
			res.writeHead(303, { ...cors, location: out.redirect, 'content-length': '0' });
			return res.end();
		}
		if (out?.html) {
			res.writeHead(501, { ...cors, 'content-type': 'text/html; charset=utf-8' });
			return res.end(out.html);
		}
		sendJson(res, 200, out, cors);
	}

	return { handle, lastMagicLink: links.lastMagicLink };
}
