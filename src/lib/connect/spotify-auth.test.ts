import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../../../tests/fakes/fake-spotify.mjs';
import { ConnectError } from '$lib/errors/base';
import { authorizeUrl, challengeOf, randomVerifier } from './pkce';
import { exchangeCode, readTokenAnswer, refreshAccess, SPOTIFY_SCOPES } from './spotify-auth';

const recorded = (name: string) =>
	readFileSync(`tests/unit/fixtures/api-real/spotify/${name}`, 'utf8');
const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({
	status,
	text,
	headers: new Headers(headers)
});

async function failure(run: () => unknown): Promise<ConnectError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof ConnectError) return error;
		throw error;
	}
	throw new Error('expected a ConnectError');
}

describe('PKCE', () => {
	it('computes the S256 challenge of RFC 7636’s example verifier', async () => {
		expect(await challengeOf('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
			'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'
		);
	});

	it('makes verifiers of unreserved characters, never the same twice', () => {
		const a = randomVerifier(64);
		expect(a).toMatch(/^[A-Za-z0-9\-._~]{64}$/);
		expect(randomVerifier(64)).not.toBe(a);
	});

	it('asks Spotify for a code with the challenge, the state and only the scopes it needs', () => {
		const url = new URL(
			authorizeUrl({
				accountsUrl: 'https://accounts.spotify.com',
				clientId: 'abc',
				redirectUri: 'http://127.0.0.1:4173/connect/spotify',
				scopes: SPOTIFY_SCOPES,
				challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
				state: 's1'
			})
		);
		expect(url.origin + url.pathname).toBe('https://accounts.spotify.com/authorize');
		expect(Object.fromEntries(url.searchParams)).toEqual({
			client_id: 'abc',
			response_type: 'code',
			redirect_uri: 'http://127.0.0.1:4173/connect/spotify',
			code_challenge_method: 'S256',
			code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
			state: 's1',
			scope: 'user-top-read playlist-modify-private'
		});
	});
});

describe('the accounts service, against the shared fake', () => {
	let sp: FakeSpotify;
	const redirectUri = 'http://127.0.0.1:4173/connect/spotify';
	beforeAll(async () => {
		sp = await startFakeSpotify();
	});
	afterAll(() => sp.close());
	beforeEach(() => sp.reset());
	const client = () => ({ accountsUrl: sp.url, clientId: sp.clientId });

	/** The listener agrees on Spotify's page: the code the browser comes back with. */
	async function agree(verifier: string, state = 'st'): Promise<URL> {
		const url = authorizeUrl({
			...client(),
			redirectUri,
			scopes: SPOTIFY_SCOPES,
			challenge: await challengeOf(verifier),
			state
		});
		const res = await fetch(url, { redirect: 'manual' });
		expect(res.status).toBe(302);
		return new URL(res.headers.get('location')!);
	}

	it('trades the code for tokens only with the verifier that made the challenge', async () => {
		const verifier = randomVerifier();
		const back = await agree(verifier, 'state-1');
		expect(back.origin + back.pathname).toBe(redirectUri);
		expect(back.searchParams.get('state')).toBe('state-1');
		const code = back.searchParams.get('code')!;

		const wrong = await failure(() =>
			exchangeCode(client(), { code, verifier: randomVerifier(), redirectUri })
		);
		expect(wrong.code).toBe('REJECTED');
		expect(wrong.message).toMatch(/code_verifier was incorrect/);

		const code2 = (await agree(verifier)).searchParams.get('code')!;
		const tokens = await exchangeCode(client(), { code: code2, verifier, redirectUri });
		expect(tokens.accessToken).toMatch(/^BQ/);
		expect(tokens.refreshToken).toMatch(/^AQ/);
		expect(tokens.scope).toBe('user-top-read playlist-modify-private');
		expect(tokens.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
	});

	it('a refusal on Spotify’s page comes back as access_denied', async () => {
		sp.setMode('deny', 1);
		const back = await agree(randomVerifier(), 'st');
		expect(back.searchParams.get('error')).toBe('access_denied');
		expect(back.searchParams.get('code')).toBeNull();
	});

	it('refresh tokens rotate: the new one works, the spent one means the grant is gone', async () => {
		const verifier = randomVerifier();
		const code = (await agree(verifier)).searchParams.get('code')!;
		const first = await exchangeCode(client(), { code, verifier, redirectUri });
		const second = await refreshAccess(client(), first.refreshToken);
		expect(second.refreshToken).not.toBe(first.refreshToken);
		expect(second.accessToken).not.toBe(first.accessToken);
		await refreshAccess(client(), second.refreshToken);
		const spent = await failure(() => refreshAccess(client(), first.refreshToken));
		expect(spent.code).toBe('REVOKED');
		expect(spent.service).toBe('spotify');
	});

	it('an unknown client ID is the operator’s to fix', async () => {
		const e = await failure(() =>
			refreshAccess({ accountsUrl: sp.url, clientId: 'someone-else' }, 'AQx')
		);
		expect(e.code).toBe('NOT_CONFIGURED');
		expect(e.message).toMatch(/PUBLIC_SPOTIFY_CLIENT_ID/);
	});
});

describe('token answers as Spotify records them', () => {
	it('a PKCE refresh gives a new refresh token, kept with the new access token', () => {
		const tokens = readTokenAnswer(
			answer(200, recorded('sp-token-pkce-refresh-java-fixture.json')),
			'refresh_token',
			1000,
			'old'
		);
		expect(tokens.refreshToken).toMatch(/^PoO04alC/);
		expect(tokens.expiresAt).toBe(1000 + 3600_000);
	});

	it('an answer without a refresh token keeps the one it was asked with', () => {
		const body = JSON.parse(recorded('sp-token-authorization-code-java-fixture.json'));
		delete body.refresh_token;
		const tokens = readTokenAnswer(answer(200, JSON.stringify(body)), 'refresh_token', 0, 'kept');
		expect(tokens.refreshToken).toBe('kept');
	});

	it('the OAuth error shape: invalid_client, invalid_grant, and a 429 with its wait', async () => {
		const invalidClient = await failure(() =>
			readTokenAnswer(
				answer(400, recorded('sp-token-error-invalid-client-java-fixture.json')),
				'authorization_code'
			)
		);
		expect(invalidClient.code).toBe('NOT_CONFIGURED');
		const revoked = await failure(() =>
			readTokenAnswer(
				answer(400, '{"error":"invalid_grant","error_description":"Refresh token revoked"}'),
				'refresh_token'
			)
		);
		expect(revoked.code).toBe('REVOKED');
		const limited = await failure(() =>
			readTokenAnswer(answer(429, '', { 'Retry-After': '30' }), 'refresh_token')
		);
		expect(limited.code).toBe('RATE_LIMITED');
		expect(limited.extra.retryAfterSeconds).toBe(30);
		const down = await failure(() =>
			readTokenAnswer(answer(503, '<html>Bad gateway</html>'), 'refresh_token')
		);
		expect(down.code).toBe('UNAVAILABLE');
	});
});
