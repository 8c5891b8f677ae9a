#!/usr/bin/env node
/**
 * `npm run audit:lighthouse`: the start page as a listener's phone first meets it, scored by
 * Lighthouse (mobile: a mid-range phone on a slow 4G link, simulated) with the app served as a
 * static host serves it: gzip-compressed, with the headers of `static/_headers`.
 *
 *   1. builds the app for the local stand-in into .local/audit-build (--skip-build reuses it;
 *      --dir <folder> audits another build, e.g. one made from an older commit),
 *   2. writes a gzip twin of every text file there and serves the folder on 127.0.0.1,
 *   3. runs Lighthouse --runs times (default 3) in Debian's Chromium, each with empty storage,
 *   4. prints the scores (the median run), the timings behind the performance score, what the
 *      start page loaded in JavaScript (gzip bodies, as tests/e2e/budget.spec.ts counts them,
 *      and as transferred with headers; without the service worker's own files), and every
 *      audit that cost accessibility or best practices a point; the median run's whole report
 *      goes to .local/lighthouse.json.
 *
 * It exits 1 if a goal is missed: accessibility 100, best practices 100, performance ≥ 95,
 * first-page JavaScript ≤ 60 KB. Lighthouse 12.2.3 (pinned; later versions want Node 22).
 * Env: CHROME_PATH (default /usr/bin/chromium), AUDIT_PORT (default 4281).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveApp } from './serve-app.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
	const i = argv.indexOf(`--${name}`);
	return i === -1 ? fallback : argv[i + 1];
};
const DIR = option('dir', '.local/audit-build');
const RUNS = Number(option('runs', '3'));
const PORT = Number(process.env.AUDIT_PORT ?? 4281);
const GOALS = { performance: 95, accessibility: 100, 'best-practices': 100 };
const JS_BUDGET_KB = 60;
/** The service worker's own files are not the page's JavaScript (tests/e2e/budget.spec.ts). */
const isPageScript = (url) => !/\/sw\.js$|\/workbox-[^/]*\.js$/.test(new URL(url).pathname);
const COMPRESSIBLE = /\.(js|css|html|svg|json|webmanifest|txt|xml)$/;
/** Chromium as root on a closed network (shared notes on this machine's toolchain). */
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];

function build() {
	return new Promise((resolve, reject) => {
		const child = spawn(join('node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], {
			stdio: ['ignore', 'pipe', 'pipe'],
			// What `npm start` builds: the app for its local stand-in.
			env: { ...process.env, BUILD_DIR: DIR, PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321' }
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(out))));
	});
}

/** A `.gz` twin beside every text file, as a host that compresses would send it. */
function precompress(dir) {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) precompress(path);
		else if (COMPRESSIBLE.test(name)) {
			writeFileSync(`${path}.gz`, gzipSync(readFileSync(path), { level: 9 }));
		}
	}
}

/** A served script's compressed body (its `.gz` twin), without the response headers. */
const gzipped = (url) => statSync(join(DIR, `${new URL(url).pathname}.gz`)).size;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => (bytes / 1024).toFixed(1);

if (!argv.includes('--skip-build') && !argv.includes('--dir')) {
	console.log(`Building the app into ${DIR}…`);
	await build();
}
if (!existsSync(join(DIR, 'index.html'))) {
	console.error(`No build in ${DIR} (run without --skip-build).`);
	process.exit(1);
}
precompress(DIR);
const app = await serveApp({
	dir: DIR,
	port: PORT,
	gzip: true,
	hosts: { 'https://*.supabase.co': 'http://127.0.0.1:54321' }
});
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	chromeFlags: CHROME_FLAGS,
	logLevel: 'silent'
});

const runs = [];
try {
	for (let i = 0; i < RUNS; i++) {
		const result = await lighthouse(`${app.url}/`, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: Object.keys(GOALS)
		});
		if (!result) throw new Error('Lighthouse returned nothing');
		const lhr = result.lhr;
		if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
		const scripts = lhr.audits['network-requests'].details.items.filter(
			(r) => r.resourceType === 'Script' && isPageScript(r.url)
		);
		runs.push({
			lhr,
			scores: Object.fromEntries(
				Object.keys(GOALS).map((c) => [c, Math.round(lhr.categories[c].score * 100)])
			),
			jsBytes: scripts.reduce((n, r) => n + gzipped(r.url), 0),
			jsTransferred: scripts.reduce((n, r) => n + r.transferSize, 0),
			jsFiles: scripts.length
		});
		process.stdout.write(`run ${i + 1}/${RUNS}: ${JSON.stringify(runs.at(-1).scores)}\n`);
	}
} finally {
	await chrome.kill();
	await app.close();
}

const perf = median(runs.map((r) => r.scores.performance));
const chosen = runs.find((r) => r.scores.performance === perf);
const { lhr } = chosen;
// The whole report of the median run, for a closer look (Lighthouse's viewer reads it).
writeFileSync(join('.local', 'lighthouse.json'), JSON.stringify(lhr));
const metric = (id) => lhr.audits[id].displayValue ?? '';
const rows = [
	[
		'performance',
		perf,
		`≥ ${GOALS.performance}`,
		`(runs: ${runs.map((r) => r.scores.performance).join(', ')})`
	],
	['accessibility', chosen.scores.accessibility, GOALS.accessibility, ''],
	['best practices', chosen.scores['best-practices'], GOALS['best-practices'], ''],
	[
		'first-page JS',
		`${kb(chosen.jsBytes)} KB`,
		`≤ ${JS_BUDGET_KB} KB`,
		`${chosen.jsFiles} files, gzip bodies (${kb(chosen.jsTransferred)} KB with headers); ` +
			`${(chosen.jsBytes / 1024 / JS_BUDGET_KB).toFixed(2)}× the budget`
	]
];
console.log(
	`\nLighthouse ${lhr.lighthouseVersion}, ${lhr.configSettings.formFactor}, ${app.url}/ (${DIR})`
);
console.log('| measure | value | goal | note |\n| --- | --- | --- | --- |');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
console.log(
	`\nFCP ${metric('first-contentful-paint')} · LCP ${metric('largest-contentful-paint')} · ` +
		`TBT ${metric('total-blocking-time')} · CLS ${metric('cumulative-layout-shift')} · ` +
		`Speed Index ${metric('speed-index')} · unused JS ${metric('unused-javascript') || 'none flagged'}`
);
for (const category of ['accessibility', 'best-practices']) {
	const lost = lhr.categories[category].auditRefs
		.filter(
			(ref) => ref.weight > 0 && lhr.audits[ref.id].score !== null && lhr.audits[ref.id].score < 1
		)
		.map((ref) => `  ${category}: ${ref.id} — ${lhr.audits[ref.id].title}`);
	if (lost.length) console.log(lost.join('\n'));
}

const missed =
	perf < GOALS.performance ||
	chosen.scores.accessibility < GOALS.accessibility ||
	chosen.scores['best-practices'] < GOALS['best-practices'] ||
	chosen.jsBytes > JS_BUDGET_KB * 1024;
process.exit(missed ? 1 : 0);
