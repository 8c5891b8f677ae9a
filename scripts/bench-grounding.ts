/**
 * Grounding latency against a fake MusicBrainz 300 ms away (not a test).
 *
 *   npm run bench:grounding
 *
 * Times, from "recommendations received" to "all five grounded", with a cold
 * cache and a fresh 1 req/s budget each run: groundAlbums for five albums,
 * groundRecommendations for eight candidates of which one is invented, and a
 * warm-cache run. Each is compared with a bare single request (fetch + JSON)
 * for the same five albums to the same fake. The last row shows what the same
 * five would cost one request per album at MusicBrainz's 1 req/s — why we batch.
 * Goal: ≤ 1.5 s for five albums.
 */
import { startFakeMusicBrainz } from '../tests/fakes/fake-musicbrainz.mjs';
import { groundAlbums, groundRecommendations, memoryCatalogCache } from '../src/lib/catalog/index';
import { RateLimiter, batchQuery, USER_AGENT } from '../src/lib/catalog/musicbrainz';

const LATENCY_MS = 300;
const RUNS = 5;
const GOAL_MS = 1500;

const FIVE = [
	{ title: 'The Velvet Underground & Nico', artist: 'The Velvet Underground' },
	{ title: 'Agaetis Byrjun', artist: 'Sigur Ros' },
	{ title: 'OK Computer (Collector’s Edition)', artist: 'Radiohead' },
	{ title: 'Hounds of Love', artist: 'Kate Bush' },
	{ title: 'Blue', artist: 'Joni Mitchell' }
];
const EIGHT = [
	FIVE[0],
	{ title: 'Glass Orchard', artist: 'Portishead' },
	...FIVE.slice(1),
	{ title: 'Dummy', artist: 'Portishead' },
	{ title: 'Loveless', artist: 'My Bloody Valentine' }
];

const fake = await startFakeMusicBrainz({ latencyMs: LATENCY_MS });
const base = { baseUrl: fake.url };

async function timed(run: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await run();
	return performance.now() - start;
}

async function median(runs: number, run: () => Promise<unknown>): Promise<number> {
	const times: number[] = [];
	for (let i = 0; i < runs; i++) times.push(await timed(run));
	return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function check<T extends { status: string }>(results: T[], expected: number): T[] {
	const verified = results.filter((r) => r.status === 'verified').length;
	if (verified !== expected) throw new Error(`expected ${expected} verified, got ${verified}`);
	return results;
}

const bareUrl = new URL('/ws/2/release-group', fake.url);
bareUrl.searchParams.set('query', batchQuery(FIVE));
bareUrl.searchParams.set('fmt', 'json');
bareUrl.searchParams.set('limit', '100');
const bare = await median(RUNS, async () =>
	(await fetch(bareUrl, { headers: { 'User-Agent': USER_AGENT } })).json()
);

const rows: { name: string; ms: number; requests: number }[] = [];
async function row(name: string, runs: number, run: () => Promise<unknown>) {
	fake.reset();
	const ms = await median(runs, run);
	rows.push({ name, ms, requests: fake.requests().length / runs });
}

await row('groundAlbums, 5 albums, cold cache', RUNS, async () =>
	check(await groundAlbums(FIVE, { ...base, limiter: new RateLimiter() }), 5)
);
await row('groundRecommendations, 8 candidates, 1 invented', RUNS, async () => {
	const { kept } = await groundRecommendations(EIGHT, { ...base, limiter: new RateLimiter() });
	check(kept, 5);
});
const warm = memoryCatalogCache();
await groundAlbums(FIVE, { ...base, cache: warm, limiter: new RateLimiter() });
await row('groundAlbums, 5 albums, warm cache', RUNS, async () =>
	check(await groundAlbums(FIVE, { ...base, cache: warm, limiter: new RateLimiter() }), 5)
);
await row('unbatched: 1 request per album at 1 req/s', 1, async () =>
	check(await groundAlbums(FIVE, { ...base, batchSize: 1, limiter: new RateLimiter() }), 5)
);
await fake.close();

const pad = (s: string, n: number) => s.padEnd(n);
console.log(`${pad('case', 52)}${pad('ms', 8)}${pad('requests', 10)}ratio to bare`);
console.log(
	`${pad('bare single request, same 5-album query', 52)}${pad(bare.toFixed(0), 8)}${pad('1', 10)}1.00×`
);
for (const r of rows) {
	console.log(
		pad(r.name, 52) +
			pad(r.ms.toFixed(0), 8) +
			pad(String(r.requests), 10) +
			`${(r.ms / bare).toFixed(2)}×`
	);
}
const five = rows[0].ms;
console.log(
	`\nFake MusicBrainz latency ${LATENCY_MS} ms per request; median of ${RUNS} runs (unbatched: 1 run).` +
		`\nGoal: five albums grounded in ≤ ${GOAL_MS} ms — ${five <= GOAL_MS ? 'met' : 'MISSED'} (${five.toFixed(0)} ms).`
);
