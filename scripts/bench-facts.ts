/**
 * Artist facts for 500 artists against the fake MusicBrainz (not a test).
 *
 *   npm run bench:facts
 *
 * 500 distinct names: real artists the fake knows, synthetic ones it is given for the run
 * (spread over countries and cities, so area walks happen), five names two artists share
 * (ambiguous) and names it doesn't know. Runs: cold cache, the same cache again (warm),
 * the same cache eight days on (unknown names are due again), and a bare baseline asking one
 * name per search with an empty cache.
 *
 * Requests here are not spaced (a limiter with no interval), so "wall" is the client's own
 * cost; "cache hits" are names answered without being asked of MusicBrainz. The column at
 * 1 request/s is computed, not measured: each request after the first waits the shared
 * limiter's 1.1 s, which dwarfs a request's own time, so it is (requests − 1) × 1.1 s + wall.
 */
import { startFakeMusicBrainz, type FakeArtistRow } from '../tests/fakes/fake-musicbrainz.mjs';
import {
	lookUpArtistFacts,
	memoryArtistFactsCache,
	type FactsOptions
} from '../src/lib/catalog/facts';
import { RateLimiter, sharedLimiter } from '../src/lib/catalog/musicbrainz';

const LATENCY_MS = 10;
const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.UTC(2026, 11, 1);

const REAL = [
	'Radiohead',
	'Sigur Rós',
	'Kate Bush',
	'Miles Davis',
	'Can',
	'Joy Division',
	'Björk',
	'Fela Kuti',
	'Caetano Veloso',
	'Leonard Cohen',
	'Bob Dylan',
	'The Velvet Underground',
	'Nico',
	'David Bowie',
	'Joni Mitchell',
	'Queen',
	'The Who',
	'Simon & Garfunkel',
	'Fleetwood Mac',
	'The Beatles',
	'The Beach Boys',
	'Lou Reed',
	'John Cale',
	'Talking Heads',
	'Kendrick Lamar',
	'Nas',
	'Portishead',
	'Aphex Twin',
	'Massive Attack',
	'My Bloody Valentine',
	'John Coltrane',
	'Herbie Hancock',
	'Kraftwerk',
	'Neu!',
	'Mulatu Astatke',
	'Tinariwen',
	'Os Mutantes',
	'Haruomi Hosono',
	'Boards of Canada',
	'Cocteau Twins',
	'Slowdive',
	'Burial',
	'Madvillain',
	'Nirvana'
];
const AREAS = [
	'United Kingdom',
	'United States',
	'Germany',
	'Brazil',
	'Japan',
	'London',
	'Salford',
	'Cologne',
	'Düsseldorf',
	'Reykjavík',
	'New York',
	'Brooklyn',
	'Bristol',
	'Montréal',
	'São Paulo',
	'Abeokuta',
	'Tokyo',
	'Dublin',
	'Detroit',
	'Liverpool',
	'Edinburgh',
	'Belfast'
];
const FIRST = [
	'Velvet',
	'Glass',
	'Paper',
	'Silver',
	'Hollow',
	'Amber',
	'Crimson',
	'Quiet',
	'Electric',
	'Northern',
	'Lunar',
	'Copper',
	'Violet',
	'Static',
	'Golden',
	'Distant',
	'Iron',
	'Pale',
	'Wild',
	'Sunken',
	'Broken',
	'Little'
];
const SECOND = [
	'Orchard',
	'Meridian',
	'Harbour',
	'Lanterns',
	'Cathedral',
	'Foxes',
	'Engines',
	'Tides',
	'Satellites',
	'Gardens',
	'Horses',
	'Mirrors',
	'Rivers',
	'Choir',
	'Canyon',
	'Signals',
	'Weather',
	'Comets',
	'Islands',
	'Ghosts',
	'Wolves'
];

const synthetic: string[] = [];
for (const a of FIRST) for (const b of SECOND) synthetic.push(`${a} ${b}`);
const AMBIGUOUS = synthetic.splice(0, 5);
const UNKNOWN = synthetic.splice(0, 15);
const KNOWN = synthetic.slice(0, 500 - REAL.length - AMBIGUOUS.length - UNKNOWN.length);

