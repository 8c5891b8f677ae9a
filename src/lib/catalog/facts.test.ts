import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import dylanSearch from '../../../tests/unit/fixtures/mb-real/hqub-artist-search-2025-10-07.json';
import gallagherSearch from '../../../tests/unit/fixtures/mb-real/hm-artist-search-2021-03-22.json';
import cohenSearch from '../../../tests/unit/fixtures/mb-real/gb-artist-search-leonard-cohen-2021-04-15.json';
import {
	lookUpArtistFacts,
	memoryArtistFactsCache,
	type ArtistFactsCache,
	type FactsOptions
} from './facts';
import { RateLimiter, USER_AGENT } from './musicbrainz';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => mb.reset());

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 1);

/** Each test is its own client with its own cache; the interval is short so tests stay quick. */
const opts = (more: Partial<FactsOptions> = {}): FactsOptions => ({
	cache: memoryArtistFactsCache(),
	baseUrl: mb.url,
	limiter: new RateLimiter(0),
	backoffMs: 1,
	now: () => T0,
	...more
});

const paths = () => mb.requests().map((r) => r.path);

describe('lookUpArtistFacts against the fake MusicBrainz', () => {
	it('gives MBID, type, country, years and tags, for several artists in one search', async () => {
		const facts = await lookUpArtistFacts(
			['Radiohead', 'bjork', 'Miles Davis', 'Fela Kuti'],
			opts()
		);
		expect(facts.map((f) => [f.name, f.status, f.matchedName, f.country])).toEqual([
			['Radiohead', 'known', 'Radiohead', 'GB'],
			['bjork', 'known', 'Björk', 'IS'],
			['Miles Davis', 'known', 'Miles Davis', 'US'],
			['Fela Kuti', 'known', 'Fela Kuti', 'NG']
		]);
		expect(facts[2]).toMatchObject({
			type: 'Person',
			area: { name: 'United States', type: 'Country' },
			beginArea: { name: 'Alton', type: 'City' },
			countryFrom: 'area',
			beginYear: 1926,
			endYear: 1991
		});
		expect(facts[2].mbid).toMatch(/^[0-9a-f-]{36}$/);
		expect(facts[0].tags.slice(0, 2)).toEqual([
			{ name: 'alternative rock', count: 25 },
			{ name: 'rock', count: 20 }
		]);
		expect(facts[0].endYear).toBeUndefined();
		const requests = mb.requests();
		expect(requests).toHaveLength(1);
		expect(requests[0].query.match(/artist:/g)).toHaveLength(4);
		expect(requests[0].userAgent).toBe(USER_AGENT);
	});

	it('walks a city up to its country: Salford → Greater Manchester → England (GB-ENG)', async () => {
		const [joyDivision, can] = await lookUpArtistFacts(['Joy Division', 'Can'], opts());
		expect(joyDivision).toMatchObject({
			status: 'known',
			area: { name: 'Salford', type: 'City' },
			country: 'GB',
			countryFrom: 'area',
			beginYear: 1976,
			endYear: 1980
		});
		expect(can).toMatchObject({ status: 'known', area: { name: 'Cologne' }, country: 'DE' });
		// One search, three areas for Joy Division, two for Can (North Rhine-Westphalia is DE-NW).
		expect(paths().filter((p) => p.startsWith('/ws/2/area/'))).toHaveLength(5);
	});

	it('marks a name with two artists, or only longer names, as ambiguous, and a missing one unknown', async () => {
		const facts = await lookUpArtistFacts(['Nirvana', 'Sigur', 'Moonlit Harbour', 'Bush'], opts());
		expect(facts.map((f) => f.status)).toEqual(['ambiguous', 'ambiguous', 'unknown', 'known']);
		expect(facts[0].country).toBeUndefined();
		expect(facts[0].candidates).toEqual([
			expect.objectContaining({
				name: 'Nirvana',
				disambiguation: '90s US grunge band',
				country: 'US'
			}),
			expect.objectContaining({
				name: 'Nirvana',
				disambiguation: '60s band from the UK',
				country: 'GB'
			})
		]);
		expect(facts[1].candidates?.map((c) => c.name)).toEqual(['Sigur Rós']);
		// "Bush" is the band, not Kate Bush, whose name merely contains it.
		expect(facts[3]).toMatchObject({ matchedName: 'Bush', disambiguation: 'UK rock band' });
	});

	it('gives fewer facts, never an error, for artists MusicBrainz knows little about', async () => {
		const [madvillain, burial, marvin] = await lookUpArtistFacts(
			['Madvillain', 'Burial', 'Marvin Gaye'],
			opts()
		);
		expect(madvillain).toMatchObject({ status: 'known', beginYear: 2002, tags: [] });
		expect(madvillain.area).toBeUndefined();
		expect(madvillain.country).toBeUndefined();
		expect(burial).toMatchObject({ status: 'known', country: 'GB' });
		expect(burial.beginYear).toBeUndefined();
		expect(marvin).toMatchObject({ status: 'known', country: 'US' });
		expect(marvin.beginArea).toBeUndefined();
		expect(paths()).toEqual(['/ws/2/artist']);
	});

	it('answers repeats and respellings once each, in the order asked', async () => {
		const facts = await lookUpArtistFacts(
			['The Beatles', 'Beatles', 'Kate Bush', 'the beatles'],
			opts()
		);
		expect(facts.map((f) => [f.name, f.matchedName])).toEqual([
			['The Beatles', 'The Beatles'],
			['Beatles', 'The Beatles'],
			['Kate Bush', 'Kate Bush'],
			['the beatles', 'The Beatles']
		]);
		expect(mb.requests()[0].query.match(/artist:/g)).toHaveLength(2);
	});

	it('finds "&" artists written with "and"', async () => {
		const facts = await lookUpArtistFacts(
			['Bob Marley and the Wailers', 'Simon and Garfunkel'],
			opts()
		);
		expect(facts.map((f) => [f.status, f.matchedName, f.country])).toEqual([
			['known', 'Bob Marley & The Wailers', 'JM'],
			['known', 'Simon & Garfunkel', 'US']
		]);
	});
});

