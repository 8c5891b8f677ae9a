#!/usr/bin/env node
/**
 * `npm run bench:stream`: how much sooner the listener sees albums when /recommend streams.
 *
 * Starts the shared fake OpenAI server writing at a fixed token rate (default 200 tokens/s,
 * about 4 characters a token, for streamed and plain answers alike) and the real function under
 * Deno, then asks /recommend for five albums (the fake writes eight candidates, as the prompt
 * asks for count + 3), sequentially, N times each way (default 10, after a warm-up):
 *  - streamed (`Accept: text/event-stream`): time to the first `album` event, to the fifth and
 *    to `done` (the whole answer);
 *  - JSON: time to the whole answer, the bare baseline.
 * Prints p50/p95 and the ratios first/whole and fifth/whole (against the streamed whole and the
 * JSON one).
 *   npm run bench:stream -- --n 20 --rate 50
 */
import { createHmac } from 'node:crypto';
import process from 'node:process';
import { startFakeOpenAI } from '../tests/fakes/fake-openai.mjs';
import { startFunctions } from './functions.mjs';

const arg = (name, fallback) => {
	const i = process.argv.indexOf(`--${name}`);
	return (i !== -1 && Number(process.argv[i + 1])) || fallback;
};
const N = arg('n', 10);
const RATE = arg('rate', 200);
const WARMUP = 2;
const SECRET = 'bench-secret-bench-secret-bench-secret!';

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function token(sub) {
	const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, aud: 'authenticated', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 })}`;
	return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}
const facet = { label: 'trip hop', explanation: 'x' };
const REQUEST = {
	portrait: {
		primaryGenres: [facet],
		geographicCenters: [facet],
		keyEras: [facet],
		noteworthyGaps: [facet],
		summary: 'x'
	},
	messages: [],
	direction: 'initial',
	exclude: [],
	count: 5
};

/** A new user every 50 requests, so the per-user rate limit (100/min) is not what is measured. */
let sent = 0;
function init(accept) {
	return {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept,
			authorization: `Bearer ${token(`bench-${Math.floor(sent++ / 50)}`)}`
		},
		body: JSON.stringify(REQUEST)
	};
}

/** Streamed: ms to the first album, the fifth, and done. */
async function streamed(url) {
	const t0 = performance.now();
	const res = await fetch(url, init('text/event-stream'));
	if (!res.ok) throw new Error(`${url} answered ${res.status}`);
	const at = { first: NaN, fifth: NaN, whole: NaN };
	let albums = 0;
	let buffer = '';
	for await (const text of res.body.pipeThrough(new TextDecoderStream())) {
		buffer += text;
		let end;
		while ((end = buffer.indexOf('\n\n')) !== -1) {
			const name = /^event: (.*)$/m.exec(buffer.slice(0, end))?.[1];
			buffer = buffer.slice(end + 2);
			const now = performance.now() - t0;
			if (name === 'album' && ++albums === 1) at.first = now;
			if (name === 'album' && albums === 5) at.fifth = now;
			if (name === 'done') at.whole = now;
			if (name === 'error') throw new Error('the stream ended in an error event');
		}
	}
	if (Number.isNaN(at.fifth) || Number.isNaN(at.whole)) throw new Error('fewer than five albums');
	return at;
}

async function json(url) {
	const t0 = performance.now();
	const res = await fetch(url, init('application/json'));
	const body = await res.json();
	if (!res.ok || body.albums?.length < 5) throw new Error(`${url} answered ${res.status}`);
	return { whole: performance.now() - t0 };
}

async function series(label, run) {
	for (let i = 0; i < WARMUP; i++) await run();
	const out = [];
	for (let i = 0; i < N; i++) out.push(await run());
	process.stderr.write(`  ${label}: ${N} done\n`);
	return out;
}

const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const fake = await startFakeOpenAI();
fake.setMode({ mode: 'ok', tokensPerSecond: RATE });
const fn = await startFunctions({
	port: 54000 + Math.floor(Math.random() * 900),
	quiet: true,
	env: {
		OPENAI_BASE_URL: fake.url,
		CURATOR_MODEL: 'fake-curator',
		CURATOR_JWT_SECRET: SECRET,
		CURATOR_TIMEOUT_MS: '120000',
		SUPABASE_URL: '',
		SUPABASE_DB_URL: ''
	}
});

try {
	process.stderr.write(`Benchmarking with N=${N} (+${WARMUP} warm-up) each, ${RATE} tokens/s…\n`);
	const sse = await series('streamed /recommend', () => streamed(`${fn.url}/recommend`));
	const plain = await series('JSON /recommend', () => json(`${fn.url}/recommend`));

	const col = (runs, key) => runs.map((r) => r[key]);
	const rows = [
		['streamed: first album', col(sse, 'first')],
		['streamed: fifth album', col(sse, 'fifth')],
		['streamed: whole answer', col(sse, 'whole')],
		['JSON: whole answer', col(plain, 'whole')]
	];
	const wholeSse = col(sse, 'whole');
	const wholeJson = col(plain, 'whole');
	const ratio = (xs, of, p) => `${(pct(xs, p) / pct(of, p)).toFixed(2)}`;
	const f = (x) => x.toFixed(1).padStart(9);
	console.log(`\n/recommend at ${RATE} tokens/s (N=${N}, sequential, ms)\n`);
	console.log(
		'| measure                | p50       | p95       | ÷ streamed whole p50/p95 | ÷ JSON whole p50/p95 |'
	);
	console.log(
		'|------------------------|-----------|-----------|--------------------------|----------------------|'
	);
	for (const [name, xs] of rows) {
		console.log(
			`| ${name.padEnd(22)} | ${f(pct(xs, 50))} | ${f(pct(xs, 95))} | ${`${ratio(xs, wholeSse, 50)} / ${ratio(xs, wholeSse, 95)}`.padEnd(24)} | ${`${ratio(xs, wholeJson, 50)} / ${ratio(xs, wholeJson, 95)}`.padEnd(20)} |`
		);
	}
} finally {
	await fn.stop();
	await fake.close();
}
