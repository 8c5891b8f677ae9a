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
 */
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { tokens } from './fake-musicbrainz.mjs';
import { albumFacts } from './fake-musicbrainz-releases.mjs';
import { POOL } from './fake-openai-answers.mjs';

export const FAKE_SPOTIFY_CLIENT_ID = 'fake-spotify-client-id';
const API = 'https://api.spotify.com/v1';

/** The listener the fake signs in: their top artists per time range, best first. */
export const LISTENER = {
	id: 'cartographer-listener',
	display_name: 'Ada Listener',
	top: {
		short_term: ['Burial', 'Boards of Canada', 'Massive Attack', 'Portishead', 'Slowdive', 'Can'],
		medium_term: [
			'Radiohead',
			'Björk',
			'Portishead',
			'Massive Attack',
			'Cocteau Twins',
			'Talk Talk',
			'Can'
		],
		long_term: ['Joni Mitchell', 'Kate Bush', 'Radiohead', 'Talking Heads', 'Nick Drake', 'Björk']
	}
};

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** A 22-character Spotify-like id, stable per name. */
function spotifyId(...parts) {
	const bytes = createHash('sha256').update(parts.join('\u0000')).digest();
	return Array.from(bytes.subarray(0, 22), (b) => BASE62[b % 62]).join('');
}

const external = (type, id) => ({ spotify: `https://open.spotify.com/${type}/${id}` });
const artistObject = (name) => {
	const id = spotifyId('artist', name);
	return {
		external_urls: external('artist', id),
		href: `${API}/artists/${id}`,
		id,
		name,
		type: 'artist',
		uri: `spotify:artist:${id}`
	};
};

/** Every album of the fake AI's pool, with the barcodes and tracks the fake MusicBrainz has. */
const ALBUMS = POOL.map(([title, artist, year]) => {
	const id = spotifyId('album', title, artist);
	const facts = albumFacts(title, artist);
	return {
		id,
		title,
		artist,
		year,
		// Spotify keeps the GTIN-14: the recorded `upc:00602475093060` found what 602475093060 did not.
		upc: facts.barcode ? facts.barcode.padStart(14, '0') : spotifyNumber(title),
		tracks: facts.tracks.map((t, i) => ({ ...t, id: spotifyId('track', id, String(i)) }))
	};
});
const ALBUM_BY_ID = new Map(ALBUMS.map((a) => [a.id, a]));

/** A barcode for an album MusicBrainz knows none of (Spotify always has one). */
function spotifyNumber(title) {
	return String(parseInt(createHash('sha1').update(title).digest('hex').slice(0, 12), 16))
		.padStart(14, '0')
		.slice(-14);
}

function simplifiedAlbum(album) {
	return {
		album_type: 'album',
		total_tracks: album.tracks.length,
		external_urls: external('album', album.id),
		href: `${API}/albums/${album.id}`,
		id: album.id,
		images: [
			{ height: 640, url: `https://i.scdn.co/image/${spotifyId('image', album.id)}`, width: 640 }
		],
		name: album.title,
		release_date: album.year,
		release_date_precision: 'year',
		type: 'album',
		uri: `spotify:album:${album.id}`,
		artists: [artistObject(album.artist)]
	};
}

function simplifiedTrack(album, track, i) {
	return {
		artists: [artistObject(album.artist)],
		disc_number: 1,
		duration_ms: track.lengthMs,
		explicit: false,
		external_urls: external('track', track.id),
		href: `${API}/tracks/${track.id}`,
		id: track.id,
		is_local: false,
		name: track.title,
		track_number: i + 1,
		type: 'track',
		uri: `spotify:track:${track.id}`
	};
}

function page(href, items, limit, offset, total) {
	const url = (o) => `${href}${href.includes('?') ? '&' : '?'}offset=${o}&limit=${limit}`;
	return {
		href: url(offset),
		items,
		limit,
		next: offset + limit < total ? url(offset + limit) : null,
		offset,
		previous: offset > 0 ? url(Math.max(0, offset - limit)) : null,
		total
	};
}

const S256 = (verifier) => createHash('sha256').update(verifier).digest('base64url');
const secret = (prefix) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** `field:"quoted words"` or `field:word` pairs of a search query, and the free words. */
function parseSearch(q) {
	const fields = {};
	const free = q
		.replace(/(\w+):(?:"([^"]*)"|(\S+))/g, (_, field, quoted, bare) => {
			fields[field.toLowerCase()] = quoted ?? bare;
			return ' ';
		})
		.trim();
	return { fields, free };
}

const covers = (query, text) => {
	const want = tokens(query);
	const have = new Set(tokens(text));
	return want.length > 0 && want.every((w) => have.has(w));
};

