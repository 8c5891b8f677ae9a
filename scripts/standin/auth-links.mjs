/**
 * Magic links, confirmation links and the OAuth page of the local Supabase stand-in's Auth
 * (development/test only). No mail is sent: each link is printed to the console and kept in
 * memory (the latest per address), for `GET /__standin/last-magic-link?email=`. The link types
 * are GoTrue's: `magiclink` (sign in), `signup` (confirm a new account's address) and
 * `email_change` (confirm an address added to an account, e.g. an anonymous one). Both flows
 * supabase-js uses work: implicit (tokens in the redirect's #fragment) and PKCE (?code=, then
 * POST /token?grant_type=pkce). OAuth providers (Google) need a real Supabase project:
 * /authorize explains that.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readJson } from './http.mjs';
import { authError } from './auth-store.mjs';

const LINK_TTL_MS = 60 * 60 * 1000;
const LABELS = {
	magiclink: 'magic link',
	signup: 'confirmation link',
	email_change: 'confirmation link (new address)'
};

/**
 * @typedef {'magiclink' | 'signup' | 'email_change'} LinkType
 * @typedef {{ email: string, type: LinkType, tokenHash: string, code: string, userId: string,
 *   redirectTo: string, challenge: string | null, method: string | null, expires: number,
 *   link: string }} Link
 */

/**
 * @param {{ store: ReturnType<typeof import('./auth-store.mjs').createAuthStore>, baseUrl: () => string,
 *   safeRedirect: (to: string | null) => string, normEmail: (v: unknown) => string,
 *   checkEmail: (req: import('node:http').IncomingMessage, email: string) => void,
 *   log: (m: string) => void, settings: import('./config.mjs').AuthSettings }} o
 */
