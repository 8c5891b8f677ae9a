/**
 * Importer throughput against the bare parse of the same bytes (not a test).
 *
 *   npm run bench:import
 *
 * Generates, in memory, ~100 MB of Spotify extended streaming history (as ten
 * ~10 MB files, the way Spotify splits it, plus the same data as one file) and
 * a 1,000,000-row Last.fm CSV in lastfm.ghan.nl's layout. For each, times
 * `parseExport` and a bare pass over the same bytes (TextDecoder + JSON.parse,
 * or TextDecoder + papaparse), and prints MB/s and the ratio. Goal: ≤ 1.5×.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Papa from 'papaparse';
import { unzipSync, zipSync } from 'fflate';
import { parseExport } from '../src/lib/import/index';

const encoder = new TextEncoder();
const ARTISTS = Array.from(
	{ length: 5000 },
	(_, i) => `Artist ${i} ${i % 7 === 0 ? 'Björk' : 'Band'}`
);
/** Zipf-like: a few artists get most plays, as in real histories. */
const pickArtist = (r: number) => ARTISTS[Math.floor(ARTISTS.length * r * r * r)];

function rng(seed: number) {
	return () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function extendedRecord(i: number, r: () => number): string {
	const podcast = r() < 0.03;
	const t = new Date(Date.UTC(2015, 0, 1) + i * 173_000).toISOString().slice(0, 19) + 'Z';
	const name = (v: string) => (podcast ? 'null' : JSON.stringify(v));
	return JSON.stringify({
		ts: t,
		platform: 'android',
		ms_played: Math.floor(r() * 300_000),
		conn_country: 'GB',
		ip_addr: '192.0.2.1',
		master_metadata_track_name: null,
		master_metadata_album_artist_name: null,
		master_metadata_album_album_name: null,
		spotify_track_uri: podcast
			? null
			: `spotify:track:${(i * 7919).toString(36).padStart(22, '0')}`,
		episode_name: podcast ? 'Episode' : null,
		episode_show_name: podcast ? 'Show' : null,
		spotify_episode_uri: null,
		audiobook_title: null,
		audiobook_uri: null,
		audiobook_chapter_uri: null,
		audiobook_chapter_title: null,
		reason_start: 'trackdone',
		reason_end: 'trackdone',
		shuffle: r() < 0.5,
		skipped: false,
		offline: false,
		offline_timestamp: 1_600_000_000,
		incognito_mode: false
	})
		.replace(
			'"master_metadata_track_name":null',
			`"master_metadata_track_name":${name(`Track ${i % 997}`)}`
		)
		.replace(
			'"master_metadata_album_artist_name":null',
			`"master_metadata_album_artist_name":${name(pickArtist(r()))}`
		)
		.replace(
			'"master_metadata_album_album_name":null',
			`"master_metadata_album_album_name":${name('Album')}`
		);
}

function extendedFiles(totalBytes: number, perFile: number): Uint8Array[] {
	const r = rng(42);
	const files: Uint8Array[] = [];
	let i = 0;
	let written = 0;
	while (written < totalBytes) {
		const parts: string[] = [];
		let size = 2;
		while (size < perFile) {
			const rec = extendedRecord(i++, r);
			parts.push(rec);
			size += rec.length + 4;
		}
		const bytes = encoder.encode('[\n  ' + parts.join(',\n  ') + '\n]');
		files.push(bytes);
		written += bytes.length;
	}
	return files;
}

function ghanCsv(rows: number): Uint8Array {
	const r = rng(7);
	const mbid = '5b11f4ce-a62d-471e-81fc-a69a8278c7da';
	const lines = ['uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid'];
	for (let i = 0; i < rows; i++) {
		const uts = 1_700_000_000 - i * 180;
		lines.push(
			`"${uts}","31 Dec 2023, 21:38","${pickArtist(r())}","${mbid}","Album ${i % 311}","","Track ${i % 997}","${mbid}"`
		);
	}
	return encoder.encode(lines.join('\n') + '\n');
}

function time(fn: () => unknown): number {
	const start = performance.now();
	fn();
	return performance.now() - start;
}

async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
	const start = performance.now();
	await fn();
	return performance.now() - start;
}

