/**
 * Auth on a hosted project, with only what Supabase gives every function: SUPABASE_URL and
 * SUPABASE_ANON_KEY (no JWT secret). Asymmetric tokens are verified with the project's JWKS;
 * legacy HS256 tokens are confirmed by Supabase Auth (`GET /auth/v1/user`), briefly cached.
 */
import { generateKeyPair } from 'jose';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { type FakeAuth, sessionClaims, startFakeAuth } from './_fake_auth.ts';
import { type Stack, startStack } from './_helpers.ts';
import { CONFIRMATION_TTL_MS, SupabaseJwtAuth } from '../_shared/auth.ts';
import { CuratorError } from '../_shared/errors.ts';

const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({ title: `Album ${n}`, artist: 'Artist', year: '1999', rating: n }))
};
const ALICE = '6f1c1d7e-52a4-4a57-9d1e-0c5b5f1f7a11';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function hosted(): Promise<{ auth: FakeAuth; s: Stack; close(): Promise<void> }> {
	const auth = await startFakeAuth();
	auth.users.add(ALICE);
	// Exactly what a hosted function has: no curatorJwtSecret.
	const s = await startStack({ supabaseUrl: auth.url, supabaseAnonKey: auth.anonKey });
	return {
		auth,
		s,
		async close() {
			await s.close();
			await auth.close();
		}
	};
}

async function status(s: Stack, token: string): Promise<{ status: number; code: string }> {
	const res = await s.post('analyze', ANALYZE, bearer(token));
	const body = await res.json();
	return { status: res.status, code: res.status === 200 ? 'ok' : body.error.code };
}

Deno.test(
	'hosted, with only SUPABASE_URL and SUPABASE_ANON_KEY (no secret): an ES256 token signed by the JWKS key passes',
	async () => {
		const h = await hosted();
		try {
			const token = await h.auth.es256(sessionClaims(ALICE));
			assertEquals(await status(h.s, token), { status: 200, code: 'ok' });
			assertEquals(h.s.usage.rows[0].userId, ALICE);
			assertEquals(h.auth.userCalls(), 0, 'a JWKS-verified token needs no call to Auth');
		} finally {
			await h.close();
		}
	}
);

Deno.test(
	'hosted, with only SUPABASE_URL and SUPABASE_ANON_KEY (no secret): a legacy HS256 token is confirmed by Auth, then cached',
	async () => {
		const h = await hosted();
		try {
			const token = await h.auth.legacy(sessionClaims(ALICE));
			assertEquals(await status(h.s, token), { status: 200, code: 'ok' });
			assertEquals(await status(h.s, token), { status: 200, code: 'ok' });
			assertEquals(h.s.usage.rows.map((r) => r.userId), [ALICE, ALICE]);
			assertEquals(h.auth.userCalls(), 1, 'the second request used the cached confirmation');
		} finally {
			await h.close();
		}
	}
);

Deno.test(
	'hosted, with only SUPABASE_URL and SUPABASE_ANON_KEY (no secret): forged, expired, anon, service_role, exp-less and sub-less tokens are 401',
	async () => {
		const h = await hosted();
		try {
			const stranger = await generateKeyPair('ES256');
			const past = Math.floor(Date.now() / 1000) - 60;
			const cases: [string, string][] = [
				['ES256 forged', await h.auth.es256(sessionClaims(ALICE), stranger.privateKey)],
				[
					'HS256 forged',
					await h.auth.legacy(
						sessionClaims(ALICE),
						'a-guessed-secret-that-is-long-enough-to-sign'
					)
				],
				['ES256 expired', await h.auth.es256(sessionClaims(ALICE, { exp: past }))],
				['HS256 expired', await h.auth.legacy(sessionClaims(ALICE, { exp: past }))],
				['ES256 role anon', await h.auth.es256(sessionClaims(ALICE, { role: 'anon' }))],
				['the anon key', h.auth.anonKey],
				[
					'ES256 service_role with aud authenticated',
					await h.auth.es256(sessionClaims(ALICE, { role: 'service_role' }))
				],
				[
					'HS256 service_role with aud authenticated',
					await h.auth.legacy(sessionClaims(ALICE, { role: 'service_role' }))
				],
				['ES256 no exp', await h.auth.es256(sessionClaims(ALICE, { exp: undefined }))],
				['HS256 no exp', await h.auth.legacy(sessionClaims(ALICE, { exp: undefined }))],
				['ES256 no sub', await h.auth.es256(sessionClaims(ALICE, { sub: undefined }))],
				['HS256 no sub', await h.auth.legacy(sessionClaims(ALICE, { sub: undefined }))],
				[
					'HS256 for a user Auth does not know',
					await h.auth.legacy(sessionClaims(crypto.randomUUID()))
				]
			];
			for (const [name, token] of cases) {
				assertEquals(await status(h.s, token), { status: 401, code: 'UNAUTHORIZED' }, name);
			}
			const expired = await h.s.post(
				'analyze',
				ANALYZE,
				bearer(await h.auth.legacy(sessionClaims(ALICE, { exp: past })))
			);
			assertMatch((await expired.json()).error.message, /expired/);
			const forged = cases[1][1];
			assertEquals(await status(h.s, forged), { status: 401, code: 'UNAUTHORIZED' }, 'again');
			assertEquals(h.s.fake.calls().count, 0, 'no refused token reached the model');
			// Only the two well-formed legacy tokens went to Auth, once each (the refusal is cached):
			// the forged one and the unknown user.
			assertEquals(h.auth.userCalls(), 2);
		} finally {
			await h.close();
		}
	}
);

Deno.test('hosted: Auth unreachable is a 503 to try again, not a sign-in prompt', async () => {
	const auth = await startFakeAuth();
	const token = await auth.legacy(sessionClaims(ALICE));
	const url = auth.url;
	await auth.close();
	const s = await startStack({ supabaseUrl: url, supabaseAnonKey: auth.anonKey });
	try {
		assertEquals(await status(s, token), { status: 503, code: 'UPSTREAM_UNAVAILABLE' });
	} finally {
		await s.close();
	}
});

Deno.test('hosted: a cached confirmation lasts briefly and never past the token’s exp', async () => {
	const auth = await startFakeAuth();
	auth.users.add(ALICE);
	let now = Date.now();
	const checker = new SupabaseJwtAuth(
		{ supabaseUrl: auth.url, supabaseAnonKey: auth.anonKey },
		{ now: () => now }
	);
	const ask = async (token: string) => {
		try {
			return await checker.userId(new Request('http://x/', { headers: bearer(token) }));
		} catch (error) {
			assert(error instanceof CuratorError);
			return error.code;
		}
	};
	try {
		const long = await auth.legacy(sessionClaims(ALICE));
		assertEquals(await ask(long), ALICE);
		now += CONFIRMATION_TTL_MS - 1000;
		assertEquals(await ask(long), ALICE);
		assertEquals(auth.userCalls(), 1, 'still cached');
		now += 2000;
		assertEquals(await ask(long), ALICE);
		assertEquals(auth.userCalls(), 2, 'asked again once the confirmation aged');

		const exp = Math.floor(now / 1000) + 5;
		const short = await auth.legacy(sessionClaims(ALICE, { exp }));
		assertEquals(await ask(short), ALICE);
		now = exp * 1000 + 1;
		assertEquals(await ask(short), 'UNAUTHORIZED', 'past its exp the token is refused');
		assertEquals(auth.userCalls(), 3);
	} finally {
		await auth.close();
	}
});