export function createLinks({
	store,
	baseUrl,
	safeRedirect,
	normEmail,
	checkEmail,
	log,
	settings
}) {
	/** @type {Map<string, Link>} */
	const links = new Map(); // by address: the latest link only
	/** @type {Map<string, { userId: string, challenge: string, method: string, expires: number }>} */
	const authCodes = new Map();

	/**
	 * "Emails" a link: prints it and keeps it as the address's latest.
	 * @param {{ email: string, type: LinkType, userId: string, redirectTo: string | null,
	 *   challenge?: unknown, method?: unknown }} l
	 */
	function sendLink({ email, type, userId, redirectTo, challenge, method }) {
		const tokenHash = randomBytes(24).toString('hex');
		const to = safeRedirect(redirectTo);
		const link = `${baseUrl()}/auth/v1/verify?token=${tokenHash}&type=${type}&redirect_to=${encodeURIComponent(to)}`;
		const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
		const pkce = challenge ? String(challenge) : null;
		links.set(email, {
			email,
			type,
			tokenHash,
			code,
			userId,
			redirectTo: to,
			challenge: pkce,
			method: pkce ? String(method ?? 's256').toLowerCase() : null,
			expires: Date.now() + LINK_TTL_MS,
			link
		});
		log(`standin: ${LABELS[type]} for ${email} (code ${code}):\n  ${link}`);
	}

	/** What opening a link does to its user; false when it can no longer apply. @param {Link} l */
	async function apply(l) {
		if (l.type === 'email_change') return !!(await store.confirmEmailChange(l.userId));
		return !!(await store.updateUser(l.userId, { confirm: true }));
	}

	/** @type {Record<string, (req: import('node:http').IncomingMessage, url: URL) => Promise<unknown>>} */
	const routes = {
		async 'POST /otp'(req, url) {
			const body = await readJson(req);
			const email = normEmail(body.email);
			if (!email)
				throw authError(
					req,
					422,
					'validation_failed',
					'Only email sign-in is available in the local stand-in'
				);
			checkEmail(req, email);
			let user = await store.findByEmail(email);
			if (!user || !user.email_confirmed_at) {
				// GoTrue signs a new (or never confirmed) address up first: that needs signups on.
				if (body.create_user === false)
					throw authError(req, 422, 'otp_disabled', 'Signups not allowed for otp');
				if (!settings.enableSignup)
					throw authError(req, 422, 'signup_disabled', 'Signups not allowed for this instance');
			}
			if (!user) {
				const meta = body.data && typeof body.data === 'object' ? body.data : {};
				user = await store.createUser({
					email,
					anonymous: false,
					confirmed: false,
					meta,
					provider: 'email'
				});
			}
			// With confirmations on, a new address gets the confirmation mail (which signs in too).
			const type =
				!user.email_confirmed_at && settings.enableConfirmations ? 'signup' : 'magiclink';
			if (type === 'signup') await store.confirmationSent(user.id);
			sendLink({
				email,
				type,
				userId: user.id,
				redirectTo: url.searchParams.get('redirect_to'),
				challenge: body.code_challenge,
				method: body.code_challenge_method
			});
			return {};
		},

		async 'GET /verify'(req, url) {
			const token = url.searchParams.get('token') ?? '';
			const entry = [...links.values()].find(
				(l) => l.tokenHash === token && l.expires > Date.now()
			);
			const fallback = safeRedirect(url.searchParams.get('redirect_to'));
			const expired = () => {
				const q =
					'error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired';
				return { redirect: `${fallback}#${q}` };
			};
			if (!entry) return expired();
			links.delete(entry.email);
			if (!(await apply(entry))) return expired();
			const target = new URL(entry.redirectTo);
			if (entry.challenge) {
				const code = randomBytes(16).toString('hex');
				authCodes.set(code, {
					userId: entry.userId,
					challenge: entry.challenge,
					method: entry.method ?? 's256',
					expires: Date.now() + 5 * 60_000
				});
				target.searchParams.set('code', code);
				return { redirect: target.toString() };
			}
			const s = await store.startSession(entry.userId, 'otp');
			const frag = new URLSearchParams({
				access_token: s.access_token,
				expires_at: String(s.expires_at),
				expires_in: String(s.expires_in),
				refresh_token: s.refresh_token,
				token_type: 'bearer',
				type: entry.type
			});
			target.hash = frag.toString();
			return { redirect: target.toString() };
		},

		async 'POST /verify'(req) {
			const body = await readJson(req);
			const email = normEmail(body.email);
			const entry = body.token_hash
				? [...links.values()].find((l) => l.tokenHash === body.token_hash)
				: links.get(email);
			const ok =
				entry &&
				entry.expires > Date.now() &&
				(body.token_hash || entry.code === String(body.token ?? ''));
			if (!entry || !ok)
				throw authError(req, 403, 'otp_expired', 'Token has expired or is invalid');
			links.delete(entry.email);
			if (!(await apply(entry)))
				throw authError(req, 403, 'otp_expired', 'Token has expired or is invalid');
			return store.startSession(entry.userId, 'otp');
		},

		async 'GET /authorize'(req, url) {
			const provider = url.searchParams.get('provider') ?? '';
			const message = `${provider ? provider[0].toUpperCase() + provider.slice(1) : 'OAuth'} sign-in needs a real Supabase project. The local stand-in only offers email + password, magic links and anonymous sign-in. Set PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY to a project with the provider enabled.`;
			if (!String(req.headers.accept ?? '').includes('text/html')) {
				throw authError(req, 400, 'provider_disabled', message);
			}
			const back = safeRedirect(url.searchParams.get('redirect_to'));
			const esc = (/** @type {string} */ s) =>
				s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
			return {
				html: `<!doctype html><meta charset="utf-8"><title>Not available locally</title><body style="font-family:sans-serif;max-width:40rem;margin:3rem auto"><h1>Not available on the local stand-in</h1><p>${esc(message)}</p><p><a href="${esc(back)}">Back to the app</a></p>`
			};
		}
	};

	/** POST /token?grant_type=pkce. @param {import('node:http').IncomingMessage} req @param {any} body */
	async function exchangePkce(req, body) {
		const entry = authCodes.get(String(body.auth_code ?? ''));
		authCodes.delete(String(body.auth_code ?? ''));
		const verifier = String(body.code_verifier ?? '');
		const computed =
			entry?.method === 'plain'
				? verifier
				: createHash('sha256').update(verifier).digest('base64url');
		if (!entry || entry.expires < Date.now() || computed !== entry.challenge) {
			throw authError(
				req,
				403,
				'bad_code_verifier',
				'code challenge does not match previously saved code verifier'
			);
		}
		return store.startSession(entry.userId, 'otp');
	}

	/** For tests: the last link (of any type) sent to an address. @param {string} email */
	const lastMagicLink = (email) => {
		const l = links.get(normEmail(email));
		return l
			? {
					email: l.email,
					type: l.type,
					link: l.link,
					code: l.code,
					token_hash: l.tokenHash,
					redirect_to: l.redirectTo
				}
			: null;
	};

	return { routes, sendLink, exchangePkce, lastMagicLink };
}