export async function startFakeSpotify({
	port = 0,
	host = '127.0.0.1',
	clientId = FAKE_SPOTIFY_CLIENT_ID
} = {}) {
	let log = [];
	let mode = { mode: 'ok', times: Infinity, retryAfter: 7 };
	let settings = { expiresIn: 3600, hide: new Set() };
	/** code → { challenge, redirectUri, scope } */
	let codes = new Map();
	/** access token → { expiresAt, scope, revoked } */
	let access = new Map();
	/** refresh token → { used, scope } */
	let refresh = new Map();
	let playlists = new Map();
	const sockets = new Set();

	const setMode = (next, times = Infinity, options = {}) => {
		mode = {
			mode: next,
			times: next === 'ok' ? 0 : times,
			retryAfter: 'retryAfter' in options ? options.retryAfter : 7
		};
	};
	/** The mode for this request: 'deny' is for /authorize, every other mode for the Web API. */
	const takeMode = (at) => {
		if (mode.mode === 'ok' || mode.times <= 0) return 'ok';
		if ((mode.mode === 'deny') !== (at === 'authorize')) return 'ok';
		mode.times -= 1;
		const now = mode.mode;
		if (mode.times <= 0) mode = { ...mode, mode: 'ok' };
		return now;
	};
	const reset = () => {
		log = [];
		setMode('ok');
		settings = { expiresIn: 3600, hide: new Set() };
		codes = new Map();
		access = new Map();
		refresh = new Map();
		playlists = new Map();
	};
	const expireAll = () => {
		for (const t of access.values()) t.expiresAt = 0;
	};
	const revokeAll = () => {
		for (const t of access.values()) t.revoked = true;
		for (const t of refresh.values()) t.used = true;
	};
	const requests = () => log.map((r) => ({ ...r }));
	const state = () => ({
		playlists: [...playlists.values()].map((p) => ({ ...p, uris: [...p.uris] })),
		accessTokens: access.size,
		refreshTokens: refresh.size
	});

	const cors = {
		'Access-Control-Allow-Origin': '*',
		'Access-Control-Allow-Headers': 'Authorization, Content-Type',
		'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
		'Access-Control-Expose-Headers': 'Retry-After'
	};
	const json = (res, status, body, headers = {}) => {
		res.writeHead(status, {
			'Content-Type': 'application/json; charset=utf-8',
			...cors,
			...headers
		});
		res.end(JSON.stringify(body));
	};
	const apiError = (res, status, message, headers = {}) =>
		json(res, status, { error: { status, message } }, headers);
	const oauthError = (res, status, error, description) =>
		json(res, status, { error, error_description: description });
	const readBody = (req) =>
		new Promise((resolve) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => resolve(data));
		});

	function issue(scope) {
		const token = secret('BQ');
		const renewal = secret('AQ');
		access.set(token, { expiresAt: Date.now() + settings.expiresIn * 1000, scope, revoked: false });
		refresh.set(renewal, { used: false, scope });
		return {
			access_token: token,
			token_type: 'Bearer',
			expires_in: settings.expiresIn,
			refresh_token: renewal,
			scope
		};
	}

	async function authorize(req, res, url) {
		const p = url.searchParams;
		const page = (status, text) => {
			res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(`<!doctype html><title>Error</title><p>${text}</p>`);
		};
		if (p.get('client_id') !== clientId) return page(400, 'INVALID_CLIENT: Invalid client');
		const redirect = p.get('redirect_uri') ?? '';
		let target;
		try {
			target = new URL(redirect);
		} catch {
			return page(400, 'INVALID_CLIENT: Invalid redirect URI');
		}
		if (!/^(127\.0\.0\.1|\[::1\])$/.test(target.hostname) && target.protocol !== 'https:') {
			return page(400, 'INVALID_CLIENT: Insecure redirect URI');
		}
		if (p.get('response_type') !== 'code') return page(400, 'unsupported_response_type');
		const state = p.get('state');
		if (state !== null) target.searchParams.set('state', state);
		if (takeMode('authorize') === 'deny') {
			target.searchParams.set('error', 'access_denied');
		} else if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
			target.searchParams.set('error', 'invalid_request');
		} else {
			const code = secret('AQ');
			codes.set(code, {
				challenge: p.get('code_challenge'),
				redirectUri: redirect,
				scope: (p.get('scope') ?? '').split(/\s+/).filter(Boolean).join(' ')
			});
			target.searchParams.set('code', code);
		}
		res.writeHead(302, { Location: target.toString() });
		res.end();
	}

	async function token(req, res) {
		const form = new URLSearchParams(await readBody(req));
		log.at(-1).grant = form.get('grant_type');
		if (form.get('client_id') !== clientId) {
			return oauthError(res, 400, 'invalid_client', 'Invalid client');
		}
		if (form.get('grant_type') === 'authorization_code') {
			const grant = codes.get(form.get('code') ?? '');
			if (!grant) return oauthError(res, 400, 'invalid_grant', 'Invalid authorization code');
			codes.delete(form.get('code'));
			if (grant.redirectUri !== form.get('redirect_uri')) {
				return oauthError(res, 400, 'invalid_grant', 'Invalid redirect URI');
			}
			if (S256(form.get('code_verifier') ?? '') !== grant.challenge) {
				return oauthError(res, 400, 'invalid_grant', 'code_verifier was incorrect');
			}
			return json(res, 200, issue(grant.scope));
		}
		if (form.get('grant_type') === 'refresh_token') {
			const old = refresh.get(form.get('refresh_token') ?? '');
			if (!old || old.used) return oauthError(res, 400, 'invalid_grant', 'Refresh token revoked');
			old.used = true;
			return json(res, 200, issue(old.scope));
		}
		return oauthError(
			res,
			400,
			'unsupported_grant_type',
			'grant_type must be client_credentials, authorization_code or refresh_token'
		);
	}

	/** The caller's token, or undefined once it has answered the refusal. */
	function caller(req, res) {
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		const t = bearer ? access.get(bearer) : undefined;
		if (!bearer) return void apiError(res, 401, 'No token provided');
		if (!t || t.revoked) return void apiError(res, 401, 'Invalid access token');
		if (t.expiresAt <= Date.now()) {
			return void apiError(res, 401, 'The access token expired', {
				'WWW-Authenticate':
					'Bearer realm="spotify", error="invalid_token", error_description="The access token expired"'
			});
		}
		return t;
	}

	const intParam = (url, name, fallback) => {
		const v = url.searchParams.get(name);
		return v === null ? fallback : Number(v);
	};

	async function api(req, res, url) {
		const now = takeMode('api');
		if (now === 'down') return req.socket.destroy();
		if (now === '429') {
			res.writeHead(429, {
				...cors,
				...(mode.retryAfter === null ? {} : { 'Retry-After': String(mode.retryAfter) })
			});
			return res.end();
		}
		if (now === 'premium') {
			res.writeHead(403, { 'Content-Type': 'text/plain', ...cors });
			return res.end(
				'Active premium subscription required for the owner of the app. When the subscription status changes, it can take a few hours before requests are allowed again.'
			);
		}
		if (now === '503') return apiError(res, 503, 'Service unavailable');
		const who = caller(req, res);
		if (!who) return;
		const scopes = new Set(who.scope.split(' '));
		const path = url.pathname;
		const limit = (fallback, max) => {
			const n = intParam(url, 'limit', fallback);
			return Number.isInteger(n) && n >= 0 && n <= max ? n : undefined;
		};
		const offset = Math.max(0, intParam(url, 'offset', 0) || 0);

		if (req.method === 'GET' && path === '/v1/me') {
			return json(res, 200, {
				display_name: LISTENER.display_name,
				external_urls: external('user', LISTENER.id),
				href: `${API}/users/${LISTENER.id}`,
				id: LISTENER.id,
				images: [],
				type: 'user',
				uri: `spotify:user:${LISTENER.id}`
			});
		}
		if (req.method === 'GET' && path === '/v1/me/top/artists') {
			if (!scopes.has('user-top-read')) return apiError(res, 403, 'Insufficient client scope');
			const range = url.searchParams.get('time_range') ?? 'medium_term';
			const names = LISTENER.top[range];
			if (!names) return apiError(res, 400, 'Invalid time range');
			const n = limit(20, 50);
			if (n === undefined) return apiError(res, 400, 'Invalid limit');
			const items = names.slice(offset, offset + n).map((name) => ({
				...artistObject(name),
				genres: [],
				images: []
			}));
			return json(
				res,
				200,
				page(`${API}/me/top/artists?time_range=${range}`, items, n, offset, names.length)
			);
		}
		if (req.method === 'GET' && path === '/v1/search') {
			const n = limit(5, 10);
			if (n === undefined) return apiError(res, 400, 'Invalid limit');
			if (url.searchParams.get('type') !== 'album') return apiError(res, 400, 'Unsupported type');
			const q = url.searchParams.get('q') ?? '';
			if (!q.trim()) return apiError(res, 400, 'No search query');
			const { fields, free } = parseSearch(q);
			const found = ALBUMS.filter((a) => !settings.hide.has(a.title)).filter((a) => {
				if (fields.upc !== undefined) return a.upc === fields.upc;
				const title = fields.album ?? free;
				const artistOk = fields.artist === undefined || covers(fields.artist, a.artist);
				return artistOk && (!title || covers(title, a.title));
			});
			const href = `${API}/search?query=${encodeURIComponent(q)}&type=album&locale=*`;
			return json(res, 200, {
				albums: page(
					href,
					found.slice(offset, offset + n).map(simplifiedAlbum),
					n,
					offset,
					found.length
				)
			});
		}
		const album = path.match(/^\/v1\/albums\/([0-9A-Za-z]{22})(\/tracks)?$/);
		if (req.method === 'GET' && album) {
			const found = ALBUM_BY_ID.get(album[1]);
			if (!found || settings.hide.has(found.title)) return apiError(res, 404, 'Resource not found');
			const tracks = found.tracks.map((t, i) => simplifiedTrack(found, t, i));
			if (!album[2]) {
				return json(res, 200, {
					...simplifiedAlbum(found),
					tracks: page(
						`${API}/albums/${found.id}/tracks`,
						tracks.slice(0, 50),
						50,
						0,
						tracks.length
					),
					copyrights: [],
					external_ids: { upc: found.upc }
				});
			}
			const n = limit(20, 50);
			if (n === undefined) return apiError(res, 400, 'Invalid limit');
			return json(
				res,
				200,
				page(
					`${API}/albums/${found.id}/tracks`,
					tracks.slice(offset, offset + n),
					n,
					offset,
					tracks.length
				)
			);
		}
		if (req.method === 'POST' && path === '/v1/me/playlists') {
			let body;
			try {
				body = JSON.parse(log.at(-1).body || '{}');
			} catch {
				return apiError(res, 400, 'Error parsing JSON.');
			}
			if (typeof body.name !== 'string' || !body.name)
				return apiError(res, 400, 'Missing required field: name');
			const isPublic = body.public !== false;
			if (!scopes.has(isPublic ? 'playlist-modify-public' : 'playlist-modify-private')) {
				return apiError(res, 403, 'Insufficient client scope');
			}
			const id = spotifyId('playlist', String(playlists.size), body.name, String(Date.now()));
			const playlist = {
				id,
				name: body.name,
				description: typeof body.description === 'string' ? body.description : null,
				public: isPublic,
				uris: []
			};
			playlists.set(id, playlist);
			return json(res, 201, {
				collaborative: false,
				description: playlist.description,
				external_urls: external('playlist', id),
				href: `${API}/playlists/${id}`,
				id,
				images: [],
				name: playlist.name,
				owner: {
					display_name: LISTENER.display_name,
					external_urls: external('user', LISTENER.id),
					href: `${API}/users/${LISTENER.id}`,
					id: LISTENER.id,
					type: 'user',
					uri: `spotify:user:${LISTENER.id}`
				},
				public: isPublic,
				snapshot_id: secret(''),
				items: { href: `${API}/playlists/${id}/items`, total: 0 },
				tracks: null,
				type: 'playlist',
				uri: `spotify:playlist:${id}`
			});
		}
		const items = path.match(/^\/v1\/playlists\/([0-9A-Za-z]{22})\/items$/);
		if (items) {
			const playlist = playlists.get(items[1]);
			if (!playlist) return apiError(res, 404, 'Resource not found');
			if (req.method === 'GET') {
				return json(
					res,
					200,
					page(
						`${API}/playlists/${playlist.id}/items`,
						playlist.uris.map((uri) => ({ item: { uri } })),
						100,
						0,
						playlist.uris.length
					)
				);
			}
			let body;
			try {
				body = JSON.parse(log.at(-1).body || '{}');
			} catch {
				return apiError(res, 400, 'Error parsing JSON.');
			}
			const uris = Array.isArray(body.uris) ? body.uris : [];
			if (uris.length === 0) return apiError(res, 400, 'No uris provided');
			if (uris.length > 100) return apiError(res, 400, 'Too many ids requested');
			if (!uris.every((u) => /^spotify:track:[0-9A-Za-z]{22}$/.test(u))) {
				return apiError(res, 400, 'Invalid track uri');
			}
			playlist.uris.push(...uris);
			return json(res, 201, { snapshot_id: secret('') });
		}
		return apiError(res, 404, 'Service not found');
	}

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
					if (body.expiresIn !== undefined) settings.expiresIn = Number(body.expiresIn);
					if (body.hide !== undefined) settings.hide = new Set(body.hide);
					return json(res, 200, { ok: true });
				case '/__fake/state':
					return json(res, 200, state());
			}
			return json(res, 404, { error: 'no such control' });
		}
		const body = req.method === 'POST' && url.pathname !== '/api/token' ? await readBody(req) : '';
		log.push({
			at: Date.now(),
			method: req.method ?? 'GET',
			path: url.pathname,
			search: url.search,
			authorization: req.headers.authorization ?? null,
			body
		});
		if (url.pathname === '/authorize' && req.method === 'GET') return authorize(req, res, url);
		if (url.pathname === '/api/token' && req.method === 'POST') return token(req, res);
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
			log = [];
		},
		reset,
		expireAll,
		revokeAll,
		configure(options) {
			if (options.expiresIn !== undefined) settings.expiresIn = options.expiresIn;
			if (options.hide !== undefined) settings.hide = new Set(options.hide);
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
