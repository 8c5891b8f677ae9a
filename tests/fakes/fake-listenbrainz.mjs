/**
 * The one shared fake of ListenBrainz, for unit tests, benchmarks and browser journeys: both
 * of its hosts on one port, answering in the real services' shapes (the recordings in
 * tests/unit/fixtures and the notes beside them).
 *   - the labs API (labs.api.listenbrainz.org): routes in fake-listenbrainz-labs.mjs
 *   - the main API (api.listenbrainz.org, paths under /1/): routes in fake-listenbrainz-api.mjs
 * Plain JS on node:http.
 *
 *   import { startFakeListenBrainz } from '../../tests/fakes/fake-listenbrainz.mjs'
 *   const lb = await startFakeListenBrainz(); // { url, port, close, requests, setMode, reset }
 *   node tests/fakes/fake-listenbrainz.mjs --port 54449 [--latency 300]  (CLI; stops on SIGTERM/SIGINT)
 *
 * setMode('503' | '429' | 'down', times?) answers 503, 429 (with ListenBrainz's rate-limit
 * headers) or drops the connection for `times` requests (default: until set back to 'ok').
 * The same control over HTTP, for another process:
 *   POST /__fake/mode { mode, times? }    GET /__fake/requests    POST /__fake/reset
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { apiRoutes } from './fake-listenbrainz-api.mjs';
import { labsRoutes } from './fake-listenbrainz-labs.mjs';

/** Route modules, tried in order: each answers `{ status, body, headers? }` or undefined. */
const ROUTES = [labsRoutes, apiRoutes];

export async function startFakeListenBrainz({ port = 0, host = '127.0.0.1', latencyMs = 0 } = {}) {
	const log = [];
	let mode = 'ok';
	let modeLeft = 0;
	const sockets = new Set();
	const state = { users: new Map(), playlists: [] };
	const setMode = (next, times = Infinity) => {
		mode = next;
		modeLeft = next === 'ok' ? 0 : times;
	};
	const takeMode = () => {
		if (mode === 'ok' || modeLeft <= 0) return 'ok';
		modeLeft -= 1;
		return mode;
	};
	const requests = () => log.slice();
	const reset = () => {
		log.length = 0;
		setMode('ok');
		state.users.clear();
		state.playlists.length = 0;
	};
	const cors = {
		'Access-Control-Allow-Origin': '*',
		'Access-Control-Allow-Headers': 'Authorization, Content-Type',
		'Access-Control-Expose-Headers':
			'X-RateLimit-Remaining, X-RateLimit-Limit, X-RateLimit-Reset, X-RateLimit-Reset-In'
	};
	const send = (res, status, body, headers = {}) => {
		const text = typeof body === 'string' ? body : JSON.stringify(body);
		res.writeHead(status, { 'Content-Type': 'application/json', ...cors, ...headers });
		res.end(status === 204 ? undefined : text);
	};
	const readBody = (req) =>
		new Promise((resolve) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => resolve(data));
		});

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		if (req.method === 'OPTIONS') {
			res.writeHead(204, { ...cors, 'Access-Control-Allow-Methods': 'GET, POST' });
			return res.end();
		}
		if (url.pathname === '/__fake/mode' && req.method === 'POST') {
			const { mode: next = 'ok', times } = JSON.parse((await readBody(req)) || '{}');
			setMode(next, times ?? Infinity);
			return send(res, 200, { ok: true });
		}
		if (url.pathname === '/__fake/requests') return send(res, 200, requests());
		if (url.pathname === '/__fake/reset') {
			reset();
			return send(res, 200, { ok: true });
		}
		const body = req.method === 'POST' ? await readBody(req) : '';
		log.push({
			at: Date.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			search: url.search,
			authorization: req.headers.authorization ?? null,
			userAgent: req.headers['user-agent'] ?? null,
			body
		});
		const now = takeMode();
		if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
		if (now === 'down') return req.socket.destroy();
		if (now === '503') return send(res, 503, { code: 503, error: 'Service Unavailable' });
		if (now === '429') {
			const reset = Math.ceil(Date.now() / 1000) + 7;
			return send(
				res,
				429,
				{ code: 429, error: 'Too many requests. Please wait 7 seconds and try again.' },
				{
					'X-RateLimit-Limit': '30',
					'X-RateLimit-Remaining': '0',
					'X-RateLimit-Reset-In': '7',
					'X-RateLimit-Reset': String(reset)
				}
			);
		}
		for (const routes of ROUTES) {
			const answer = await routes({
				method: req.method ?? 'GET',
				url,
				headers: req.headers,
				body,
				state
			});
			if (answer) return send(res, answer.status, answer.body, answer.headers);
		}
		send(res, 404, { code: 404, error: 'Not found' });
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve) => server.listen(port, host, resolve));
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://${host}:${actualPort}`,
		port: actualPort,
		setMode,
		requests,
		reset,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const arg = (name) => {
		const i = process.argv.indexOf(name);
		return i > 0 ? Number(process.argv[i + 1]) : undefined;
	};
	const fake = await startFakeListenBrainz({
		port: arg('--port') ?? 0,
		latencyMs: arg('--latency') ?? 0
	});
	console.log(`fake ListenBrainz listening on ${fake.url}`);
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
