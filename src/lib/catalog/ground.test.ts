import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import { CartographerDB } from '$lib/db/schema';
import { dexieCatalogCache } from '$lib/db/catalog-cache';
import { memoryCatalogCache } from './cache';
import { groundAlbums, type GroundOptions } from './ground';
import { RateLimiter, USER_AGENT } from './musicbrainz';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => mb.reset());

/** The app's real client, with musicbrainz.org swapped for the fake on 127.0.0.1. */
const viaFake: typeof fetch = (input, init) => {
	const url = input instanceof Request ? input.url : String(input);
	return fetch(url.replace('https://musicbrainz.org', mb.url), init);
};

/** Each test is its own client: a fresh 1 req/s budget, so tests don't queue behind each other. */
const opts = (more: GroundOptions = {}): GroundOptions => ({
	fetch: viaFake,
	limiter: new RateLimiter(),
	...more
});

const FIVE = [
	{ title: 'Velvet Underground and Nico', artist: 'The Velvet Underground' },
	{ title: 'Agaetis Byrjun', artist: 'Sigur Ros', year: '2001' },
	{ title: 'OK Computer (Collector’s Edition)', artist: 'Radiohead' },
	{ title: 'Moonlit Harbour Sessions', artist: 'Radiohead', year: '2003' },
	{ title: 'Blue', artist: 'Joni Mitchell' }
];

const gaps = () =>
	mb
		.requests()
		.map((r) => r.at)
		.slice(1)
		.map((at, i) => at - mb.requests()[i].at);

