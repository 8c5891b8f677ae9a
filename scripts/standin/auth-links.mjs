/**
 * Magic links and the OAuth page of the local Supabase stand-in's Auth (development/test only).
 * No mail is sent: each link is printed to the console and kept in memory (the latest per
 * email), for `GET /__standin/last-magic-link?email=`. Both flows supabase-js uses work: implicit
 * (tokens in the redirect's #fragment) and PKCE (?code=, then POST /token?grant_type=pkce).
 * OAuth providers (Google) need a real Supabase project: /authorize explains that.
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { readJson } from './http.mjs';
import { authError } from './auth-store.mjs';

const LINK_TTL_MS = 60 * 60 * 1000;

/**
 * @param {{ store: ReturnType<typeof import('./auth-store.mjs').createAuthStore>, baseUrl: () => string,
 *   safeRedirect: (to: string | null) => string, normEmail: (v: unknown) => string,
 *   checkEmail: (req: import('node:http').IncomingMessage, email: string) => void, log: (m: string) => void }} o
 */
export function createLinks({ store, baseUrl, safeRedirect, normEmail, checkEmail, log }) {
	const o = { baseUrl, log };
	/** @type {Map<string, { email: string, tokenHash: string, code: string, userId: string,
	 *   redirectTo: string, challenge: string | null, method: string | null, expires: number, link: string }>} */
	const links = new Map(); // by email: the latest link only
	/** @type {Map<string, { userId: string, challenge: string, method: string, expires: number }>} */
	const authCodes = new Map();

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
			if (!user) {
				if (body.create_user === false)
					throw authError(req, 422, 'otp_disabled', 'Signups not allowed for otp');
				const meta = body.data && typeof body.data === 'object' ? body.data : {};
				user = await store.createUser({
					email,
					anonymous: false,
					confirmed: false,
					meta,
					provider: 'email'
				});
			}
			const tokenHash = randomBytes(24).toString('hex');
			const redirectTo = safeRedirect(url.searchParams.get('redirect_to'));
			const link = `${o.baseUrl()}/auth/v1/verify?token=${tokenHash}&type=magiclink&redirect_to=${encodeURIComponent(redirectTo)}`;
			const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
			const challenge = body.code_challenge ? String(body.code_challenge) : null;
			const method = challenge ? String(body.code_challenge_method ?? 's256').toLowerCase() : null;
			links.set(email, {
				email,
				tokenHash,
				code,
				userId: user.id,
				redirectTo,
				challenge,
				method,
				expires: Date.now() + LINK_TTL_MS,
				link
			});
			o.log(`standin: magic link for ${email} (code ${code}):\n  ${link}`);
			return {};
		},

		async 'GET /verify'(req, url) {
			const token = url.searchParams.get('token') ?? '';
			const entry = [...links.values()].find(
				(l) => l.tokenHash === token && l.expires > Date.now()
			);
			const fallback = safeRedirect(url.searchParams.get('redirect_to'));
			if (!entry) {
				const q =
					'error=access_denied&error_code=otp_expired&error_description=Email+link+is+invalid+or+has+expired';
				return { redirect: `${fallback}#${q}` };
			}
			links.delete(entry.email);
			await store.updateUser(entry.userId, { confirm: true });
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
				type: 'magiclink'
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
			await store.updateUser(entry.userId, { confirm: true });
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

	/** For tests: the last magic link sent to an email. @param {string} email */
	const lastMagicLink = (email) => {
		const l = links.get(normEmail(email));
		return l
			? {
					email: l.email,
					link: l.link,
					code: l.code,
					token_hash: l.tokenHash,
					redirect_to: l.redirectTo
				}
			: null;
	};

	return { routes, exchangePkce, lastMagicLink };
}
