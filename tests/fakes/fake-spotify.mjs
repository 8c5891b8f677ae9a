/**
 * The one shared fake of Spotify, for unit tests and browser journeys: the accounts service and
 * the Web API on one port, answering in the real shapes (tests/unit/fixtures/api-real/spotify and
 * its SOURCES.md, with the 2026 rules). Plain JS on node:http.
 *
 *   import { startFakeSpotify } from '../../tests/fakes/fake-spotify.mjs'
 *   const sp = await startFakeSpotify(); // { url, port, close, requests, setMode, reset, ... }
 *   node tests/fakes/fake-spotify.mjs --port 54459   (CLI; stops on SIGTERM/SIGINT)
 *
 * Accounts (what accounts.spotify.com does for a public client with PKCE):
 *   GET  /authorize   checks client_id and redirect_uri, then sends the browser back to the
 *                     redirect URI with ?code=…&state=… (the listener agrees at once) or, in the
 *                     'deny' mode, ?error=access_denied&state=…
 *   POST /api/token   form-encoded; authorization_code (S256 of code_verifier must equal the
 *                     code_challenge, redirect_uri must match) or refresh_token. Refresh tokens
 *                     rotate: each works once. Errors in the OAuth shape ({error, error_description}).
 * Web API, with `Authorization: Bearer <access token>`:
 *   GET  /v1/me, GET /v1/me/top/artists?time_range=&limit=(≤50)&offset=
 *   GET  /v1/search?type=album&q=upc:… | album:"…" artist:"…"&limit=(≤10, 400 above)
 *   GET  /v1/albums/{id}, GET /v1/albums/{id}/tracks?limit=(≤50)&offset=
 *   POST /v1/me/playlists, POST /v1/playlists/{id}/items ({uris}, ≤100), GET /v1/playlists/{id}/items
 *   An expired token answers 401 "The access token expired"; a revoked one 401 "Invalid access token".
 *
 * Modes, for `times` requests to the Web API (default: until set back to 'ok'): '429' (empty body,
 * Retry-After: 7 — or no header with { retryAfter: null }), 'premium' (the plain-text 403 of a
 * Development Mode app whose owner has no Premium), '503', 'down' (connection dropped), 'deny'
 * (the listener refuses at /authorize). Over HTTP, for another process:
 *   POST /__fake/mode { mode, times? }   GET /__fake/requests   POST /__fake/reset
 *   POST /__fake/expire (access tokens expire now)   POST /__fake/revoke (the listener removed the app)
 *   POST /__fake/config { expiresIn?, hide?: [album titles Spotify lacks] }   GET /__fake/state
 *
 * This file holds the fake's state, its modes and controls and the server; the accounts service
 * is in fake-spotify-accounts.mjs, the Web API in fake-spotify-web-api.mjs, the listener and the
 * albums with the shapes of Spotify's objects in fake-spotify-catalog.mjs.
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { accountsService } from './fake-spotify-accounts.mjs';
import { LISTENER } from './fake-spotify-catalog.mjs';
import { cors, json, readBody } from './fake-spotify-http.mjs';
import { webApi } from './fake-spotify-web-api.mjs';

export { LISTENER };
export const FAKE_SPOTIFY_CLIENT_ID = 'fake-spotify-client-id';

export async function startFakeSpotify({
	port = 0,
	host = '127.0.0.1',
	clientId = FAKE_SPOTIFY_CLIENT_ID
} = {}) {
	/** What the fake keeps, shared with its accounts service and Web API. */
	const store = {
		log: [],
		mode: { mode: 'ok', times: Infinity, retryAfter: 7 },
		settings: { expiresIn: 3600, hide: new Set() },
		/** code → { challenge, redirectUri, scope } */
		codes: new Map(),
		/** access token → { expiresAt, scope, revoked } */
		access: new Map(),
		/** refresh token → { used, scope } */
		refresh: new Map(),
		playlists: new Map()
	};
	const sockets = new Set();

	const setMode = (next, times = Infinity, options = {}) => {
		store.mode = {
			mode: next,
			times: next === 'ok' ? 0 : times,
			retryAfter: 'retryAfter' in options ? options.retryAfter : 7
		};
	};
	/** The mode for this request: 'deny' is for /authorize, every other mode for the Web API. */
	const takeMode = (at) => {
		if (store.mode.mode === 'ok' || store.mode.times <= 0) return 'ok';
		if ((store.mode.mode === 'deny') !== (at === 'authorize')) return 'ok';
		store.mode.times -= 1;
		const now = store.mode.mode;
		if (store.mode.times <= 0) store.mode = { ...store.mode, mode: 'ok' };
		return now;
	};
	const reset = () => {
		store.log = [];
		setMode('ok');
		store.settings = { expiresIn: 3600, hide: new Set() };
		store.codes = new Map();
		store.access = new Map();
		store.refresh = new Map();
		store.playlists = new Map();
	};
	const expireAll = () => {
		for (const t of store.access.values()) t.expiresAt = 0;
	};
	const revokeAll = () => {
		for (const t of store.access.values()) t.revoked = true;
		for (const t of store.refresh.values()) t.used = true;
	};
	const requests = () => store.log.map((r) => ({ ...r }));
	const state = () => ({
		playlists: [...store.playlists.values()].map((p) => ({ ...p, uris: [...p.uris] })),
		accessTokens: store.access.size,
		refreshTokens: store.refresh.size
	});

	const accounts = accountsService({ clientId, store, takeMode });
	const api = webApi({ store, takeMode });

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		if (req.method === 'OPTIONS') {
			res.writeHead(204, cors);
			return res.end();
		}
		if (url.pathname.startsWith('/__fake/')) {
			const body = req.method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
			switch (url.pathname) {
				case '/__fake/mode':
					setMode(body.mode ?? 'ok', body.times ?? Infinity, body);
					return json(res, 200, { ok: true });
				case '/__fake/requests':
					return json(res, 200, requests());
				case '/__fake/reset':
					reset();
					return json(res, 200, { ok: true });
				case '/__fake/expire':
					expireAll();
					return json(res, 200, { ok: true });
				case '/__fake/revoke':
					revokeAll();
					return json(res, 200, { ok: true });
				case '/__fake/config':
					if (body.expiresIn !== undefined) store.settings.expiresIn = Number(body.expiresIn);
					if (body.hide !== undefined) store.settings.hide = new Set(body.hide);
					return json(res, 200, { ok: true });
				case '/__fake/state':
					return json(res, 200, state());
			}
			return json(res, 404, { error: 'no such control' });
		}
		const body = req.method === 'POST' && url.pathname !== '/api/token' ? await readBody(req) : '';
		store.log.push({
			at: Date.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			search: url.search,
			authorization: req.headers.authorization ?? null,
			body
		});
		if (url.pathname === '/authorize' && req.method === 'GET')
			return accounts.authorize(req, res, url);
		if (url.pathname === '/api/token' && req.method === 'POST') return accounts.token(req, res);
		if (url.pathname.startsWith('/v1/')) return api(req, res, url);
		json(res, 404, { error: { status: 404, message: 'Service not found' } });
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
		clientId,
		setMode,
		requests,
		clearRequests: () => {
			store.log = [];
		},
		reset,
		expireAll,
		revokeAll,
		configure(options) {
			if (options.expiresIn !== undefined) store.settings.expiresIn = options.expiresIn;
			if (options.hide !== undefined) store.settings.hide = new Set(options.hide);
		},
		state,
		close: () =>
			new Promise((resolve) => {
				for (const s of sockets) s.destroy();
				server.close(() => resolve());
			})
	};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const i = process.argv.indexOf('--port');
	const fake = await startFakeSpotify({ port: i > 0 ? Number(process.argv[i + 1]) : 0 });
	console.log(`fake Spotify listening on ${fake.url}`);
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
