/**
 * A small fake of a hosted project's Supabase Auth (GoTrue) behind its API gateway, at the edge
 * of the curator: the two endpoints the function calls, with GoTrue's real shapes.
 *
 * - `GET /auth/v1/.well-known/jwks.json`: `{ keys: [<ES256 public JWK with kid, alg, use>] }`.
 * - `GET /auth/v1/user`: needs the project's anon key as `apikey`; the bearer token must be a
 *   live HS256 token signed with the project's own secret (which the function never sees) for a
 *   known user: 200 with the user object; otherwise GoTrue's errors, e.g. 401
 *   `{"code":401,"error_code":"no_authorization","msg":…}` or 403
 *   `{"code":403,"error_code":"bad_jwt","msg":"invalid JWT: …"}`.
 *
 * It signs tokens too, as the project would: `es256(claims)` with the JWKS key,
 * `legacy(claims)` with the legacy secret.
 */
import { exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';

export interface FakeAuth {
	url: string;
	anonKey: string;
	/** Requests to /auth/v1/user so far. */
	userCalls(): number;
	/** Users Auth knows (by id); a token for anyone else is refused as GoTrue does. */
	users: Set<string>;
	es256(claims: Record<string, unknown>, key?: CryptoKey): Promise<string>;
	legacy(claims: Record<string, unknown>, secret?: string): Promise<string>;
	close(): Promise<void>;
}

const LEGACY_SECRET = 'the-projects-own-legacy-secret-never-given-to-functions';
const KID = 'fake-project-key-1';

/** A user session's claims as Supabase Auth issues them; `overrides` may remove any with undefined. */
export function sessionClaims(sub: string, overrides: Record<string, unknown> = {}) {
	const now = Math.floor(Date.now() / 1000);
	const claims: Record<string, unknown> = {
		iss: 'https://project.supabase.co/auth/v1',
		sub,
		aud: 'authenticated',
		exp: now + 3600,
		iat: now,
		email: `${sub}@example.com`,
		role: 'authenticated',
		aal: 'aal1',
		session_id: crypto.randomUUID(),
		is_anonymous: false,
		...overrides
	};
	for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
	return claims;
}

function gotrueError(status: number, errorCode: string, msg: string): Response {
	return Response.json({ code: status, error_code: errorCode, msg }, {
		status,
		headers: { 'x-sb-error-code': errorCode }
	});
}

export async function startFakeAuth(): Promise<FakeAuth> {
	const { publicKey, privateKey } = await generateKeyPair('ES256');
	const jwk = { ...(await exportJWK(publicKey)), kid: KID, alg: 'ES256', use: 'sig' };
	const secret = new TextEncoder().encode(LEGACY_SECRET);
	const anonKey = await new SignJWT({ iss: 'supabase', ref: 'fakeproject', role: 'anon' })
		.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
		.setIssuedAt()
		.setExpirationTime('10y')
		.sign(secret);
	const users = new Set<string>();
	let userCalls = 0;

	async function user(request: Request): Promise<Response> {
		userCalls++;
		if (request.headers.get('apikey') !== anonKey) {
			return Response.json({ message: 'No API key found in request' }, { status: 401 });
		}
		const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
		if (!bearer) {
			return gotrueError(401, 'no_authorization', 'This endpoint requires a valid Bearer token');
		}
		let claims;
		try {
			({ payload: claims } = await jwtVerify(bearer, secret, { algorithms: ['HS256'] }));
		} catch (error) {
			return gotrueError(
				403,
				'bad_jwt',
				`invalid JWT: unable to parse or verify signature, ${(error as Error).message}`
			);
		}
		if (!claims.sub) return gotrueError(403, 'bad_jwt', 'invalid claim: missing sub claim');
		if (!users.has(claims.sub)) {
			return gotrueError(403, 'user_not_found', 'User from sub claim in JWT does not exist');
		}
		const at = new Date().toISOString();
		return Response.json({
			id: claims.sub,
			aud: 'authenticated',
			role: 'authenticated',
			email: claims.email ?? '',
			email_confirmed_at: at,
			phone: '',
			confirmed_at: at,
			last_sign_in_at: at,
			app_metadata: { provider: 'email', providers: ['email'] },
			user_metadata: {},
			identities: [],
			created_at: at,
			updated_at: at,
			is_anonymous: false
		});
	}

	const server = Deno.serve({ hostname: '127.0.0.1', port: 0, onListen() {} }, (request) => {
		const path = new URL(request.url).pathname;
		if (request.method === 'GET' && path === '/auth/v1/.well-known/jwks.json') {
			return Response.json({ keys: [jwk] });
		}
		if (request.method === 'GET' && path === '/auth/v1/user') return user(request);
		return Response.json({ message: 'no Route matched with those values' }, { status: 404 });
	});

	return {
		url: `http://127.0.0.1:${server.addr.port}`,
		anonKey,
		userCalls: () => userCalls,
		users,
		es256: (claims, key = privateKey) =>
			new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: KID, typ: 'JWT' }).sign(key),
		legacy: (claims, secretText) =>
			new SignJWT(claims)
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.sign(secretText ? new TextEncoder().encode(secretText) : secret),
		close: () => server.shutdown()
	};
}
