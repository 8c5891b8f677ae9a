/**
 * Who is calling: the `sub` of a Supabase access token, checked with only what a hosted project
 * gives every function (SUPABASE_URL, SUPABASE_ANON_KEY). Hosted functions get no JWT secret,
 * and `supabase secrets set` refuses names starting with SUPABASE_, so:
 *
 * - ES256/RS256 tokens (asymmetric signing keys) are verified against the project's JWKS at
 *   `${SUPABASE_URL}/auth/v1/.well-known/jwks.json`.
 * - HS256 tokens are verified with CURATOR_JWT_SECRET when one is set (the local stand-in);
 *   otherwise (a legacy project) Supabase Auth confirms them: `GET /auth/v1/user` with the anon
 *   key answers 200 with the user only for a live session. Its answer is cached briefly,
 *   keyed by a hash of the token and never past its `exp`, so a busy listener costs Auth one
 *   call per half minute, not one per request (a refusal is cached too; "Auth unreachable" not).
 * - With neither configured, auth is off for local development (said once in the log), and
 *   every caller is the same local user, so rate limits still apply.
 *
 * Before any of that, the claims must describe a signed-in user: `role` authenticated (the anon
 * and service_role keys are API keys, not listeners), `aud` authenticated, a `sub`, and an `exp`
 * still in the future. Bad tokens therefore never reach Auth.
 */
import {
	createRemoteJWKSet,
	decodeJwt,
	decodeProtectedHeader,
	type JWTPayload,
	jwtVerify
} from 'jose';
import type { CuratorConfig } from './config.ts';
import { CuratorError } from './errors.ts';

export interface Authenticator {
	/** Resolves to the user id, or throws UNAUTHORIZED (UPSTREAM_UNAVAILABLE if Auth is down). */
	userId(request: Request): Promise<string>;
}

export const LOCAL_DEV_USER = 'local-dev';
const AUDIENCE = 'authenticated';
const ROLE = 'authenticated';
const ASYMMETRIC = ['ES256', 'RS256'];
/** How long Auth's "yes" to a legacy token is trusted (capped by the token's exp). */
export const CONFIRMATION_TTL_MS = 30_000;
const CACHE_LIMIT = 10_000;
const AUTH_TIMEOUT_MS = 5000;

function unauthorized(message?: string): CuratorError {
	return new CuratorError('UNAUTHORIZED', message);
}

const expired = () => unauthorized('Your session has expired; please sign in again.');

function authUnavailable(cause?: unknown): CuratorError {
	return new CuratorError(
		'UPSTREAM_UNAVAILABLE',
		'The curator could not check your session with Supabase Auth just now. Please try again in a moment.',
		{ cause }
	);
}

export class NoAuth implements Authenticator {
	userId(): Promise<string> {
		return Promise.resolve(LOCAL_DEV_USER);
	}
}

export interface AuthOptions {
	/** Milliseconds since the epoch (tests move it). */
	now?: () => number;
}

/** Claims of a signed-in listener's token, or the reason it is not one. */
function checkClaims(claims: JWTPayload, nowMs: number): string {
	if (typeof claims.exp !== 'number') throw unauthorized();
	if (claims.exp * 1000 <= nowMs) throw expired();
	if (claims.role !== ROLE) throw unauthorized();
	const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
	if (!aud.includes(AUDIENCE)) throw unauthorized();
	if (typeof claims.sub !== 'string' || !claims.sub) throw unauthorized();
	return claims.sub;
}

