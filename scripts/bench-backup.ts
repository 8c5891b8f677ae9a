/**
 * Backup export and import of 5,000 generated journeys against a bare JSON.stringify /
 * JSON.parse of the same data (not a test).
 *
 *   npm run bench:backup            (BENCH_JOURNEYS=1000 for a quicker run)
 *
 * Runs in Node on Dexie over fake-indexeddb (Chromium would need a build and a page per
 * run; the backup code is the same). Each journey has realistic sizes: a portrait, 8
 * messages, 5 recommended albums with grounding, 5 feedback rows with field clocks and an
 * analysis. Measured:
 * - time: the whole export (read every journey, write the file's text) and the whole import
 *   (read and check the file, merge into an empty device with outbox entries);
 * - peak memory: the highest heap in use during the run, above what was in use before it;
 * - longest task: the longest stretch the event loop was blocked (perf_hooks'
 *   monitorEventLoopDelay, 1 ms resolution) — what would freeze a page. The bare baseline
 *   is one synchronous call, so its longest task is its whole time.
 * fake-indexeddb is far slower than a browser's IndexedDB, so the time ratios are upper
 * bounds; the longest-task ratio is the figure this design is for.
 */
import 'fake-indexeddb/auto';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { CartographerDB, useDatabase } from '../src/lib/db/schema';
import { exportBackup } from '../src/lib/backup/export';
import { importBackup, readBackup } from '../src/lib/backup/import';
import type { BackupJourney } from '../src/lib/backup/format';
import { JOURNEY_PARTS } from '../src/lib/db/tables';

const N = Number(process.env.BENCH_JOURNEYS ?? 5000);
const uuid = () => crypto.randomUUID();
const words = (n: number, seed: number) =>
	Array.from(
		{ length: n },
		(_, i) => ['deep', 'warm', 'strange', 'slow', 'bright', 'dub', 'modal', 'tape'][(seed + i) % 8]
	).join(' ');

function journey(i: number): BackupJourney {
	const t = 1.7e12 + i * 60_000;
	const id = uuid();
	const conv = uuid();
	const set = uuid();
	const node = 'benchnode0000000';
	const clock = `${t + 10}:0000:${node}`;
	const albums = Array.from({ length: 5 }, (_, k) => ({
		title: `Album ${i}-${k}`,
		artist: `Artist ${(i * 5 + k) % 997}`,
		year: String(1960 + ((i + k) % 60)),
		reason: words(40, i + k),
		genres: ['jazz', 'ambient', 'krautrock'],
		key: `1-${k}`,
		status: 'verified' as const,
		mbid: uuid(),
		coverUrl: `https://coverartarchive.org/release-group/${uuid()}/front-250`,
		coverUrl500: `https://coverartarchive.org/release-group/${uuid()}/front-500`
	}));
	return {
		journey: {
			id,
			createdAt: t,
			updatedAt: t + 20,
			artists: Array.from({ length: 12 }, (_, k) => ({
				name: `Artist ${(i + k) % 997}`,
				plays: 100 - k
			})),
			source: 'typed',
			portraitId: `${id.slice(0, 35)}0`,
			round: 1
		},
		portraits: [
			{
				id: `${id.slice(0, 35)}0`,
				journeyId: id,
				createdAt: t,
				artists: [{ name: 'Radiohead' }],
				source: 'typed',
				result: {
					primaryGenres: [0, 1, 2, 3].map((k) => ({
						label: `Genre ${k}`,
						explanation: words(20, k)
					})),
					geographicCenters: [0, 1, 2].map((k) => ({
						label: `Place ${k}`,
						explanation: words(20, k)
					})),
					keyEras: [0, 1, 2].map((k) => ({
						label: `${1970 + k * 10}s`,
						explanation: words(20, k)
					})),
					noteworthyGaps: [0, 1].map((k) => ({ label: `Gap ${k}`, explanation: words(25, k) })),
					summary: words(60, i)
				}
			}
		],
		conversations: [
			{
				id: conv,
				journeyId: id,
				round: 1,
				direction: 'initial',
				createdAt: t,
				updatedAt: t + 5,
				complete: true
			}
		],
		messages: Array.from({ length: 8 }, (_, k) => ({
			id: uuid(),
			conversationId: conv,
			journeyId: id,
			seq: k + 1,
			role: k % 2 ? ('user' as const) : ('assistant' as const),
			content: words(k % 2 ? 25 : 50, i + k),
			...(k % 2 ? {} : { questionNumber: k / 2 + 1 }),
			createdAt: t + k
		})),
		recommendationSets: [
			{ id: set, journeyId: id, conversationId: conv, round: 1, batch: 1, createdAt: t + 9, albums }
		],
		albumFeedback: albums.map((a, k) => ({
			id: uuid(),
			journeyId: id,
			setId: set,
			albumKey: a.key,
			round: 1,
			title: a.title,
			artist: a.artist,
			year: a.year,
			listened: true,
			rating: ((k % 5) + 1) as 1 | 2 | 3 | 4 | 5,
			rationale: words(15, k),
			resonantElement: words(6, k),
			createdAt: t + 10,
			updatedAt: t + 10,
			fieldClocks: Object.fromEntries(
				[
					'journey_id',
					'set_id',
					'album_key',
					'round',
					'title',
					'artist',
					'year',
					'created_at',
					'listened',
					'rating',
					'rationale',
					'resonant_element'
				].map((c) => [c, clock])
			)
		})),
		analyses: [
			{
				id: uuid(),
				journeyId: id,
				conversationId: conv,
				round: 1,
				createdAt: t + 20,
				averageRating: 3,
				ratedCount: 5,
				topAlbums: albums.slice(0, 3).map((a) => ({ title: a.title, artist: a.artist, rating: 5 })),
				result: { reinforcedThemes: words(40, i), strategicPivot: words(40, i + 1) }
			}
		]
	};
}

