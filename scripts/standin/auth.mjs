/**
 * `/auth/v1/*` of the local Supabase stand-in (development/test only): the GoTrue endpoints
 * supabase-js calls, with GoTrue's status codes, error codes and JSON shapes, so
 * `@supabase/supabase-js` works unchanged. What it allows follows the `[auth]` settings of
 * supabase/config.toml (see config.mjs): signups, anonymous sign-ins, the minimum password
 * length, email confirmations, the redirect allow list. Email is never sent: links are printed
 * to the console and kept in memory (`GET /__standin/last-magic-link?email=` returns the latest).
 * Google sign-in needs a real project.
 */
import { createAdminRoutes } from './auth-admin.mjs';
import { createLinks } from './auth-links.mjs';
import { bearer, readJson, sendJson } from './http.mjs';
import { redirectRule } from './redirects.mjs';
import { verifyJwt } from './jwt.mjs';
import {
	authError,
	checkPassword,
	createAuthStore,
	hashPassword,
	obfuscatedUserJson,
	userJson
} from './auth-store.mjs';

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string, jwtExp: number,
 *   baseUrl: () => string, settings: import('./config.mjs').AuthSettings,
 *   allowedOrigins: string[], log: (m: string) => void }} o
 */
export function createAuth(o) {
	const { settings } = o;
	const store = createAuthStore({ ...o, issuer: () => `${o.baseUrl()}/auth/v1` });

	/** @param {unknown} v */
	const normEmail = (v) => (typeof v === 'string' ? v.trim().toLowerCase() : '');
	const safeRedirect = redirectRule(settings, o.allowedOrigins);
	const adminRoute = createAdminRoutes(o);

	const links = createLinks({
		store,
		baseUrl: o.baseUrl,
		safeRedirect,
		normEmail,
		checkEmail: (req, e) => checkEmail(req, e),
		log: o.log,
		settings
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
		// GoTrue loads the user before the session: a deleted account says user_not_found.
		const user = await store.findById(v.claims.sub);
		if (!user)
			throw authError(req, 403, 'user_not_found', 'User from sub claim in JWT does not exist');
		if (v.claims.session_id && !(await store.sessionExists(v.claims.session_id))) {
			throw authError(
				req,
				403,
				'session_not_found',
				'Session from session_id claim in JWT does not exist'
			);
		}
		return { user, claims: v.claims };
	}

	/** GoTrue's password strength check (length only: no required characters configured). */
	function checkNewPassword(/** @type {import('node:http').IncomingMessage} */ req, password) {
		const pw = typeof password === 'string' ? password : '';
		if (pw.length > 72)
			throw authError(
				req,
				400,
				'validation_failed',
				'Password cannot be longer than 72 characters'
			);
		const min = settings.minimumPasswordLength;
		if (pw.length < min) {
			throw authError(req, 422, 'weak_password', `Password should be at least ${min} characters.`, {
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
		async 'POST /signup'(req, url) {
			const body = await readJson(req);
			const meta = body.data && typeof body.data === 'object' ? body.data : {};
			if (!body.email && !body.phone) {
				if (!settings.enableAnonymousSignIns)
					throw authError(
						req,
						422,
						'anonymous_provider_disabled',
						'Anonymous sign-ins are disabled'
					);
				if (!settings.enableSignup)
					throw authError(req, 422, 'signup_disabled', 'Signups not allowed for this instance');
				const user = await store.createUser({
					anonymous: true,
					confirmed: false,
					meta,
					provider: 'anonymous'
				});
				return store.startSession(user.id, 'anonymous');
			}
			if (!settings.enableSignup)
				throw authError(req, 422, 'signup_disabled', 'Signups not allowed for this instance');
			if (typeof body.password !== 'string' || !body.password)
				throw authError(req, 400, 'validation_failed', 'Signup requires a valid password');
			checkNewPassword(req, body.password);
			const email = normEmail(body.email);
			checkEmail(req, email);
			const existing = await store.findByEmail(email);
			if (existing?.email_confirmed_at) {
				if (!settings.enableConfirmations)
					throw authError(req, 422, 'user_already_exists', 'User already registered');
				// With confirmations on, GoTrue never says an address is taken: nobody can probe.
				return obfuscatedUserJson(email, meta);
			}
			// An address signed up but never confirmed is neither changed nor taken over: GoTrue
			// sends its confirmation link again.
			const user =
				existing ??
				(await store.createUser({
					email,
					passwordHash: await hashPassword(body.password),
					anonymous: false,
					confirmed: !settings.enableConfirmations,
					meta,
					provider: 'email'
				}));
			if (!settings.enableConfirmations) {
				if (!user.email_confirmed_at) await store.updateUser(user.id, { confirm: true });
				return store.startSession(user.id, 'password');
			}
			links.sendLink({
				email,
				type: 'signup',
				userId: user.id,
				redirectTo: url.searchParams.get('redirect_to'),
				challenge: body.code_challenge,
				method: body.code_challenge_method
			});
			return userJson(await store.confirmationSent(user.id));
		},

		async 'POST /token'(req, url) {
			const body = await readJson(req);
			const grant = url.searchParams.get('grant_type');
			if (grant === 'password') {
				const user = await store.findByEmail(normEmail(body.email));
				if (!user || !(await checkPassword(String(body.password ?? ''), user.encrypted_password))) {
					throw authError(req, 400, 'invalid_credentials', 'Invalid login credentials');
				}
				if (!user.email_confirmed_at)
					throw authError(req, 400, 'email_not_confirmed', 'Email not confirmed');
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

		async 'PUT /user'(req, url) {
			const { user } = await requireUser(req);
			const body = await readJson(req);
			const email = body.email ? normEmail(body.email) : undefined;
			if (email !== undefined) checkEmail(req, email);
			if (body.password !== undefined && body.password !== null)
				checkNewPassword(req, body.password);
			if (user.is_anonymous && body.password && !email) {
				throw authError(
					req,
					422,
					'validation_failed',
					'Updating password of an anonymous user without an email or phone is not allowed'
				);
			}
			const changing = email !== undefined && email !== user.email;
			if (changing && (await store.findByEmail(email))) {
				throw authError(
					req,
					422,
					'email_exists',
					'A user with this email address has already been registered'
				);
			}
			const passwordHash = body.password ? await hashPassword(body.password) : undefined;
			const meta = body.data && typeof body.data === 'object' ? body.data : undefined;
			// An anonymous user adding an address is like signing up: confirmed at once unless
			// confirmations are on. A permanent account always confirms a new address by link.
			const direct = changing && user.is_anonymous && !settings.enableConfirmations;
			let updated = await store.updateUser(user.id, {
				email: direct ? email : undefined,
				passwordHash,
				meta
			});
			if (changing && !direct) {
				updated = await store.requestEmailChange(user.id, /** @type {string} */ (email));
				links.sendLink({
					email: /** @type {string} */ (email),
					type: 'email_change',
					userId: user.id,
					redirectTo: url.searchParams.get('redirect_to'),
					challenge: body.code_challenge,
					method: body.code_challenge_method
				});
			}
			return userJson(updated);
		},

		async 'POST /logout'(req, url) {
			const { user, claims } = await requireUser(req);
			await store.logout(user.id, claims.session_id, url.searchParams.get('scope') ?? 'global');
			return undefined; // 204
		},

		async 'GET /settings'() {
			return {
				external: {
					email: true,
					anonymous_users: settings.enableAnonymousSignIns,
					phone: false,
					google: false
				},
				disable_signup: !settings.enableSignup,
				mailer_autoconfirm: !settings.enableConfirmations,
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
		const route = routes[`${req.method} ${path}`] ?? adminRoute(req.method, path);
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