describe('groundAlbums against the fake MusicBrainz', () => {
	it('verifies real albums, drops invented ones, and keeps the input order', async () => {
		const results = await groundAlbums(FIVE, opts());
		expect(results.map((r) => [r.title, r.status])).toEqual([
			['Velvet Underground and Nico', 'verified'],
			['Agaetis Byrjun', 'verified'],
			['OK Computer (Collector’s Edition)', 'verified'],
			['Moonlit Harbour Sessions', 'not-found'],
			['Blue', 'verified']
		]);
		expect(results[0]).toMatchObject({
			matchedTitle: 'The Velvet Underground & Nico',
			matchedArtist: 'The Velvet Underground & Nico',
			year: '1967'
		});
		expect(results[3].mbid).toBeUndefined();
		expect(results[3].year).toBe('2003');
	});

	it("gives a verified album its MBID, cover URLs and the catalogue's year over the model's", async () => {
		const [sigurRos] = await groundAlbums([FIVE[1]], opts());
		expect(sigurRos.mbid).toMatch(/^[0-9a-f-]{36}$/);
		expect(sigurRos).toMatchObject({
			status: 'verified',
			year: '1999',
			firstReleaseYear: '1999',
			matchedTitle: 'Ágætis byrjun',
			coverUrl: `https://coverartarchive.org/release-group/${sigurRos.mbid}/front-250`,
			coverUrl500: `https://coverartarchive.org/release-group/${sigurRos.mbid}/front-500`
		});
	});

	it('tells apart the tricky ones: reissue vs original, single vs album, same title by two artists', async () => {
		const results = await groundAlbums(
			[
				{ title: 'OK Computer', artist: 'Radiohead' },
				{ title: 'OK Computer OKNOTOK 1997 2017', artist: 'Radiohead' },
				{ title: 'Heroes', artist: 'David Bowie' },
				{ title: 'Blue', artist: 'LeAnn Rimes' },
				{ title: 'Blue', artist: 'Joni Mitchell' },
				{ title: 'Blue', artist: 'Weezer' },
				{ title: 'Greatest Hits', artist: 'Queen' },
				{ title: 'Live at Leeds', artist: 'Who' }
			],
			opts()
		);
		expect(results.map((r) => [r.matchedTitle, r.year])).toEqual([
			['OK Computer', '1997'],
			['OK Computer OKNOTOK 1997 2017', '2017'],
			['“Heroes”', '1977'],
			['Blue', '1996'],
			['Blue', '1971'],
			[undefined, undefined],
			['Greatest Hits', '1981'],
			['Live at Leeds', '1970']
		]);
		expect(results[0].mbid).not.toBe(results[1].mbid);
		expect(results[3].mbid).not.toBe(results[4].mbid);
	});

	it('finds a collaboration credited "vs." when the curator writes "&" or "and"', async () => {
		const results = await groundAlbums(
			[
				{ title: 'Cult Assassin', artist: 'DJ Muggs & Ill Bill' },
				{ title: 'Cult Assassin', artist: 'DJ Muggs and Ill Bill' }
			],
			opts()
		);
		expect(results.map((r) => [r.status, r.matchedArtist])).toEqual([
			['verified', 'DJ Muggs vs. Ill Bill'],
			['verified', 'DJ Muggs vs. Ill Bill']
		]);
	});

	it('batches five albums into one request, identified by a descriptive User-Agent', async () => {
		await groundAlbums(FIVE, opts());
		const requests = mb.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query.match(/releasegroup:/g)).toHaveLength(5);
		expect(requests[0].userAgent).toBe(USER_AGENT);
	});

	it('escapes Lucene syntax in titles so the query stays valid', async () => {
		const results = await groundAlbums(
			[
				{ title: 'Songs "for" Drella?', artist: 'Lou Reed' },
				{ title: 'Back in Black', artist: 'AC/DC' }
			],
			opts()
		);
		expect(results[0]).toMatchObject({ status: 'verified', matchedArtist: 'Lou Reed / John Cale' });
		expect(results[1].status).toBe('not-found');
		expect(mb.requests()[0].query).toContain('releasegroup:"Songs \\"for\\" Drella\\?"');
		expect(mb.requests()[0].query).toContain('artist:"AC\\/DC"');
	});

	it('sends at most one request per second, even for concurrent callers', async () => {
		const limiter = new RateLimiter();
		await Promise.all([
			groundAlbums(FIVE.slice(0, 3), opts({ limiter, batchSize: 2 })),
			groundAlbums(FIVE.slice(3), opts({ limiter }))
		]);
		expect(mb.requests()).toHaveLength(3);
		for (const gap of gaps()) expect(gap).toBeGreaterThanOrEqual(1000);
	});

	it('backs off on 503 and succeeds on the retry', async () => {
		mb.setMode('503', 1);
		const results = await groundAlbums(FIVE, opts());
		expect(results.map((r) => r.status)).toContain('verified');
		expect(mb.requests()).toHaveLength(2);
		expect(gaps()[0]).toBeGreaterThanOrEqual(1000);
	});

	it("marks albums 'unverified' when MusicBrainz keeps answering 503", async () => {
		mb.setMode('503');
		const results = await groundAlbums(FIVE.slice(0, 2), opts({ retries: 1 }));
		expect(results.map((r) => [r.status, r.unverifiedReason])).toEqual([
			['unverified', 'unavailable'],
			['unverified', 'unavailable']
		]);
		expect(mb.requests()).toHaveLength(2);
	});

	it("marks albums 'unverified' when the connection drops, and stops asking", async () => {
		mb.setMode('down');
		const results = await groundAlbums(FIVE, opts({ batchSize: 2 }));
		expect(results.every((r) => r.status === 'unverified' && !r.mbid)).toBe(true);
		expect(mb.requests()).toHaveLength(1);
	});

	it("marks albums 'unverified' when fetch itself fails (offline), without throwing", async () => {
		const offline: typeof fetch = () => Promise.reject(new TypeError('fetch failed'));
		const results = await groundAlbums(FIVE, opts({ fetch: offline }));
		expect(results.map((r) => r.status)).toEqual(Array(5).fill('unverified'));
	});

	it("throws the caller's own abort rather than calling it network trouble", async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(groundAlbums(FIVE, opts({ signal: controller.signal }))).rejects.toThrow();
	});

	it('looks an album up once: a cache hit makes no request', async () => {
		const cache = memoryCatalogCache();
		await groundAlbums(FIVE, opts({ cache }));
		const again = await groundAlbums([FIVE[4], FIVE[3]], opts({ cache }));
		expect(again.map((r) => r.status)).toEqual(['verified', 'not-found']);
		expect(again[0].year).toBe('1971');
		expect(mb.requests()).toHaveLength(1);
	});

	it("does not cache 'unverified', so the album is checked again once MusicBrainz is back", async () => {
		const cache = memoryCatalogCache();
		mb.setMode('down', 1);
		expect((await groundAlbums([FIVE[4]], opts({ cache })))[0].status).toBe('unverified');
		expect(cache.size()).toBe(0);
		expect((await groundAlbums([FIVE[4]], opts({ cache })))[0].status).toBe('verified');
		expect(mb.requests()).toHaveLength(2);
	});

	it("re-checks a cached 'not-found' after its time to live", async () => {
		const cache = memoryCatalogCache();
		let now = Date.UTC(2025, 0, 1);
		const clock = { cache, now: () => now };
		await groundAlbums([FIVE[3]], opts(clock));
		now += 31 * 24 * 60 * 60 * 1000;
		await groundAlbums([FIVE[3]], opts(clock));
		expect(mb.requests()).toHaveLength(2);
	});

	it('stores answers in IndexedDB as { key, checkedAt, value } rows', async () => {
		const database = new CartographerDB(`catalog-test-${Date.now()}`);
		const cache = dexieCatalogCache(database);
		await groundAlbums(FIVE.slice(0, 2), opts({ cache, now: () => 42 }));
		const rows = await database.catalogCache.toArray();
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ checkedAt: 42, value: { status: 'verified', checkedAt: 42 } });
		await groundAlbums(FIVE.slice(0, 2), opts({ cache: dexieCatalogCache(database) }));
		expect(mb.requests()).toHaveLength(1);
		database.close();
	});

	it('remembers nothing unless a cache is passed in, even with IndexedDB at hand', async () => {
		// The default fetch and URL, as the app has them: only the network is swapped for the fake.
		const realFetch = globalThis.fetch;
		vi.stubGlobal('fetch', ((input, init) =>
			realFetch(
				String(input).replace('https://musicbrainz.org', mb.url),
				init
			)) satisfies typeof fetch);
		try {
			const plain = { limiter: new RateLimiter() };
			expect((await groundAlbums([FIVE[4]], plain))[0].status).toBe('verified');
			expect((await groundAlbums([FIVE[4]], plain))[0].status).toBe('verified');
		} finally {
			vi.unstubAllGlobals();
		}
		expect(mb.requests()).toHaveLength(2);
	});

	it('answers a repeated album twice from one lookup', async () => {
		const results = await groundAlbums([FIVE[4], FIVE[0], FIVE[4]], opts());
		expect(results.map((r) => r.status)).toEqual(['verified', 'verified', 'verified']);
		expect(mb.requests()[0].query.match(/releasegroup:/g)).toHaveLength(2);
	});

	it('asks again, one album at a time, for albums a full page may have pushed off', async () => {
		// A page of one result stands in for a batch whose matches overflow MusicBrainz's 100.
		const onePage: typeof fetch = (input, init) =>
			viaFake(String(input).replace('limit=100', 'limit=1'), init);
		const results = await groundAlbums(
			[
				{ title: 'OK Computer', artist: 'Radiohead' },
				{ title: 'Kid A', artist: 'Radiohead' },
				{ title: 'Blue', artist: 'Joni Mitchell' }
			],
			opts({ fetch: onePage })
		);
		expect(results.map((r) => [r.matchedTitle, r.status])).toEqual([
			['OK Computer', 'verified'],
			['Kid A', 'verified'],
			['Blue', 'verified']
		]);
		expect(mb.requests().map((r) => r.query.match(/releasegroup:/g)?.length)).toEqual([3, 1, 1]);
	});

	it('talks to a MusicBrainz at another base URL (the fake directly, no fetch injected)', async () => {
		const results = await groundAlbums([FIVE[2]], {
			baseUrl: mb.url,
			limiter: new RateLimiter()
		});
		expect(results[0].status).toBe('verified');
	});
});