const rows: FakeArtistRow[] = [
	...KNOWN.map((name, i): FakeArtistRow => [
		name,
		i % 3 ? 'Group' : 'Person',
		AREAS[i % AREAS.length],
		null,
		String(1950 + (i % 70)),
		i % 4 ? null : String(1990 + (i % 30)),
		[['rock', 1 + (i % 9)]]
	]),
	...AMBIGUOUS.flatMap((name, i): FakeArtistRow[] => [
		[name, 'Group', AREAS[i], null, '1990', null, [], 'the first one'],
		[name, 'Group', AREAS[i + 1], null, '2001', null, [], 'the other one']
	])
];
const names = [...REAL, ...KNOWN, ...AMBIGUOUS, ...UNKNOWN];
if (new Set(names).size !== 500)
	throw new Error(`expected 500 distinct names, got ${new Set(names).size}`);

const fake = await startFakeMusicBrainz({ latencyMs: LATENCY_MS, artists: rows });

interface Row {
	name: string;
	requests: number;
	ms: number;
	atOnePerSecond: number;
	searches: number;
	counts: Record<string, number>;
	/** Names answered without being asked of MusicBrainz. */
	cacheHits: number;
}
const results: Row[] = [];

async function run(name: string, opts: Partial<FactsOptions> & Pick<FactsOptions, 'cache'>) {
	fake.reset();
	const start = performance.now();
	const facts = await lookUpArtistFacts(names, {
		baseUrl: fake.url,
		limiter: new RateLimiter(0),
		now: () => T0,
		...opts
	});
	const ms = performance.now() - start;
	const requests = fake.requests().length;
	const counts: Record<string, number> = { known: 0, unknown: 0, ambiguous: 0, unchecked: 0 };
	for (const f of facts) counts[f.status]++;
	const searches = fake.requests().filter((r) => r.path === '/ws/2/artist');
	const asked = searches.reduce((n, r) => n + (r.query.match(/artist:/g)?.length ?? 0), 0);
	const row: Row = {
		name,
		requests,
		searches: searches.length,
		cacheHits: names.length - asked,
		ms,
		atOnePerSecond: Math.max(0, requests - 1) * (sharedLimiter.intervalMs / 1000) + ms / 1000,
		counts
	};
	results.push(row);
}

const cache = memoryArtistFactsCache();
await run('cold cache', { cache });
await run('warm cache (same cache again)', { cache });
await run('8 days later (unknown names due)', { cache, now: () => T0 + 8 * DAY });
await run('baseline: 1 name per search, cold cache', {
	cache: memoryArtistFactsCache(),
	batchSize: 1
});
await fake.close();

const pad = (s: string | number, n: number) => String(s).padEnd(n);
console.log(
	pad('run (500 distinct artists)', 40) +
		pad('requests (searches)', 21) +
		pad('wall ms', 9) +
		pad('at 1 req/s', 12) +
		pad('known/unknown/ambiguous/unchecked', 35) +
		'cache hits'
);
for (const r of results) {
	const c = r.counts;
	console.log(
		pad(r.name, 40) +
			pad(`${r.requests} (${r.searches})`, 21) +
			pad(r.ms.toFixed(0), 9) +
			pad(`${r.atOnePerSecond.toFixed(1)} s`, 12) +
			pad(`${c.known}/${c.unknown}/${c.ambiguous}/${c.unchecked}`, 35) +
			`${((100 * r.cacheHits) / names.length).toFixed(0)}%`
	);
}
const [cold, , , baseline] = results;
console.log(
	`\nBatched cold run vs the baseline: ${(baseline.requests / cold.requests).toFixed(1)}× fewer requests, ` +
		`${(baseline.atOnePerSecond / cold.atOnePerSecond).toFixed(1)}× less time at 1 req/s ` +
		`(${(cold.atOnePerSecond / 60).toFixed(1)} min vs ${(baseline.atOnePerSecond / 60).toFixed(1)} min).` +
		`\nFake MusicBrainz ${LATENCY_MS} ms away; "at 1 req/s" = (requests − 1) × ${sharedLimiter.intervalMs / 1000} s + wall.`
);