async function tokenHash(token: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(token));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export class SupabaseJwtAuth implements Authenticator {
	#secret?: Uint8Array;
	#jwks?: ReturnType<typeof createRemoteJWKSet>;
	#authUrl?: string;
	#anonKey?: string;
	#now: () => number;
	/** Auth's answers for legacy tokens, by hash; the promise is shared by concurrent requests. */
	#confirmed = new Map<string, { until: number; user: Promise<string> }>();

	constructor(
		config: Pick<CuratorConfig, 'curatorJwtSecret' | 'supabaseUrl' | 'supabaseAnonKey'>,
		options: AuthOptions = {}
	) {
		this.#now = options.now ?? Date.now;
		if (config.curatorJwtSecret) {
			this.#secret = new TextEncoder().encode(config.curatorJwtSecret);
		}
		if (config.supabaseUrl) {
			this.#jwks = createRemoteJWKSet(
				new URL(`${config.supabaseUrl}/auth/v1/.well-known/jwks.json`),
				{ timeoutDuration: AUTH_TIMEOUT_MS }
			);
			if (config.supabaseAnonKey) {
				this.#authUrl = `${config.supabaseUrl}/auth/v1/user`;
				this.#anonKey = config.supabaseAnonKey;
			}
		}
	}

	async userId(request: Request): Promise<string> {
		const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
		if (!match) throw unauthorized('Please sign in: the request carried no session token.');
		const token = match[1];
		let alg: string | undefined;
		let sub: string;
		try {
			alg = decodeProtectedHeader(token).alg;
			sub = checkClaims(decodeJwt(token), this.#now());
		} catch (error) {
			if (error instanceof CuratorError) throw error;
			throw unauthorized();
		}
		const options = {
			audience: AUDIENCE,
			requiredClaims: ['exp', 'sub'],
			currentDate: new Date(this.#now())
		};
		const secret = this.#secret;
		const jwks = this.#jwks;
		if (alg === 'HS256' && secret) {
			return await this.#verified(() =>
				jwtVerify(token, secret, { ...options, algorithms: ['HS256'] })
			);
		}
		if (alg === 'HS256' && this.#authUrl) return await this.#confirmWithAuth(token, sub);
		if (alg && ASYMMETRIC.includes(alg) && jwks) {
			return await this.#verified(() =>
				jwtVerify(token, jwks, { ...options, algorithms: ASYMMETRIC })
			);
		}
		throw unauthorized();
	}

	async #verified(verify: () => Promise<{ payload: JWTPayload }>): Promise<string> {
		try {
			const { payload } = await verify();
			return checkClaims(payload, this.#now());
		} catch (error) {
			if (error instanceof CuratorError) throw error;
			const code = (error as { code?: string }).code ?? '';
			if (code === 'ERR_JWT_EXPIRED') throw expired();
			// The JWKS could not be fetched: Auth is unreachable, the token may well be fine.
			if (code === 'ERR_JWKS_TIMEOUT' || !code.startsWith('ERR_')) throw authUnavailable(error);
			throw unauthorized();
		}
	}

	async #confirmWithAuth(token: string, sub: string): Promise<string> {
		const now = this.#now();
		const key = await tokenHash(token);
		const cached = this.#confirmed.get(key);
		if (cached && cached.until > now) return cached.user;
		if (cached) this.#confirmed.delete(key);

		const exp = (decodeJwt(token).exp ?? 0) * 1000;
		const user = this.#askAuth(token, sub);
		if (this.#confirmed.size >= CACHE_LIMIT) {
			for (const [k, v] of this.#confirmed) {
				if (v.until <= now || this.#confirmed.size >= CACHE_LIMIT) this.#confirmed.delete(k);
				else break;
			}
		}
		this.#confirmed.set(key, { until: Math.min(now + CONFIRMATION_TTL_MS, exp), user });
		user.catch((error) => {
			// A refusal is remembered as long as a confirmation would be (no retry storm on Auth);
			// Auth being unreachable is not.
			const refused = error instanceof CuratorError && error.code === 'UNAUTHORIZED';
			if (!refused && this.#confirmed.get(key)?.user === user) this.#confirmed.delete(key);
		});
		return user;
	}

	async #askAuth(token: string, sub: string): Promise<string> {
		let response: Response;
		try {
			response = await fetch(this.#authUrl!, {
				headers: { apikey: this.#anonKey!, authorization: `Bearer ${token}` },
				signal: AbortSignal.timeout(AUTH_TIMEOUT_MS)
			});
		} catch (error) {
			throw authUnavailable(error);
		}
		if (response.status === 401 || response.status === 403) {
			await response.body?.cancel();
			throw unauthorized();
		}
		if (!response.ok) {
			await response.body?.cancel();
			throw authUnavailable(new Error(`Supabase Auth answered ${response.status}`));
		}
		const user = await response.json().catch(() => null) as { id?: unknown } | null;
		if (user?.id !== sub) throw unauthorized();
		return sub;
	}
}

export function createAuthenticator(
	config: CuratorConfig,
	log: (line: string) => void = console.warn
): Authenticator {
	if (config.curatorJwtSecret || config.supabaseUrl) {
		if (config.supabaseUrl && !config.supabaseAnonKey && !config.curatorJwtSecret) {
			log(
				'[curator] SUPABASE_ANON_KEY is not set: only tokens signed with asymmetric keys (JWKS) ' +
					'are accepted; legacy HS256 tokens need it to be confirmed by Supabase Auth.'
			);
		}
		return new SupabaseJwtAuth(config);
	}
	log(
		'[curator] auth is OFF for local development: neither SUPABASE_URL nor CURATOR_JWT_SECRET is set, ' +
			'so requests are accepted without a token.'
	);
	return new NoAuth();
}
