import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSpotify, type FakeSpotify } from '../../../tests/fakes/fake-spotify.mjs';
import { albumFacts } from '../../../tests/fakes/fake-musicbrainz-releases.mjs';
import { ConnectError } from '$lib/errors/base';
import { authorizeUrl, challengeOf, randomVerifier } from './pkce';
import { exchangeCode, SPOTIFY_SCOPES } from './spotify-auth';
import {
	addToPlaylist,
	albumQuery,
	albumTrackUris,
	createPlaylist,
	currentUser,
	findAlbum,
	pickAlbum,
	searchAlbums,
	topArtists,
	upcCandidates,
	webApiError,
	type SpotifyAccess
} from './spotify';

const recorded = (name: string) =>
	readFileSync(`tests/unit/fixtures/api-real/spotify/${name}`, 'utf8');

async function failure(run: () => unknown): Promise<ConnectError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof ConnectError) return error;
		throw error;
	}
	throw new Error('expected a ConnectError');
}

/** Serves one recorded body, whatever is asked (the edge of the world, as Spotify answered it). */
function recordedFetch(status: number, body: string): typeof fetch {
	return async () => new Response(body, { status });
}

describe('Spotify’s answers as recorded', () => {
	it('reads a UPC search hit, and the empty answer of an unpadded barcode', async () => {
		const access: SpotifyAccess = {
			apiUrl: 'https://api.spotify.com',
			token: async () => 'BQ',
			fetch: recordedFetch(200, recorded('sp-search-album-upc-00602475093060-2026-02.json'))
		};
		const [hit] = await searchAlbums(access, 'upc:00602475093060', 1);
		expect(hit).toEqual({
			id: '10FLjwfpbxLmW8c25Xyc2N',
			name: 'Die With A Smile',
			artists: ['Lady Gaga', 'Bruno Mars'],
			url: 'https://open.spotify.com/album/10FLjwfpbxLmW8c25Xyc2N',
			uri: 'spotify:album:10FLjwfpbxLmW8c25Xyc2N'
		});
		expect(pickAlbum([hit], { title: 'Die With a Smile', artist: 'Bruno Mars' })).toBe(hit);
		expect(pickAlbum([hit], { title: 'Die With a Smile', artist: 'Someone Else' })).toBeUndefined();
		access.fetch = recordedFetch(
			200,
			recorded('sp-search-album-upc-602475093060-empty-2026-02.json')
		);
		expect(await searchAlbums(access, 'upc:602475093060', 1)).toEqual([]);
	});

	it('tries a barcode as printed and as a 14-digit GTIN', () => {
		expect(upcCandidates(['602475093060', '', 'n/a', '0602475093060'])).toEqual([
			'602475093060',
			'00602475093060',
			'0602475093060'
		]);
	});

	it('reads every track of an album page, following `next` until the last page', async () => {
		const page = recorded('sp-album-tracks-32nryzA6XBCX9ZUspVc1yz-offset50-2026-02.json');
		const asked: string[] = [];
		const access: SpotifyAccess = {
			apiUrl: 'https://api.spotify.com',
			token: async () => 'BQ',
			fetch: async (url) => {
				asked.push(String(url));
				return new Response(page, { status: 200 });
			}
		};
		const uris = await albumTrackUris(access, '32nryzA6XBCX9ZUspVc1yz');
		expect(uris).toHaveLength(5);
		expect(uris.every((u) => u.startsWith('spotify:track:'))).toBe(true);
		expect(asked).toEqual([
			'https://api.spotify.com/v1/albums/32nryzA6XBCX9ZUspVc1yz/tracks?limit=50&offset=0'
		]);
	});

	it('refusals: an expired token, the Development Mode text, a 429 without a body', () => {
		const expired = webApiError({
			status: 401,
			headers: new Headers(),
			text: recorded('sp-error-401-token-expired-2019-02-28.json')
		});
		expect(expired.code).toBe('REVOKED');
		expect(expired.message).toBe('The access token expired');
		const premium = webApiError({
			status: 403,
			headers: new Headers({ 'Content-Type': 'text/plain' }),
			text: recorded('sp-error-403-dev-mode-owner-not-premium-2026.txt')
		});
		expect(premium.code).toBe('OWNER_NEEDS_PREMIUM');
		expect(premium.message).toMatch(/^Active premium subscription required/);
		const limited = webApiError({
			status: 429,
			headers: new Headers({ 'retry-after': '13749' }),
			text: ''
		});
		expect(limited.code).toBe('RATE_LIMITED');
		expect(limited.extra.retryAfterSeconds).toBe(13749);
		expect(webApiError({ status: 502, headers: new Headers(), text: '<html>' }).code).toBe(
			'UNAVAILABLE'
		);
	});
});