describe('the facts cache', () => {
	it('asks nothing the second time, and nothing for areas already walked', async () => {
		const cache = memoryArtistFactsCache();
		const first = await lookUpArtistFacts(
			['Joy Division', 'Radiohead', 'Nirvana'],
			opts({ cache })
		);
		const before = mb.requests().length;
		const second = await lookUpArtistFacts(
			['Joy Division', 'Radiohead', 'Nirvana'],
			opts({ cache })
		);
		expect(mb.requests()).toHaveLength(before);
		expect(second).toEqual(first);

		// A month on, the artist is looked up again but its areas are still known.
		mb.reset();
		const later = await lookUpArtistFacts(
			['Joy Division'],
			opts({ cache, now: () => T0 + 31 * DAY })
		);
		expect(later[0]).toMatchObject({ status: 'known', country: 'GB' });
		expect(paths()).toEqual(['/ws/2/artist']);
	});

	it('checks an unknown artist again after a week, a known one only after a month', async () => {
		const cache = memoryArtistFactsCache();
		await lookUpArtistFacts(['Moonlit Harbour', 'Radiohead'], opts({ cache }));
		mb.reset();
		await lookUpArtistFacts(
			['Moonlit Harbour', 'Radiohead'],
			opts({ cache, now: () => T0 + 8 * DAY })
		);
		expect(mb.requests()).toHaveLength(1);
		expect(mb.requests()[0].query).toBe('artist:"Moonlit Harbour"');
	});

	it('takes any store with get and set', async () => {
		const store = new Map<string, unknown>();
		const cache: ArtistFactsCache = {
			get: async (key) => structuredClone(store.get(key)) as never,
			set: async (key, value) => void store.set(key, structuredClone(value))
		};
		await lookUpArtistFacts(['Can'], opts({ cache }));
		expect([...store.keys()].filter((k) => k.startsWith('artist:'))).toEqual(['artist:can']);
		expect([...store.keys()].filter((k) => k.startsWith('area:'))).toHaveLength(2);
	});
});

