#!/usr/bin/env node
/**
 * `npm run bench:curator`: what the curator function adds on top of its model.
 *
 * Starts the shared fake OpenAI server (zero delay) and the real function under Deno, then
 * sends the same work both ways, sequentially (N each, default 200, after a warm-up):
 *  - JSON: /portrait through the function vs the same chat completion sent to the fake;
 *  - streaming: /converse with SSE, time to the first body byte and to the end, vs the fake's
 *    own stream.
 * Requests carry HS256 tokens for rotating users, so auth is measured and the per-user rate
 * limit (100/min) is not what is being measured. Prints p50/p95 and the ratios.
 *   npm run bench:curator -- --n 500
 */
import { createHmac } from 'node:crypto';
import process from 'node:process';
import { startFakeOpenAI } from '../tests/fakes/fake-openai.mjs';
import { startFunctions } from './functions.mjs';

const N = Number(process.argv[process.argv.indexOf('--n') + 1]) || 200;
const WARMUP = 20;
const SECRET = 'bench-secret-bench-secret-bench-secret!';
const USERS = Math.ceil((N + WARMUP) / 50);

const b64 = (v) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
function token(sub) {
	const head = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, aud: 'authenticated', role: 'authenticated', exp: Math.floor(Date.now() / 1000) + 3600 })}`;
	return `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
}
const tokens = Array.from({ length: USERS }, (_, i) => token(`bench-${i}`));

const ARTISTS = ['Radiohead', 'Portishead', 'Björk', 'Can', 'Joy Division', 'Cocteau Twins'].map(
	(name) => ({ name })
);
const PORTRAIT = {
	primaryGenres: [{ label: 'trip hop', explanation: 'x' }],
	geographicCenters: [{ label: 'Bristol', explanation: 'x' }],
	keyEras: [{ label: '1990s', explanation: 'x' }],
	noteworthyGaps: [{ label: 'Ethio-jazz', explanation: 'x' }],
	summary: 'x'
};

/** Time to headers+first body byte and to the end of the body, in ms. */
async function timed(url, init) {
	const t0 = performance.now();
	const res = await fetch(url, init);
	const reader = res.body.getReader();
	let first;
	for (;;) {
		const { done } = await reader.read();
		first ??= performance.now() - t0;
		if (done) break;
	}
	if (!res.ok) throw new Error(`${url} answered ${res.status}`);
	return { ttfb: first, total: performance.now() - t0 };
}

async function series(label, make) {
	for (let i = 0; i < WARMUP; i++) await make(i);
	const out = [];
	for (let i = 0; i < N; i++) out.push(await make(WARMUP + i));
	process.stderr.write(`  ${label}: ${N} done\n`);
	return out;
}

const pct = (xs, p) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const fake = await startFakeOpenAI();
fake.setMode({ mode: 'ok', delayMs: 0, chunkDelayMs: 0 });
const fn = await startFunctions({
	port: 54000 + Math.floor(Math.random() * 900),
	quiet: true,
	env: {
		OPENAI_BASE_URL: fake.url,
		CURATOR_MODEL: 'fake-curator',
		CURATOR_JWT_SECRET: SECRET,
		SUPABASE_URL: '',
		SUPABASE_DB_URL: ''
	}
});

try {
	const chat = (route, data, stream) =>
		JSON.stringify({
			model: 'fake-curator',
			messages: [
				{ role: 'system', content: 'bench' },
				{ role: 'user', content: JSON.stringify(data) }
			],
			response_format: {
				type: 'json_schema',
				json_schema: { name: route, strict: true, schema: {} }
			},
			...(stream ? { stream: true, stream_options: { include_usage: true } } : {})
		});
	const direct = (body) => ({
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body
	});
	const viaFn = (i, body, accept = 'application/json') => ({
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			accept,
			authorization: `Bearer ${tokens[i % USERS]}`
		},
		body: JSON.stringify(body)
	});
	const converse = { portrait: PORTRAIT, direction: 'initial', messages: [] };

	process.stderr.write(`Benchmarking with N=${N} (+${WARMUP} warm-up) each…\n`);
	const rows = [
		[
			'JSON /portrait',
			'total',
			await series('fake JSON', () =>
				timed(`${fake.url}/chat/completions`, direct(chat('portrait', { artists: ARTISTS }, false)))
			),
			await series('curator JSON', (i) =>
				timed(`${fn.url}/portrait`, viaFn(i, { artists: ARTISTS }))
			)
		],
		[
			'SSE /converse',
			'ttfb',
			await series('fake SSE', () =>
				timed(`${fake.url}/chat/completions`, direct(chat('converse', converse, true)))
			),
			await series('curator SSE', (i) =>
				timed(`${fn.url}/converse`, viaFn(i, converse, 'text/event-stream'))
			)
		]
	];

	const f = (x) => x.toFixed(2).padStart(8);
	console.log(`\nCurator overhead vs the fake model (N=${N}, sequential, ms)\n`);
	console.log(
		'| measure                  | fake p50 | fake p95 | curator p50 | curator p95 | added p50 | added p95 | ratio p50 | ratio p95 |'
	);
	console.log(
		'|--------------------------|----------|----------|-------------|-------------|-----------|-----------|-----------|-----------|'
	);
	for (const [name, firstMetric, fakeRuns, fnRuns] of rows) {
		for (const metric of firstMetric === 'ttfb' ? ['ttfb', 'total'] : ['total']) {
			const a = fakeRuns.map((r) => r[metric]);
			const b = fnRuns.map((r) => r[metric]);
			const [a50, a95, b50, b95] = [pct(a, 50), pct(a, 95), pct(b, 50), pct(b, 95)];
			console.log(
				`| ${`${name} ${metric}`.padEnd(24)} | ${f(a50)} | ${f(a95)} | ${f(b50).padStart(11)} | ${f(b95).padStart(11)} | ${f(b50 - a50).padStart(9)} | ${f(b95 - a95).padStart(9)} | ${`${(b50 / a50).toFixed(2)}x`.padStart(9)} | ${`${(b95 / a95).toFixed(2)}x`.padStart(9)} |`
			);
		}
	}
} finally {
	await fn.stop();
	await fake.close();
}
