/**
 * The one shared fake of MusicBrainz's release-group search (shared/FORMATS.md §7), for the
 * catalogue's unit tests, the grounding benchmark and browser journeys. Plain JS on node:http.
 *
 *   import { startFakeMusicBrainz } from '../../tests/fakes/fake-musicbrainz.mjs'
 *   const mb = await startFakeMusicBrainz({ latencyMs: 300 }); // { url, port, close, requests, setMode, reset }
 *   node tests/fakes/fake-musicbrainz.mjs --port 54330 [--latency 300]   (CLI; stops on SIGTERM/SIGINT)
 *
 * Serves `GET /ws/2/release-group?query=…&fmt=json&limit=&offset=` from a catalogue of real
 * albums (titles, credits, types and dates as MusicBrainz has them; the MBIDs are synthetic,
 * stable per album). It understands only the Lucene the app sends:
 * `(releasegroup:"…"~n AND artist:"…"~n) OR (…)`, matching phrases the way the MusicBrainz index
 * does — case and accents folded, punctuation dropped, `~n` allowing n extra words in between.
 * Artists too (fake-musicbrainz-artists.mjs): `GET /ws/2/artist?query=artist:"…"~n OR …` (the
 * artist search, ranked by score like the real one), `GET /ws/2/artist/<mbid>` (a lookup; areas
 * carry their ISO 3166 codes, `inc=tags+genres` adds those) and `GET /ws/2/area/<id>?inc=area-rels`
 * ("part of" relations: backward to the area it lies in, forward to the areas inside it).
 * `startFakeMusicBrainz({ artists })` adds artists to the catalogue, in the same shape.
 * Releases (fake-musicbrainz-releases.mjs): `GET /ws/2/release-group/<mbid>?inc=url-rels` (the
 * lookup with its links: review, Wikidata, Discogs, AllMusic) and
 * `GET /ws/2/release?release-group=<mbid>&inc=recordings` (barcodes, tracks and recordings).
 * setMode('503' | 'down', times?) answers 503 or drops the connection for `times` requests
 * (default: until set back to 'ok'). The same control over HTTP, for another process:
 *   POST /__fake/mode { mode, times? }    GET /__fake/requests    POST /__fake/reset
 *
 * This file holds the server, its modes and its routes; the albums and their search are in
 * fake-musicbrainz-release-groups.mjs, the artist and area answers in
 * fake-musicbrainz-artist-answers.mjs, and how the index reads text in fake-musicbrainz-text.mjs.
 */
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { ARTISTS } from './fake-musicbrainz-artists.mjs';
import {
	AREA_BY_ID,
	buildArtists,
	lookUpArea,
	lookUpArtist,
	parseArtistQuery,
	searchArtists
} from './fake-musicbrainz-artist-answers.mjs';
import { releaseAnswers } from './fake-musicbrainz-releases.mjs';
import {
	browseReleaseGroups,
	parseQuery,
	RELEASE_GROUP_BY_ID,
	searchReleaseGroups
} from './fake-musicbrainz-release-groups.mjs';

export { fakeId, tokens } from './fake-musicbrainz-text.mjs';
export { fakeArtistId, parseQuery } from './fake-musicbrainz-release-groups.mjs';
export { parseArtistQuery } from './fake-musicbrainz-artist-answers.mjs';

/**
 * @param {{ port?: number, host?: string, latencyMs?: number, artists?: unknown[][] }} [options]
 */