describe('when MusicBrainz struggles', () => {
	it('waits out a 503 and still answers', async () => {
		mb.setMode('503', 1);
		const [facts] = await lookUpArtistFacts(['Kate Bush'], opts());
		expect(facts).toMatchObject({ status: 'known', country: 'GB' });
		expect(mb.requests()).toHaveLength(2);
	});

	it('marks artists unchecked when MusicBrainz is down, caches nothing, and asks again later', async () => {
		const cache = memoryArtistFactsCache();
		mb.setMode('down');
		const facts = await lookUpArtistFacts(['Kate Bush', 'Can'], opts({ cache, retries: 0 }));
		expect(facts.map((f) => [f.status, f.unverifiedReason])).toEqual([
			['unchecked', 'unavailable'],
			['unchecked', 'unavailable']
		]);
		expect(cache.size()).toBe(0);
		mb.setMode('ok');
		const again = await lookUpArtistFacts(['Kate Bush', 'Can'], opts({ cache }));
		expect(again.map((f) => f.status)).toEqual(['known', 'known']);
	});

	it('keeps an artist whose area walk failed, without a country, and not cached', async () => {
		const cache = memoryArtistFactsCache();
		// The search answers; every area lookup after it fails.
		const failAreas: typeof fetch = (input, init) =>
			String(input).includes('/ws/2/area/')
				? Promise.reject(new TypeError('fetch failed'))
				: fetch(input, init);
		const [joy, radiohead] = await lookUpArtistFacts(
			['Joy Division', 'Radiohead'],
			opts({ cache, fetch: failAreas })
		);
		expect(joy).toMatchObject({ status: 'known', area: { name: 'Salford' } });
		expect(joy.country).toBeUndefined();
		expect(radiohead).toMatchObject({ status: 'known', country: 'GB' });
		expect(await cache.get('artist:joy division')).toBeUndefined();
		expect(await cache.get('artist:radiohead')).toBeDefined();
	});

	it('gives the old facts when they are due again but MusicBrainz is down', async () => {
		const cache = memoryArtistFactsCache();
		await lookUpArtistFacts(['Radiohead'], opts({ cache }));
		mb.setMode('down');
		const [facts] = await lookUpArtistFacts(
			['Radiohead'],
			opts({ cache, retries: 0, now: () => T0 + 40 * DAY })
		);
		expect(facts).toMatchObject({ status: 'known', country: 'GB', checkedAt: T0 });
	});

	it('stops when the listener cancels', async () => {
		const controller = new AbortController();
		controller.abort();
		await expect(
			lookUpArtistFacts(['Radiohead'], opts({ signal: controller.signal }))
		).rejects.toMatchObject({ name: 'AbortError' });
		expect(mb.requests()).toHaveLength(0);
	});
});

describe('batching', () => {
	it('asks 60 names in three searches and reports progress up to the total', async () => {
		const names = Array.from({ length: 60 }, (_, i) => `Nobody Here ${i}`);
		const seen: number[] = [];
		const facts = await lookUpArtistFacts(names, opts({ onProgress: (p) => seen.push(p.done) }));
		expect(facts.every((f) => f.status === 'unknown')).toBe(true);
		expect(mb.requests()).toHaveLength(3);
		expect(seen.at(-1)).toBe(60);
		expect(seen).toEqual([...seen].sort((a, b) => a - b));
	});

	it('asks again, in halves, for the names a full page left out, and only those', async () => {
		// 101 artists called John Smith fill the page before Radiohead's hit.
		const crowded = await startFakeMusicBrainz({
			artists: Array.from({ length: 101 }, (_, i) => [
				'John Smith',
				'Person',
				'United States',
				null,
				null,
				null,
				[],
				`John Smith no. ${i}`
			])
		});
		try {
			const facts = await lookUpArtistFacts(
				['John Smith', 'Radiohead', 'Sigur Rós', 'Kate Bush'],
				opts({ baseUrl: crowded.url })
			);
			expect(facts.map((f) => f.status)).toEqual(['ambiguous', 'known', 'known', 'known']);
			expect(crowded.requests().map((r) => r.query)).toEqual([
				'artist:"John Smith" OR artist:"Radiohead" OR artist:"Sigur Rós" OR artist:"Kate Bush"',
				'artist:"Radiohead" OR artist:"Sigur Rós"',
				'artist:"Kate Bush"'
			]);
		} finally {
			await crowded.close();
		}
	});
});

describe('answers recorded from the live MusicBrainz', () => {
	const recorded =
		(body: unknown): typeof fetch =>
		async () =>
			new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
	const live = (body: unknown) => opts({ fetch: recorded(body) });

	it('reads Bob Dylan: US, Person, born 1941, his most voted tags, no junk tags', async () => {
		const [dylan] = await lookUpArtistFacts(['Bob Dylan'], live(dylanSearch));
		expect(dylan).toMatchObject({
			status: 'known',
			mbid: '72c536dc-7137-4477-a521-567eeb840fa8',
			type: 'Person',
			country: 'US',
			area: { name: 'United States' },
			beginArea: { name: 'Duluth' },
			beginYear: 1941
		});
		expect(dylan.tags[0]).toEqual({ name: 'folk rock', count: 12 });
		expect(dylan.tags.every((t) => t.count > 0)).toBe(true);
	});

	it('reads Leonard Cohen with his end year', async () => {
		const [cohen] = await lookUpArtistFacts(['Leonard Cohen'], live(cohenSearch));
		expect(cohen).toMatchObject({ status: 'known', country: 'CA', beginYear: 1934, endYear: 2016 });
	});

	it('does not take Rory Gallagher, the top hit, for "Gallagher"', async () => {
		const [gallagher] = await lookUpArtistFacts(['Gallagher'], live(gallagherSearch));
		expect(gallagher.status).toBe('ambiguous');
		expect(gallagher.candidates?.[0].name).toBe('Rory Gallagher');
	});
});
