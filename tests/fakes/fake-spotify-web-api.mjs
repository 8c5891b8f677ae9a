/**
 * The fake Spotify's Web API (2026), with `Authorization: Bearer <access token>`: /v1/me, the
 * listener's top artists, the album search (at most 10 a page), albums and their tracks, and
 * playlists (create, add items, read them back). An expired token answers 401 "The access token
 * expired", a revoked one 401 "Invalid access token"; the modes answer 429, the plain-text 403
 * of a Development Mode app whose owner has no Premium, 503, or drop the connection.
 */
import {
	ALBUM_BY_ID,
	ALBUMS,
	API,
	artistObject,
	covers,
	external,
	LISTENER,
	page,
	parseSearch,
	secret,
	simplifiedAlbum,
	simplifiedTrack,
	spotifyId
} from './fake-spotify-catalog.mjs';
import { apiError, cors, json } from './fake-spotify-http.mjs';

/**
 * @param {{ store: object, takeMode: (at: string) => string }} fake the fake's state (tokens,
 *   settings, playlists, the request log) and its modes
 */
export function webApi({ store, takeMode }) {
	/** The caller's token, or undefined once it has answered the refusal. */
	function caller(req, res) {
		const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
		const t = bearer ? store.access.get(bearer) : undefined;
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
				...(store.mode.retryAfter === null ? {} : { 'Retry-After': String(store.mode.retryAfter) })
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
			const found = ALBUMS.filter((a) => !store.settings.hide.has(a.title)).filter((a) => {
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
			if (!found || store.settings.hide.has(found.title))
				return apiError(res, 404, 'Resource not found');
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
				body = JSON.parse(store.log.at(-1).body || '{}');
			} catch {
				return apiError(res, 400, 'Error parsing JSON.');
			}
			if (typeof body.name !== 'string' || !body.name)
				return apiError(res, 400, 'Missing required field: name');
			const isPublic = body.public !== false;
			if (!scopes.has(isPublic ? 'playlist-modify-public' : 'playlist-modify-private')) {
				return apiError(res, 403, 'Insufficient client scope');
			}
			const id = spotifyId('playlist', String(store.playlists.size), body.name, String(Date.now()));
			const playlist = {
				id,
				name: body.name,
				description: typeof body.description === 'string' ? body.description : null,
				public: isPublic,
				uris: []
			};
			store.playlists.set(id, playlist);
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
			const playlist = store.playlists.get(items[1]);
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
				body = JSON.parse(store.log.at(-1).body || '{}');
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

	return api;
}
