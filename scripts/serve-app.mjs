// Serves the built app (build/) as a single-page app on 127.0.0.1.
// `vite preview` can't be used for the PWA: it answers 404 for /index.html, so
// the service worker's precache fails (shared/TOOLCHAIN.md, pitfall 2).
//
// With `hosts`, it answers with the headers of the build's `_headers` file, the
// file Netlify and Cloudflare Pages apply (Content-Security-Policy, cache rules),
// after replacing the hosted services' addresses in them by local ones, as an
// operator edits them for their project: { 'https://*.supabase.co': 'http://127.0.0.1:54321' }.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/**
 * The rules of a `_headers` file: a path pattern on its own line (`*` matches
 * anything), then indented `Name: value` lines; `#` starts a comment.
 * @param {string} text
 * @returns {{ pattern: string, headers: [string, string][] }[]}
 */
export function parseHeadersFile(text) {
	/** @type {{ pattern: string, headers: [string, string][] }[]} */
	const rules = [];
	for (const line of text.split('\n')) {
		if (!line.trim() || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			rules.push({ pattern: line.trim(), headers: [] });
			continue;
		}
		const at = line.indexOf(':');
		const rule = rules.at(-1);
		if (at === -1 || !rule) throw new Error(`_headers: cannot read "${line.trim()}"`);
		rule.headers.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
	}
	return rules;
}

/**
 * The headers the rules give one request path; a header named by several
 * rules gets their values joined by commas, as both hosts do.
 * @param {ReturnType<typeof parseHeadersFile>} rules
 * @param {string} pathname
 */
export function headersFor(rules, pathname) {
	/** @type {Map<string, string>} */
	const out = new Map();
	for (const { pattern, headers } of rules) {
		const re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
		if (!re.test(pathname)) continue;
		for (const [name, value] of headers) {
			const prev = out.get(name);
			out.set(name, prev ? `${prev}, ${value}` : value);
		}
	}
	return out;
}

/** @param {string} s */
function escapeRegExp(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * `live: true` re-reads files on every request (sirv caches them otherwise), for
 * tests that publish a new version into a served folder. `gzip: true` answers with a
 * file's `.gz` twin when the browser accepts gzip, as a static host compresses
 * (scripts/audit-lighthouse.mjs writes the twins).
 * @param {{ dir?: string, port?: number, host?: string, live?: boolean, gzip?: boolean, hosts?: Record<string, string> }} [options]
 */
export function serveApp({
	dir = 'build',
	port = 4173,
	host = '127.0.0.1',
	live = false,
	gzip = false,
	hosts
} = {}) {
	const headersFile = join(dir, '_headers');
	const rules = hosts && existsSync(headersFile) ? readRules(headersFile, hosts) : null;
	const assets = sirv(dir, {
		dev: live,
		single: true,
		etag: true,
		gzip,
		setHeaders(res, pathname) {
			const fromFile = rules ? headersFor(rules, pathname) : new Map();
			for (const [name, value] of fromFile) res.setHeader(name, value);
			if (fromFile.has('Cache-Control')) return;
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				// The shell and the service worker must be revalidated so updates are seen.
				res.setHeader('Cache-Control', 'no-cache');
			}
		}
	});
	const server = createServer((req, res) => {
		// The hosts read these files; they never serve them.
		if (/^\/_(headers|redirects)$/.test(new URL(req.url ?? '/', 'http://x').pathname)) {
			res.statusCode = 404;
			return res.end('Not found');
		}
		assets(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			resolve({
				url: `http://${host}:${port}`,
				close: () => /** @type {Promise<void>} */ (new Promise((r) => server.close(() => r())))
			});
		});
	});
}

/** @param {string} file @param {Record<string, string>} hosts */
function readRules(file, hosts) {
	let text = readFileSync(file, 'utf8');
	for (const [from, to] of Object.entries(hosts)) text = text.replaceAll(from, to);
	return parseHeadersFile(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	/** @param {string} name @param {string} fallback */
	const arg = (name, fallback) => {
		const i = process.argv.indexOf(`--${name}`);
		return i === -1 ? fallback : process.argv[i + 1];
	};
	const { url } = await serveApp({ dir: arg('dir', 'build'), port: Number(arg('port', '4173')) });
	console.log(`app: ${url}`);
}