export async function startFakeMusicBrainz({
	port = 0,
	host = '127.0.0.1',
	latencyMs = 0,
	artists: extraArtists = []
} = {}) {
	const artists = buildArtists([...ARTISTS, ...extraArtists]);
	const artistById = new Map(artists.map((a) => [a.id, a]));
	let state = { mode: 'ok', times: Infinity };
	let log = [];
	const sockets = new Set();

	function setMode(mode, times = Infinity) {
		state = { mode, times };
	}
	function takeMode() {
		const mode = state.mode;
		if (mode !== 'ok' && --state.times <= 0) state = { mode: 'ok', times: Infinity };
		return mode;
	}
	const requests = () => log.map((r) => ({ ...r }));
	const reset = () => {
		setMode('ok');
		log = [];
	};

	const send = (res, status, body, type = 'application/json; charset=utf-8') => {
		res.writeHead(status, { 'Content-Type': type, 'Access-Control-Allow-Origin': '*' });
		res.end(typeof body === 'string' ? body : JSON.stringify(body));
	};
	const readBody = (req) =>
		new Promise((resolve) => {
			let data = '';
			req.on('data', (c) => (data += c));
			req.on('end', () => resolve(data ? JSON.parse(data) : {}));
		});

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://fake');
		if (req.method === 'OPTIONS') {
			res.writeHead(204, {
				'Access-Control-Allow-Origin': '*',
				'Access-Control-Allow-Headers': 'User-Agent, Accept'
			});
			return res.end();
		}
		if (url.pathname === '/__fake/mode' && req.method === 'POST') {
			const { mode = 'ok', times } = await readBody(req);
			setMode(mode, times ?? Infinity);
			return send(res, 200, { ok: true });
		}
		if (url.pathname === '/__fake/requests') return send(res, 200, requests());
		if (url.pathname === '/__fake/reset') {
			reset();
			return send(res, 200, { ok: true });
		}
		if (!url.pathname.startsWith('/ws/2/')) return send(res, 404, { error: 'Not Found' });

		const query = url.searchParams.get('query') ?? '';
		log.push({
			at: Date.now(),
			path: url.pathname,
			query,
			limit: url.searchParams.get('limit'),
			userAgent: req.headers['user-agent'] ?? null
		});
		const mode = takeMode();
		if (latencyMs) await new Promise((r) => setTimeout(r, latencyMs));
		if (mode === 'down') return req.socket.destroy();
		if (mode === '503') {
			const page =
				'<html><body>Your requests are exceeding the allowable rate limit.</body></html>';
			return send(res, 503, page, 'text/html');
		}
		const notFound = () =>
			send(res, 404, {
				error: 'Not Found',
				help: 'For usage, please see: https://musicbrainz.org/development/mmd'
			});
		const inc = (url.searchParams.get('inc') ?? '').split(/[+ ]/);
		const releases = releaseAnswers(url, inc, RELEASE_GROUP_BY_ID);
		if (releases) return send(res, releases.status, releases.body);
		const lookup = url.pathname.match(/^\/ws\/2\/(artist|area)\/([0-9a-f-]{36})$/);
		if (lookup?.[1] === 'artist') {
			const artist = artistById.get(lookup[2]);
			return artist ? send(res, 200, lookUpArtist(artist, inc)) : notFound();
		}
		if (lookup?.[1] === 'area') {
			const area = AREA_BY_ID.get(lookup[2]);
			return area ? send(res, 200, lookUpArea(area, inc)) : notFound();
		}
		if (url.pathname === '/ws/2/artist') {
			const phrases = parseArtistQuery(query);
			if (!phrases) return send(res, 400, { error: `Invalid query: ${query}` });
			const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 100);
			const offset = Number(url.searchParams.get('offset') ?? 0);
			const found = searchArtists(artists, phrases);
			return send(res, 200, {
				created: new Date().toISOString(),
				count: found.length,
				offset,
				artists: found.slice(offset, offset + limit)
			});
		}
		if (url.pathname !== '/ws/2/release-group') return notFound();
		if (url.searchParams.has('artist')) return send(res, ...browseReleaseGroups(url));
		const clauses = parseQuery(query);
		if (!clauses) return send(res, 400, { error: `Invalid query: ${query}` });
		const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 100);
		const offset = Number(url.searchParams.get('offset') ?? 0);
		const found = searchReleaseGroups(clauses);
		send(res, 200, {
			created: new Date().toISOString(),
			count: found.length,
			offset,
			'release-groups': found.slice(offset, offset + limit)
		});
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
	const fake = await startFakeMusicBrainz({
		port: arg('--port') ?? 0,
		latencyMs: arg('--latency') ?? 0
	});
	console.log(`fake MusicBrainz listening on ${fake.url}`);
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
