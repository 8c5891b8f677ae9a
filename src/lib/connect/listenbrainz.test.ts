import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	startFakeListenBrainz,
	type FakeListenBrainz
} from '../../../tests/fakes/fake-listenbrainz.mjs';
import { ConnectError } from '$lib/errors/base';
import { buildJspf, PLAYLIST_EXTENSION } from './jspf';
import { createPlaylist, readTopArtists, topArtists, validateToken } from './listenbrainz';

const recorded = (name: string) =>
	readFileSync(`tests/unit/fixtures/api-real/listenbrainz/${name}`, 'utf8');
const answer = (status: number, text: string, headers: Record<string, string> = {}) => ({
	status,
	text,
	headers: new Headers(headers)
});
const TOKEN = 'a1b2c3d4-lb-token-of-ada-brainz';

async function failure(run: () => unknown): Promise<ConnectError> {
	try {
		await run();
	} catch (error) {
		if (error instanceof ConnectError) return error;
		throw error;
	}
	throw new Error('expected a ConnectError');
}

describe('ListenBrainz answers as recorded', () => {
	it('reads the top artists of a real statistics answer, adding up a name listed twice', () => {
		const artists = readTopArtists(
			answer(200, recorded('lb-stats-user-artists-Jasjeet-2024-08-10.json')),
			'Jasjeet'
		);
		expect(artists[0]).toEqual({ name: 'Karan Aujla', plays: 263 });
		// "Arjan Dhillon" comes twice (188 matched, 127 unmatched listens): one artist, 315 plays.
		expect(artists.filter((a) => a.name === 'Arjan Dhillon')).toEqual([
			{ name: 'Arjan Dhillon', plays: 315 }
		]);
		expect(artists).toHaveLength(24);
	});

	it('204 means not calculated yet; 404, 401 and 429 in the listener’s terms', async () => {
		const none = await failure(() => readTopArtists(answer(204, ''), 'new-brainz'));
		expect(none.code).toBe('NO_STATS');
		expect(none.extra.user).toBe('new-brainz');
		const unknown = await failure(() =>
			readTopArtists(answer(404, recorded('lb-error-404-cannot-find-user.json')), 'a')
		);
		expect(unknown.code).toBe('UNKNOWN_USER');
		expect(unknown.message).toBe('Cannot find user: a');
		const limited = await failure(() =>
			readTopArtists(
				answer(429, recorded('lb-error-429-rate-limit-pr1577.json'), {
					'X-RateLimit-Reset-In': '1'
				}),
				'a'
			)
		);
		expect(limited.code).toBe('RATE_LIMITED');
		expect(limited.extra.retryAfterSeconds).toBe(1);
		const down = await failure(() => readTopArtists(answer(502, '<html>Bad Gateway</html>'), 'a'));
		expect(down.code).toBe('UNAVAILABLE');
	});
});

describe('the main API, against the shared fake', () => {
	let lb: FakeListenBrainz;
	beforeAll(async () => {
		lb = await startFakeListenBrainz();
	});
	afterAll(() => lb.close());
	beforeEach(() => lb.reset());

	it('top artists for a range, with their listen counts', async () => {
		const all = await topArtists(lb.url, { user: 'ada-brainz', range: 'all_time' });
		expect(all[0]).toEqual({ name: 'Radiohead', plays: 3120 });
		const year = await topArtists(lb.url, { user: 'ada-brainz', range: 'this_year' });
		expect(year.map((a) => a.name)).toEqual(['Slowdive', 'Burial', 'Cocteau Twins']);
		expect(lb.requests().map((r) => r.path + r.search)).toEqual([
			'/1/stats/user/ada-brainz/artists?range=all_time&count=100',
			'/1/stats/user/ada-brainz/artists?range=this_year&count=100'
		]);
	});

	it('an unknown name, statistics not yet calculated, a rate limit with its wait, the service down', async () => {
		expect(
			(await failure(() => topArtists(lb.url, { user: 'nobody', range: 'all_time' }))).code
		).toBe('UNKNOWN_USER');
		expect(
			(await failure(() => topArtists(lb.url, { user: 'new-brainz', range: 'all_time' }))).code
		).toBe('NO_STATS');
		lb.setMode('429', 1);
		const limited = await failure(() =>
			topArtists(lb.url, { user: 'ada-brainz', range: 'all_time' })
		);
		expect(limited.extra.retryAfterSeconds).toBe(7);
		lb.setMode('503', 1);
		expect(
			(await failure(() => topArtists(lb.url, { user: 'ada-brainz', range: 'all_time' }))).code
		).toBe('UNAVAILABLE');
	});

	it('a token is checked before it is kept: whose it is, or refused', async () => {
		expect(await validateToken(lb.url, TOKEN)).toEqual({ user: 'ada-brainz' });
		expect((await failure(() => validateToken(lb.url, 'not-a-token'))).code).toBe('INVALID_TOKEN');
	});

	it('saves a private JSPF playlist of recordings to the token’s account', async () => {
		const jspf = buildJspf({
			title: 'Round 1',
			annotation: 'Five albums',
			date: new Date('2026-03-01T10:00:00Z'),
			recordings: [
				{
					mbid: '5ad8d5ba-6b2c-4e6a-8c5e-2f1cbd6d1b11',
					title: 'So What',
					artist: 'Miles Davis',
					album: 'Kind of Blue',
					lengthMs: 562000
				}
			]
		});
		expect(jspf.playlist.extension[PLAYLIST_EXTENSION]).toEqual({ public: false });
		expect(jspf.playlist.track[0].identifier).toBe(
			'https://musicbrainz.org/recording/5ad8d5ba-6b2c-4e6a-8c5e-2f1cbd6d1b11'
		);
		const made = await createPlaylist(lb.url, TOKEN, jspf);
		expect(made.url).toBe(`https://listenbrainz.org/playlist/${made.mbid}`);
		const sent = lb.requests().at(-1)!;
		expect(sent.authorization).toBe(`Token ${TOKEN}`);
		expect(JSON.parse(sent.body)).toEqual(jspf);

		const refused = await failure(() => createPlaylist(lb.url, 'wrong-token', jspf));
		expect(refused.code).toBe('INVALID_TOKEN');
		expect(refused.message).toBe('Invalid authorization token.');
	});
});
