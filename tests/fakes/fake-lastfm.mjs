/**
 * The one shared fake of the Last.fm API (ws.audioscrobbler.com/2.0/), for the curator function's
 * tests and the browser journeys (the function calls it; the browser never does). Answers
 * `user.getTopArtists` in the real shape (tests/unit/fixtures/api-real/lastfm: numbers as strings,
 * `@attr` with the paging, no `artist` key at all for a listener with no scrobbles) and its errors
 * as Last.fm sends them today: error 6 "User not found" with HTTP 404, error 17 for a listener whose
 * listening is private, error 29 for the rate limit, error 10 for an unknown API key.
 *
 *   import { startFakeLastfm } from '../../tests/fakes/fake-lastfm.mjs'
 *   const lfm = await startFakeLastfm({ apiKey: 'k' }); // { url, port, close, requests, setMode, reset }
 *   node tests/fakes/fake-lastfm.mjs --port 54469 [--key test-lastfm-key]   (CLI)
 *
 * Listeners: LISTENERS below (a private one answers error 17, an empty one has no scrobbles);
 * any other name is unknown. Modes for `times` requests: '429' (error 29), '503' (error 16, the
 * service is temporarily unavailable), 'down' (connection dropped). Over HTTP:
 *   POST /__fake/mode { mode, times? }   GET /__fake/requests   POST /__fake/reset
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** Play counts per period, best first. */
export const LISTENERS = {
	'ada-scrobbles': {
		overall: [
			['Cocteau Twins', 2210],
			['Joni Mitchell', 1804],
			['Talk Talk', 1512],
			['Nick Drake', 1290],
			['Kate Bush', 1101],
			['Slowdive', 998],
			['Can', 870]
		],
		'12month': [
			['Slowdive', 402],
			['Cocteau Twins', 388],
			['Burial', 301],
			['Boards of Canada', 255],
			['Talk Talk', 190]
		],
		'3month': [
			['Burial', 120],
			['Boards of Canada', 97],
			['Slowdive', 64],
			['Massive Attack', 51],
			['Portishead', 40]
		]
	},
	'quiet-listener': { overall: [], '12month': [], '3month': [] }
};
export const PRIVATE_LISTENER = 'hidden-listener';
const PERIODS = ['overall', '7day', '1month', '3month', '6month', '12month'];

const image = () =>
	['small', 'medium', 'large', 'extralarge', 'mega'].map((size) => ({
		'#text': 'https://lastfm.freetls.fastly.net/i/u/300x300/2a96cbd8b46e442fc41c2b86b821562f.png',
		size
	}));

function topArtists(user, period, limit, pageNo) {
	const rows = LISTENERS[user][period] ?? [];
	const start = (pageNo - 1) * limit;
	const slice = rows.slice(start, start + limit);
	const attr = {
		user,
		totalPages: String(Math.ceil(rows.length / limit)),
		page: String(pageNo),
		perPage: String(limit),
		total: String(rows.length)
	};
	if (!slice.length) {
		// As recorded for a listener without scrobbles: no `artist` key, `@attr` fields flattened.
		return { topartists: { '#text': '\n    ', user, type: period, ...attr } };
	}
	return {
		topartists: {
			artist: slice.map(([name, plays], i) => ({
				streamable: '0',
				image: image(),
				mbid: '',
				url: `https://www.last.fm/music/${encodeURIComponent(name).replace(/%20/g, '+')}`,
				playcount: String(plays),
				'@attr': { rank: String(start + i + 1) },
				name
			})),
			'@attr': attr
		}
	};
}

export async function startFakeLastfm({
	port = 0,
	host = '127.0.0.1',
	apiKey = 'test-lastfm-key'
} = {}) {
	let log = [];
	let mode = { mode: 'ok', times: 0 };
	const sockets = new Set();
	const setMode = (next, times = Infinity) => {
		mode = { mode: next, times: next === 'ok' ? 0 : times };
	};
	const takeMode = () => {
		if (mode.mode === 'ok' || mode.times <= 0) return 'ok';
		mode.times -= 1;
		return mode.mode;
	};
	const reset = () => {
		log = [];
		setMode('ok');
	};
	const requests = () => log.map((r) => ({ ...r }));
	const send = (res, status, body) => {
		res.writeHead(status, { 'Content-Type': 'application/json; charset=UTF-8' });
		// Last.fm escapes slashes in its error path.
		res.end(JSON.stringify(body).replace(/\//g, '\\/'));
	};
	const fail = (res, status, error, message) => send(res, status, { message, error });

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		if (url.pathname.startsWith('/__fake/')) {
			let body = '';
			for await (const chunk of req) body += chunk;
			if (url.pathname === '/__fake/mode') {
				const { mode: next = 'ok', times } = JSON.parse(body || '{}');
				setMode(next, times ?? Infinity);
				return send(res, 200, { ok: true });
			}
			if (url.pathname === '/__fake/requests') return send(res, 200, requests());
			if (url.pathname === '/__fake/reset') {
				reset();
				return send(res, 200, { ok: true });
			}
		}
		const p = url.searchParams;
		log.push({ at: Date.now(), path: url.pathname, params: Object.fromEntries(p) });
		const now = takeMode();
		if (now === 'down') return req.socket.destroy();
		if (now === '503') {
			return fail(
				res,
				503,
				16,
				'There was a temporary error processing your request. Please try again'
			);
		}
		if (now === '429') {
			return fail(
				res,
				429,
				29,
				'Rate Limit Exceeded - This application has made too many requests in a short period. If this is your API key, see https://www.last.fm/api/tos#4.4 for information about raising the limit.'
			);
		}
		if (url.pathname !== '/2.0/' && url.pathname !== '/2.0')
			return send(res, 404, { error: 'not found' });
		if (p.get('api_key') !== apiKey) {
			return fail(res, 403, 10, 'Invalid API key - You must be granted a valid key by last.fm');
		}
		if ((p.get('method') ?? '').toLowerCase() !== 'user.gettopartists') {
			return fail(res, 400, 3, 'Invalid Method - No method with that name in this package');
		}
		const user = p.get('user');
		if (!user) {
			return fail(res, 400, 6, 'Invalid parameters - Your request is missing the [user] parameter');
		}
		const period = p.get('period') ?? 'overall';
		if (!PERIODS.includes(period)) return fail(res, 400, 6, 'Invalid period');
		if (user.toLowerCase() === PRIVATE_LISTENER) {
			return fail(res, 403, 17, 'Login: User required to be logged in');
		}
		const known = Object.keys(LISTENERS).find((name) => name.toLowerCase() === user.toLowerCase());
		if (!known) return fail(res, 404, 6, 'User not found');
		const limit = Math.min(Math.max(Number(p.get('limit') ?? 50) || 50, 1), 1000);
		const pageNo = Math.max(Number(p.get('page') ?? 1) || 1, 1);
		send(res, 200, topArtists(known, period, limit, pageNo));
	});
	server.on('connection', (s) => {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
	});
	await new Promise((resolve) => server.listen(port, host, resolve));
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://${host}:${actualPort}/2.0/`,
		port: actualPort,
		apiKey,
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
		return i > 0 ? process.argv[i + 1] : undefined;
	};
	const fake = await startFakeLastfm({
		port: Number(arg('--port') ?? 0),
		apiKey: arg('--key') ?? 'test-lastfm-key'
	});
	console.log(`fake Last.fm listening on ${fake.url}`);
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
