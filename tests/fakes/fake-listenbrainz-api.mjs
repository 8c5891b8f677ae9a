/**
 * The fake ListenBrainz main API (api.listenbrainz.org, paths under /1/): routes for
 * tests/fakes/fake-listenbrainz.mjs. Each answers `{ status, body, headers? }`, or undefined
 * for a path it does not serve. Shapes and words as the real server sends them
 * (tests/unit/fixtures/api-real/listenbrainz and its SOURCES.md): compact JSON with sorted keys,
 * `{"code":404,"error":"Cannot find user: …"}`, 204 with no body while a listener's statistics are
 * not calculated yet, 401 `Invalid authorization token.`, and `GET /1/validate-token` answering
 * 200 either way with `valid` saying which.
 *
 *   GET  /1/stats/user/{name}/artists?range=&count=&offset=   top artists (404 unknown, 204 none yet)
 *   GET  /1/validate-token                                     with `Authorization: Token …`
 *   POST /1/playlist/create                                    JSPF; tracks must be recording URIs
 *
 * Listeners and their tokens are in LB_LISTENERS; playlists created land in `state.playlists`
 * (GET /__fake/requests shows the bodies sent).
 */
import { createHash } from 'node:crypto';

const RANGES = [
	'this_week',
	'this_month',
	'this_year',
	'week',
	'month',
	'quarter',
	'year',
	'half_yearly',
	'all_time'
];

/** Listeners the fake knows: their token and listen counts per range (best first). */
export const LB_LISTENERS = {
	'ada-brainz': {
		token: 'a1b2c3d4-lb-token-of-ada-brainz',
		stats: {
			all_time: [
				['Radiohead', 'a74b1b7f-71a5-4011-9441-d0b5e4122711', 3120],
				['Cocteau Twins', 'f6f2326f-6b25-4170-b89d-e235b25508e8', 2480],
				['Talk Talk', null, 1904],
				['Can', '2813cb4d-4e8e-4c3a-9a4e-0d2b4f2c7d71', 1388],
				['Nick Drake', '1a0e0f4b-3f6c-4c5f-bf4e-5b4d0c7f2a11', 1002],
				['Slowdive', null, 877]
			],
			this_year: [
				['Slowdive', null, 212],
				['Burial', '9ddce51c-2b75-4b3e-ac8c-1db09e7c89c6', 190],
				['Cocteau Twins', 'f6f2326f-6b25-4170-b89d-e235b25508e8', 140]
			]
		}
	},
	/** Signed up, but ListenBrainz has not calculated their statistics yet: 204. */
	'new-brainz': { token: 'e5f6a7b8-lb-token-of-new-brainz', stats: {} }
};

/** Sorted keys, as Flask's jsonify sends them. */
function sorted(value) {
	if (Array.isArray(value)) return value.map(sorted);
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.keys(value)
				.sort()
				.map((k) => [k, sorted(value[k])])
		);
	}
	return value;
}

