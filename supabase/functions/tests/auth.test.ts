/**
 * Who may call the curator: Supabase JWTs checked with a local HS256 secret (the stand-in), or,
 * on a hosted project, with only SUPABASE_URL and SUPABASE_ANON_KEY: the project's JWKS for
 * asymmetric keys, Supabase Auth itself for legacy HS256 tokens.
 */
import { SignJWT } from 'jose';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { startStack } from './_helpers.ts';

const SECRET = 'super-secret-jwt-token-with-at-least-32-characters';
const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({ title: `Album ${n}`, artist: 'Artist', year: '1999', rating: n }))
};

function hs256(
	claims: Record<string, unknown>,
	options: { secret?: string; expiresIn?: string | number } = {}
) {
	return new SignJWT({ role: 'authenticated', ...claims })
		.setProtectedHeader({ alg: 'HS256' })
		.setIssuedAt()
		.setExpirationTime(options.expiresIn ?? '1h')
		.sign(new TextEncoder().encode(options.secret ?? SECRET));
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

Deno.test('HS256: a valid token passes and its sub is the user', async () => {
	const s = await startStack({ curatorJwtSecret: SECRET });
	try {
		const res = await s.post(
			'analyze',
			ANALYZE,
			bearer(await hs256({ sub: 'user-1', aud: 'authenticated' }))
		);
		assertEquals(res.status, 200);
		await res.json();
		assertEquals(s.usage.rows[0].userId, 'user-1');
	} finally {
		await s.close();
	}
});

Deno.test(
	'HS256: missing, expired, forged, wrong-audience and sub-less tokens are 401',
	async () => {
		const s = await startStack({ curatorJwtSecret: SECRET });
		try {
			const cases: [string, HeadersInit][] = [
				['missing', {}],
				['not a bearer', { authorization: 'Basic abc' }],
				['garbage', bearer('not.a.jwt')],
				[
					'expired',
					bearer(
						await hs256(
							{ sub: 'u', aud: 'authenticated' },
							{ expiresIn: Math.floor(Date.now() / 1000) - 60 }
						)
					)
				],
				[
					'wrong signature',
					bearer(
						await hs256(
							{ sub: 'u', aud: 'authenticated' },
							{ secret: 'another-secret-that-is-long-enough-xx' }
						)
					)
				],
				['wrong audience', bearer(await hs256({ sub: 'u', aud: 'anon' }))],
				['no sub (anon key)', bearer(await hs256({ aud: 'authenticated', role: 'anon' }))],
				['role anon', bearer(await hs256({ sub: 'u', aud: 'authenticated', role: 'anon' }))],
				[
					'role service_role',
					bearer(await hs256({ sub: 'u', aud: 'authenticated', role: 'service_role' }))
				],
				[
					'no exp',
					bearer(
						await new SignJWT({ sub: 'u', aud: 'authenticated', role: 'authenticated' })
							.setProtectedHeader({ alg: 'HS256' })
							.sign(new TextEncoder().encode(SECRET))
					)
				]
			];
			for (const [name, headers] of cases) {
				const res = await s.post('analyze', ANALYZE, headers);
				assertEquals(res.status, 401, name);
				const { error } = await res.json();
				assertEquals(error.code, 'UNAUTHORIZED', name);
				if (name === 'expired') assertMatch(error.message, /expired/);
			}
			assertEquals(s.fake.calls().count, 0);
		} finally {
			await s.close();
		}
	}
);

Deno.test(
	'rate limit: per user, 429 RATE_LIMITED with Retry-After once over the limit',
	async () => {
		const s = await startStack({ curatorJwtSecret: SECRET, rateLimitPerMinute: 3 });
		try {
			const alice = bearer(await hs256({ sub: 'alice', aud: 'authenticated' }));
			const bob = bearer(await hs256({ sub: 'bob', aud: 'authenticated' }));
			for (let i = 0; i < 3; i++) {
				const res = await s.post('analyze', ANALYZE, alice);
				assertEquals(res.status, 200);
				await res.body?.cancel();
			}
			const limited = await s.post('analyze', ANALYZE, alice);
			assertEquals(limited.status, 429);
			assertEquals((await limited.json()).error.code, 'RATE_LIMITED');
			const retryAfter = Number(limited.headers.get('retry-after'));
			assert(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
			const other = await s.post('analyze', ANALYZE, bob);
			assertEquals(other.status, 200, 'another user is not limited');
			await other.body?.cancel();
			assertEquals(s.fake.calls().count, 4);
		} finally {
			await s.close();
		}
	}
);

Deno.test(
	'API keys are not users: the anon key, a publishable key and the service role key are 401; an anonymous sign-in passes',
	async () => {
		const s = await startStack({ curatorJwtSecret: SECRET });
		try {
			// What supabase-js sends as the bearer before anyone signs in: the project's anon key
			// (a legacy JWT with role anon, no aud, no sub) or a new publishable key (no JWT at all).
			const anonKey = await new SignJWT({ iss: 'supabase', ref: 'project', role: 'anon' })
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.setIssuedAt()
				.setExpirationTime('10y')
				.sign(new TextEncoder().encode(SECRET));
			const serviceKey = await new SignJWT({
				iss: 'supabase',
				ref: 'project',
				role: 'service_role'
			})
				.setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
				.setExpirationTime('10y')
				.sign(new TextEncoder().encode(SECRET));
			for (
				const [name, token] of [
					['anon key', anonKey],
					['publishable key', 'sb_publishable_abcdefghijklmnopqrstuv_12345678'],
					['service role key', serviceKey]
				]
			) {
				const res = await s.post('analyze', ANALYZE, { ...bearer(token), apikey: anonKey });
				assertEquals(res.status, 401, name);
				assertEquals((await res.json()).error.code, 'UNAUTHORIZED', name);
			}
			const guest = await hs256({ sub: 'anon-user', aud: 'authenticated', is_anonymous: true });
			const ok = await s.post('analyze', ANALYZE, { ...bearer(guest), apikey: anonKey });
			assertEquals(ok.status, 200, 'an anonymous sign-in is a user');
			await ok.json();
			assertEquals(s.usage.rows.at(-1)!.userId, 'anon-user');
			assertEquals(s.fake.calls().count, 1);
		} finally {
			await s.close();
		}
	}
);
