/**
 * Who is calling: the `sub` of a Supabase access token.
 *
 * - HS256 tokens are checked with SUPABASE_JWT_SECRET (local stacks and legacy projects).
 * - Other algorithms are checked against the project's JWKS at
 *   `${SUPABASE_URL}/auth/v1/.well-known/jwks.json` (asymmetric signing keys).
 * - With neither configured, auth is off for local development (said once in the log), and
 *   every caller is the same local user, so rate limits still apply.
 * Audience must be `authenticated`: the anon key (role anon, no user) is not a user.
 */
import { createRemoteJWKSet, decodeProtectedHeader, type JWTPayload, jwtVerify } from 'jose';
import type { CuratorConfig } from './config.ts';
import { CuratorError } from './errors.ts';

export interface Authenticator {
	/** Resolves to the user id, or throws UNAUTHORIZED. */
	userId(request: Request): Promise<string>;
}

export const LOCAL_DEV_USER = 'local-dev';
const AUDIENCE = 'authenticated';

function unauthorized(message?: string): CuratorError {
	return new CuratorError('UNAUTHORIZED', message);
}

export class NoAuth implements Authenticator {
	userId(): Promise<string> {
		return Promise.resolve(LOCAL_DEV_USER);
	}
}

export class SupabaseJwtAuth implements Authenticator {
	#secret?: Uint8Array;
	#jwks?: ReturnType<typeof createRemoteJWKSet>;

	constructor(config: Pick<CuratorConfig, 'supabaseJwtSecret' | 'supabaseUrl'>) {
		if (config.supabaseJwtSecret) this.#secret = new TextEncoder().encode(config.supabaseJwtSecret);
		if (config.supabaseUrl) {
			this.#jwks = createRemoteJWKSet(
				new URL(`${config.supabaseUrl}/auth/v1/.well-known/jwks.json`),
				{
					timeoutDuration: 5000
				}
			);
		}
	}

	async userId(request: Request): Promise<string> {
		const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '');
		if (!match) throw unauthorized('Please sign in: the request carried no session token.');
		const token = match[1];
		let payload: JWTPayload;
		try {
			const { alg } = decodeProtectedHeader(token);
			if (alg === 'HS256') {
				if (!this.#secret) throw unauthorized();
				({ payload } = await jwtVerify(token, this.#secret, {
					audience: AUDIENCE,
					algorithms: ['HS256']
				}));
			} else {
				if (!this.#jwks) throw unauthorized();
				({ payload } = await jwtVerify(token, this.#jwks, { audience: AUDIENCE }));
			}
		} catch (error) {
			if (error instanceof CuratorError) throw error;
			const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
			throw unauthorized(expired ? 'Your session has expired; please sign in again.' : undefined);
		}
		if (typeof payload.sub !== 'string' || !payload.sub) throw unauthorized();
		return payload.sub;
	}
}

export function createAuthenticator(
	config: CuratorConfig,
	log: (line: string) => void = console.warn
): Authenticator {
	if (config.supabaseJwtSecret || config.supabaseUrl) return new SupabaseJwtAuth(config);
	log(
		'[curator] auth is OFF for local development: neither SUPABASE_JWT_SECRET nor SUPABASE_URL is set, ' +
			'so requests are accepted without a token.'
	);
	return new NoAuth();
}