const answer = (status, body, headers) => ({ status, body: sorted(body), headers });
const error = (code, text) => answer(code, { code, error: text });
const playlistMbid = (n, title) => {
	const h = createHash('sha1').update(`${n}\u0000${title}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

function knownUser(name) {
	const key = Object.keys(LB_LISTENERS).find((k) => k.toLowerCase() === name.toLowerCase());
	return key ? { name: key, ...LB_LISTENERS[key] } : undefined;
}

function tokenUser(headers) {
	const header = String(headers.authorization ?? '');
	const token = /^Token\s+(.+)$/i.exec(header)?.[1]?.trim();
	if (!header) return { error: error(401, 'You need to provide an Authorization header.') };
	const user = Object.entries(LB_LISTENERS).find(([, u]) => u.token === token);
	return user ? { name: user[0] } : { error: error(401, 'Invalid authorization token.') };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRACK_PREFIX = 'https://musicbrainz.org/recording/';
const PLAYLIST_EXTENSION = 'https://musicbrainz.org/doc/jspf#playlist';

/** The checks of listenbrainz-server's playlist_api.py, in its words. */
function validatePlaylist(jspf) {
	if (!jspf || typeof jspf !== 'object' || !('playlist' in jspf)) {
		return "JSPF playlist requires 'playlist' element";
	}
	const playlist = jspf.playlist;
	if (!playlist.title) {
		return 'JSPF playlist must contain a title element with the title of the playlist.';
	}
	const extension = playlist.extension?.[PLAYLIST_EXTENSION] ?? {};
	if (!('public' in extension)) {
		return `JSPF playlist.extension.${PLAYLIST_EXTENSION}.public field must be given.`;
	}
	if (typeof extension.public !== 'boolean')
		return 'JSPF playlist public field must contain a boolean.';
	for (const [i, track] of (playlist.track ?? []).entries()) {
		const id = track?.identifier;
		if (!id)
			return `JSPF playlist track ${i} must contain an identifier element with recording MBID.`;
		if (!String(id).startsWith(TRACK_PREFIX)) {
			return `JSPF playlist track ${i} identifier must have the namespace '${TRACK_PREFIX}' prepended to it.`;
		}
		if (!UUID.test(String(id).slice(TRACK_PREFIX.length))) {
			return `JSPF playlist track ${i} does not contain a valid track identifier field.`;
		}
	}
	return undefined;
}

/** @param {{ method: string, url: URL, headers: Record<string, unknown>, body: string, state: { playlists: unknown[] } }} request */
export async function apiRoutes({ method, url, headers, body, state }) {
	const stats = url.pathname.match(/^\/1\/stats\/user\/([^/]+)\/artists$/);
	if (stats && method === 'GET') {
		const name = decodeURIComponent(stats[1]);
		const user = knownUser(name);
		if (!user) return error(404, `Cannot find user: ${name}`);
		const range = url.searchParams.get('range') ?? 'all_time';
		if (!RANGES.includes(range)) return error(400, `Invalid range: ${range}`);
		const rows = user.stats[range];
		if (!rows) return { status: 204, body: '' };
		const count = Math.min(Number(url.searchParams.get('count') ?? 25) || 25, 1000);
		const offset = Number(url.searchParams.get('offset') ?? 0) || 0;
		const now = Math.floor(Date.now() / 1000);
		return answer(200, {
			payload: {
				artists: rows
					.slice(offset, offset + count)
					.map(([artist_name, artist_mbid, listen_count]) => ({
						artist_mbid,
						artist_name,
						listen_count
					})),
				count: Math.min(count, Math.max(0, rows.length - offset)),
				from_ts: 1009843200,
				last_updated: now - 3600,
				offset,
				range,
				to_ts: now - 7200,
				total_artist_count: rows.length,
				user_id: user.name
			}
		});
	}
	if (url.pathname === '/1/validate-token' && method === 'GET') {
		const who = tokenUser(headers);
		if (who.error && !headers.authorization) return who.error;
		return who.error
			? answer(200, { code: 200, message: 'Token invalid.', valid: false })
			: answer(200, { code: 200, message: 'Token valid.', user_name: who.name, valid: true });
	}
	if (url.pathname === '/1/playlist/create' && method === 'POST') {
		const who = tokenUser(headers);
		if (who.error) return who.error;
		let jspf;
		try {
			jspf = JSON.parse(body);
		} catch {
			return error(400, 'Poorly formatted JSON.');
		}
		const problem = validatePlaylist(jspf);
		if (problem) return error(400, problem);
		const mbid = playlistMbid(state.playlists.length, jspf.playlist.title);
		state.playlists.push({
			mbid,
			creator: who.name,
			title: jspf.playlist.title,
			annotation: jspf.playlist.annotation ?? null,
			public: jspf.playlist.extension[PLAYLIST_EXTENSION].public,
			recordings: (jspf.playlist.track ?? []).map((t) => t.identifier.slice(TRACK_PREFIX.length))
		});
		return answer(200, { playlist_mbid: mbid, status: 'ok' });
	}
	return undefined;
}
