// The static hosts' files say the same thing: static/_headers (Netlify and
// Cloudflare Pages read it from build/) is the one source; vercel.json must repeat
// it rule for rule, and netlify.toml must not add headers of its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { headersFor, parseHeadersFile } from '../../scripts/serve-app.mjs';

const rules = parseHeadersFile(readFileSync('static/_headers', 'utf8'));
const csp = headersFor(rules, '/').get('Content-Security-Policy') ?? '';
/** @param {string} name */
const directive = (name) =>
	csp
		.split(';')
		.map((d) => d.trim().split(/\s+/))
		.find(([n]) => n === name)
		?.slice(1) ?? [];

test('vercel.json carries exactly the headers of static/_headers', () => {
	const vercel = JSON.parse(readFileSync('vercel.json', 'utf8'));
	const fromVercel = vercel.headers.map(
		(/** @type {{ source: string, headers: { key: string, value: string }[] }} */ r) => ({
			pattern: r.source.replaceAll('(.*)', '*'),
			headers: r.headers.map((h) => [h.key, h.value])
		})
	);
	assert.deepEqual(fromVercel, rules);
	assert.equal(vercel.outputDirectory, 'build');
	assert.deepEqual(vercel.rewrites, [{ source: '/(.*)', destination: '/index.html' }]);
});

test('netlify.toml publishes build/ with the SPA fallback and no headers of its own', () => {
	const toml = readFileSync('netlify.toml', 'utf8');
	assert.match(toml, /^publish = "build"$/m);
	assert.match(toml, /\[\[redirects\]\]\nfrom = "\/\*"\nto = "\/index\.html"\nstatus = 200\n/);
	assert.doesNotMatch(toml, /\[\[headers\]\]/);
});

test('every path gets one cache rule: immutable for hashed files, no-cache for the shell', () => {
	const cache = (/** @type {string} */ path) => headersFor(rules, path).get('Cache-Control');
	assert.equal(cache('/_app/immutable/entry/start.abc123.js'), 'public, max-age=31536000, immutable');
	for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
		assert.equal(cache(path), 'no-cache', path);
	}
	// A header named by two matching rules would reach the browser comma-joined.
	for (const path of ['/', '/index.html', '/sw.js', '/_app/immutable/x.js', '/artists']) {
		assert.equal(headersFor(rules, path).get('Content-Security-Policy'), csp, path);
	}
});

test('the Content-Security-Policy names the services the app talks to, and allows no eval', () => {
	assert.doesNotMatch(csp, /unsafe-eval/);
	assert.deepEqual(directive('default-src'), ["'self'"]);
	for (const host of [
		'https://*.supabase.co',
		'https://musicbrainz.org',
		'https://labs.api.listenbrainz.org',
		// A listener's music services (docs/connect.md); Last.fm goes through the curator.
		'https://accounts.spotify.com',
		'https://api.spotify.com',
		'https://api.listenbrainz.org'
	]) {
		assert.ok(directive('connect-src').includes(host), host);
	}
	// Cover art: <img> in the page, and the service worker's fetch for its cache.
	for (const host of ['https://coverartarchive.org', 'https://*.archive.org']) {
		assert.ok(directive('img-src').includes(host), host);
		assert.ok(directive('connect-src').includes(host), host);
	}
	assert.deepEqual(directive('frame-ancestors'), ["'none'"]);
});