// Collect garbage before each run so one run's 100 MB of strings isn't billed to the next.
setFlagsFromString('--expose-gc');
const gc: () => void = runInNewContext('gc');

/** Best of n runs, to keep GC pauses and JIT warm-up out of the comparison. */
async function best(n: number, fn: () => Promise<number>): Promise<number> {
	let min = Infinity;
	for (let i = 0; i < n; i++) {
		gc();
		min = Math.min(min, await fn());
	}
	return min;
}

interface Row {
	format: string;
	bytes: number;
	ms: number;
	bare: number;
}

const rows: Row[] = [];
const RUNS = 5;

const files = extendedFiles(100e6, 10.5e6);
const one = extendedFiles(100e6, 100e6)[0];
const extendedBytes = files.reduce((n, f) => n + f.length, 0);
rows.push({
	format: 'spotify-extended, 10 files',
	bytes: extendedBytes,
	ms: await best(RUNS, () =>
		timeAsync(async () => {
			for (const [i, f] of files.entries())
				await parseExport(`Streaming_History_Audio_${i}.json`, f);
		})
	),
	bare: await best(RUNS, async () =>
		time(() => {
			for (const f of files) JSON.parse(new TextDecoder().decode(f));
		})
	)
});
rows.push({
	format: 'spotify-extended, 1 file',
	bytes: one.length,
	ms: await best(RUNS, () => timeAsync(() => parseExport('Streaming_History_Audio_all.json', one))),
	bare: await best(RUNS, async () => time(() => JSON.parse(new TextDecoder().decode(one))))
});
const zip = zipSync(
	Object.fromEntries(
		files.map((f, i) => [`Spotify Extended Streaming History/Streaming_History_Audio_${i}.json`, f])
	),
	{ level: 6 }
);
rows.push({
	format: `spotify-extended, zip (${(zip.length / 1e6).toFixed(0)} MB)`,
	bytes: extendedBytes,
	ms: await best(RUNS, () => timeAsync(() => parseExport('my_spotify_data.zip', zip))),
	bare: await best(RUNS, async () =>
		time(() => {
			for (const f of Object.values(unzipSync(zip))) JSON.parse(new TextDecoder().decode(f));
		})
	)
});

const csv = ghanCsv(1_000_000);
rows.push({
	format: 'lastfm-ghan-csv, 1M rows',
	bytes: csv.length,
	ms: await best(RUNS, () =>
		timeAsync(() => parseExport('recenttracks-bench-1700000000.csv', csv))
	),
	bare: await best(RUNS, async () =>
		time(() => Papa.parse(new TextDecoder().decode(csv), { skipEmptyLines: true }))
	)
});

const pad = (s: string, n: number) => s.padEnd(n);
console.log(
	`${pad('format', 36)}${pad('MB', 8)}${pad('ms', 9)}${pad('MB/s', 8)}${pad('bare ms', 9)}ratio`
);
for (const r of rows) {
	const mb = r.bytes / 1e6;
	console.log(
		pad(r.format, 36) +
			pad(mb.toFixed(0), 8) +
			pad(r.ms.toFixed(0), 9) +
			pad((mb / (r.ms / 1000)).toFixed(0), 8) +
			pad(r.bare.toFixed(0), 9) +
			(r.ms / r.bare).toFixed(2) +
			'×'
	);
}
console.log(
	`\nbare = (unzipSync +) TextDecoder + JSON.parse, or TextDecoder + papaparse keeping all rows,` +
		` over the same bytes; best of ${RUNS}. Goal: ratio ≤ 1.5×.`
);