describe('the Web API, against the shared fake', () => {
	let sp: FakeSpotify;
	let token = '';
	beforeAll(async () => {
		sp = await startFakeSpotify();
	});
	afterAll(() => sp.close());
	beforeEach(async () => {
		sp.reset();
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
		const tokens = await exchangeCode(
			{ accountsUrl: sp.url, clientId: sp.clientId },
			{ code: back.searchParams.get('code')!, verifier, redirectUri }
		);
		token = tokens.accessToken;
	});
	const access = (): SpotifyAccess => ({ apiUrl: sp.url, token: async () => token });

	it('who is connected, and their top artists for each range', async () => {
		expect(await currentUser(access())).toEqual({
			id: 'cartographer-listener',
			name: 'Ada Listener'
		});
		const short = await topArtists(access(), 'short_term');
		expect(short.map((a) => a.name)).toEqual([
			'Burial',
			'Boards of Canada',
			'Massive Attack',
			'Portishead',
			'Slowdive',
			'Can'
		]);
		expect((await topArtists(access(), 'long_term'))[0].name).toBe('Joni Mitchell');
		const asked = sp.requests().filter((r) => r.path === '/v1/me/top/artists');
		expect(asked.map((r) => new URLSearchParams(r.search).get('time_range'))).toEqual([
			'short_term',
			'long_term'
		]);
	});

	it('asks search pages of at most 10 (the fake refuses more, as Spotify does since 2026)', async () => {
		await searchAlbums(access(), albumQuery({ title: 'Kind of Blue', artist: 'Miles Davis' }), 50);
		const search = sp.requests().find((r) => r.path === '/v1/search')!;
		expect(new URLSearchParams(search.search).get('limit')).toBe('10');
		const res = await fetch(`${sp.url}/v1/search?q=x&type=album&limit=20`, {
			headers: { Authorization: `Bearer ${token}` }
		});
		expect(res.status).toBe(400);
	});

	it('finds an album by its barcode (as a GTIN-14), else by an album search', async () => {
		const { barcode } = albumFacts('Unknown Pleasures', 'Joy Division');
		expect(barcode).toMatch(/^\d{12}$/);
		// Under another title: only the barcode can find it.
		const byUpc = await findAlbum(access(), {
			title: 'An album of another name',
			artist: 'Nobody',
			barcodes: [barcode!]
		});
		expect(byUpc?.name).toBe('Unknown Pleasures');
		const searches = sp
			.requests()
			.filter((r) => r.path === '/v1/search')
			.map((r) => new URLSearchParams(r.search).get('q'));
		// As printed first (no hit), then padded to 14 digits (the hit): no album search needed.
		expect(searches).toEqual([`upc:${barcode}`, `upc:${barcode!.padStart(14, '0')}`]);
		const bySearch = await findAlbum(access(), {
			title: 'Remain In Light',
			artist: 'Talking Heads'
		});
		expect(bySearch?.name).toBe('Remain in Light');
		expect(
			await findAlbum(access(), {
				title: 'Songs From the Cartographer’s Attic',
				artist: 'The Imaginary Orchestra'
			})
		).toBeUndefined();
	});

	it('makes a private playlist and adds tracks 100 at a time, in order', async () => {
		const album = await findAlbum(access(), { title: 'Dummy', artist: 'Portishead' });
		const uris = await albumTrackUris(access(), album!.id);
		expect(uris.length).toBeGreaterThanOrEqual(5);
		const many = Array.from({ length: 250 }, (_, i) => uris[i % uris.length]);
		const made = await createPlaylist(access(), { name: 'Round 1', description: 'Five albums' });
		expect(made.url).toBe(`https://open.spotify.com/playlist/${made.id}`);
		const added: number[] = [];
		await addToPlaylist(access(), made.id, many, (n) => added.push(n));
		expect(added).toEqual([100, 200, 250]);
		const [playlist] = sp.state().playlists;
		expect(playlist).toMatchObject({ name: 'Round 1', public: false, description: 'Five albums' });
		expect(playlist.uris).toEqual(many);
		const posts = sp.requests().filter((r) => r.method === 'POST' && r.path.startsWith('/v1/'));
		expect(posts.map((r) => r.path)).toEqual([
			'/v1/me/playlists',
			...Array(3).fill(`/v1/playlists/${made.id}/items`)
		]);
	});

	it('a 401 gets one more try with a renewed token; a second 401 means the grant is gone', async () => {
		const stale = token;
		sp.expireAll();
		const renewals: boolean[] = [];
		// The "renewed" token is the expired one again: Spotify keeps refusing.
		const stubborn: SpotifyAccess = {
			apiUrl: sp.url,
			token: async (renew) => {
				renewals.push(!!renew);
				return stale;
			}
		};
		const e = await failure(() => currentUser(stubborn));
		expect(e.code).toBe('REVOKED');
		expect(e.message).toBe('The access token expired');
		expect(renewals).toEqual([false, true]);
	});

	it('a rate limit and the Development Mode refusal come through in our words', async () => {
		sp.setMode('429', 1);
		const limited = await failure(() => topArtists(access(), 'medium_term'));
		expect(limited.code).toBe('RATE_LIMITED');
		expect(limited.extra.retryAfterSeconds).toBe(7);
		sp.setMode('premium', 1);
		expect((await failure(() => topArtists(access(), 'medium_term'))).code).toBe(
			'OWNER_NEEDS_PREMIUM'
		);
		sp.setMode('503', 1);
		expect((await failure(() => topArtists(access(), 'medium_term'))).code).toBe('UNAVAILABLE');
	});
});
