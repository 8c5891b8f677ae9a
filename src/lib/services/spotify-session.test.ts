/**
 * The Spotify connection as the app keeps it: tokens in the real store (Dexie over
 * fake-indexeddb), refreshed against the shared fake Spotify before they expire and after a 401,
 * one refresh at a time, and a revoked grant that forgets the tokens and nothing else.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../../../tests/fakes/fake-spotify.mjs';
import { authorizeUrl, challengeOf, randomVerifier } from '$lib/connect/pkce';
import { currentUser, topArtists } from '$lib/connect/spotify';
import { exchangeCode, SPOTIFY_SCOPES } from '$lib/connect/spotify-auth';
import { loadConnection, saveConnection } from '$lib/db/connections';
import { createJourney } from '$lib/db/journeys';
import { CartographerDB, db, useDatabase } from '$lib/db/schema';
import { ConnectError } from '$lib/errors/base';
import { describeError } from '$lib/errors';
import { REFRESH_MARGIN_MS, withSpotify, type SpotifyEndpoints } from './spotify-session';

let sp: FakeSpotify;
let where: SpotifyEndpoints;
beforeAll(async () => {
	sp = await startFakeSpotify();
	where = { clientId: sp.clientId, accountsUrl: sp.url, apiUrl: sp.url };
});
afterAll(() => sp.close());
beforeEach(async () => {
	sp.reset();
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
	await connect();
});

/** The listener connects, as /connect/spotify does it: code → tokens → the store. */
async function connect(): Promise<void> {
	const verifier = randomVerifier();
	const redirectUri = 'http://127.0.0.1:4173/connect/spotify';
	const url = authorizeUrl({
		accountsUrl: sp.url,
		clientId: sp.clientId,
		redirectUri,
		scopes: SPOTIFY_SCOPES,
		challenge: await challengeOf(verifier),
		state: 's'
	});
	const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!);
	const tokens = await exchangeCode(where, {
		code: back.searchParams.get('code')!,
		verifier,
		redirectUri
	});
	await saveConnection('spotify', { ...tokens, user: 'Ada Listener' });
	sp.clearRequests();
}

const grants = () =>
	sp
		.requests()
		.filter((r) => r.path === '/api/token')
		.map((r) => r.grant);

describe('a connected Spotify', () => {
	it('uses the stored token while it is fresh: no refresh', async () => {
		const me = await withSpotify(currentUser, undefined, where);
		expect(me.name).toBe('Ada Listener');
		expect(grants()).toEqual([]);
	});

	it('refreshes a minute before expiry and stores the new pair (the old refresh token is spent)', async () => {
		const before = (await loadConnection('spotify'))!;
		await saveConnection('spotify', { expiresAt: Date.now() + REFRESH_MARGIN_MS / 2 });
		const artists = await withSpotify((a) => topArtists(a, 'medium_term'), undefined, where);
		expect(artists[0].name).toBe('Radiohead');
		expect(grants()).toEqual(['refresh_token']);
		const after = (await loadConnection('spotify'))!;
		expect(after.refreshToken).not.toBe(before.refreshToken);
		expect(after.accessToken).not.toBe(before.accessToken);
		expect(after.expiresAt).toBeGreaterThan(Date.now() + 3000_000);
		expect(sp.requests().map((r) => r.path)).toEqual(['/api/token', '/v1/me/top/artists']);
	});

	it('refreshes after a 401 and repeats the request once', async () => {
		sp.expireAll();
		const me = await withSpotify(currentUser, undefined, where);
		expect(me.id).toBe('cartographer-listener');
		expect(sp.requests().map((r) => r.path)).toEqual(['/v1/me', '/api/token', '/v1/me']);
	});

	it('two requests that both find the token stale refresh it once', async () => {
		await saveConnection('spotify', { expiresAt: Date.now() - 1 });
		const [a, b] = await Promise.all([
			withSpotify(currentUser, undefined, where),
			withSpotify((s) => topArtists(s, 'short_term'), undefined, where)
		]);
		expect(a.name).toBe('Ada Listener');
		expect(b[0].name).toBe('Burial');
		expect(grants()).toEqual(['refresh_token']);
	});

	it('a revoked grant disconnects this device and touches nothing else', async () => {
		const journey = await createJourney([{ name: 'Can' }], 'typed');
		sp.revokeAll();
		let error: unknown;
		try {
			await withSpotify(currentUser, undefined, where);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(ConnectError);
		expect((error as ConnectError).code).toBe('REVOKED');
		expect(describeError(error).title).toBe('Spotify disconnected you');
		expect(describeError(error).body).toMatch(/Connect again/);
		expect(await loadConnection('spotify')).toBeUndefined();
		expect(await db().journeys.get(journey)).toBeDefined();
		// Connected again, all is well.
		await connect();
		expect((await withSpotify(currentUser, undefined, where)).name).toBe('Ada Listener');
	});

	it('without a connection, or without a client ID, it says what to do', async () => {
		await db().connections.clear();
		await expect(withSpotify(currentUser, undefined, where)).rejects.toMatchObject({
			code: 'NOT_CONNECTED'
		});
		let error: unknown;
		try {
			await withSpotify(currentUser, undefined, { ...where, clientId: '' });
		} catch (e) {
			error = e;
		}
		expect((error as ConnectError).code).toBe('NOT_CONFIGURED');
		expect(describeError(error).body).toMatch(/PUBLIC_SPOTIFY_CLIENT_ID/);
		expect(sp.requests()).toEqual([]);
	});
});