interface Run {
	ms: number;
	peakMb: number;
	longestMs: number;
}

/** Times `fn`, sampling the heap and the event loop's longest block meanwhile. */
async function measure(fn: () => Promise<unknown> | unknown): Promise<Run> {
	const base = process.memoryUsage().heapUsed;
	let peak = base;
	const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 5);
	const loop = monitorEventLoopDelay({ resolution: 1 });
	loop.enable();
	const start = performance.now();
	await fn();
	const ms = performance.now() - start;
	peak = Math.max(peak, process.memoryUsage().heapUsed);
	loop.disable();
	clearInterval(sample);
	const blocked = loop.max / 1e6;
	return { ms, peakMb: (peak - base) / 1048576, longestMs: Math.min(ms, blocked) };
}

/** A synchronous baseline: one call, one task. */
function measureSync(fn: () => unknown): Run {
	const base = process.memoryUsage().heapUsed;
	const start = performance.now();
	const out = fn();
	const ms = performance.now() - start;
	const peak = process.memoryUsage().heapUsed;
	void out;
	return { ms, peakMb: (peak - base) / 1048576, longestMs: ms };
}

async function main() {
	const source = new CartographerDB(`bench-${uuid()}`);
	useDatabase(source);
	const journeys = Array.from({ length: N }, (_, i) => journey(i));
	for (let i = 0; i < N; i += 500) {
		const chunk = journeys.slice(i, i + 500);
		await source.transaction('rw', source.tables, async () => {
			await source.journeys.bulkPut(chunk.map((j) => j.journey));
			for (const t of JOURNEY_PARTS) {
				await source.table(t).bulkPut(chunk.flatMap((j): unknown[] => j[t]));
			}
		});
	}

	// The app hands the parts to a Blob; joining them is only for the import below.
	let parts: string[] = [];
	const exp = await measure(async () => {
		parts = await exportBackup({ appVersion: 'bench' }, source);
	});
	const text = parts.join('');
	parts = [];
	const data = { journeys, imports: [], deleted: [] };
	const stringify = measureSync(() => JSON.stringify(data));

	const target = new CartographerDB(`bench-${uuid()}`);
	useDatabase(target);
	let added = 0;
	const imp = await measure(async () => {
		const backup = await readBackup('bench.json', text);
		added = (await importBackup(backup, undefined, target)).added;
	});
	if (added !== N) throw new Error(`imported ${added} of ${N} journeys`);
	const parse = measureSync(() => JSON.parse(text));

	const mb = (text.length / 1048576).toFixed(1);
	const row = (name: string, ours: Run, bare: Run, bareName: string) => ({
		step: name,
		'time s': (ours.ms / 1000).toFixed(2),
		[`time ×`]: (ours.ms / bare.ms).toFixed(1),
		'peak heap MB': ours.peakMb.toFixed(0),
		'heap ×': (ours.peakMb / Math.max(bare.peakMb, 0.1)).toFixed(1),
		'longest task ms': ours.longestMs.toFixed(0),
		'task ×': (ours.longestMs / bare.longestMs).toFixed(2),
		baseline: `${bareName}: ${bare.ms.toFixed(0)} ms, ${bare.peakMb.toFixed(0)} MB`
	});
	console.log(`\n${N} journeys, backup file ${mb} MB (Node, Dexie on fake-indexeddb)\n`);
	console.table([
		row('export', exp, stringify, 'JSON.stringify'),
		row('import (empty device)', imp, parse, 'JSON.parse')
	]);
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
