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
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import process from 'node:process';
import { pathToFileURL } from 'node:url';
import { POOL } from './fake-openai-answers.mjs';
import { AREAS, ARTISTS } from './fake-musicbrainz-artists.mjs';
import { releaseAnswers } from './fake-musicbrainz-releases.mjs';

/** [title, credit [[name, joinphrase?, sort-name?]], primary type, secondary types, first release] */
const CATALOGUE = [
	[
		'The Velvet Underground & Nico',
		[['The Velvet Underground', ' & ', 'Velvet Underground, The'], ['Nico']],
		'Album',
		[],
		'1967-03-12'
	],
	['Ágætis byrjun', [['Sigur Rós']], 'Album', [], '1999-06-12'],
	['OK Computer', [['Radiohead']], 'Album', [], '1997-05-21'],
	['OK Computer OKNOTOK 1997 2017', [['Radiohead']], 'Album', ['Compilation'], '2017-06-23'],
	['Kid A', [['Radiohead']], 'Album', [], '2000-10-02'],
	['Kid A Mnesia', [['Radiohead']], 'Album', ['Compilation'], '2021-11-05'],
	['In Rainbows', [['Radiohead']], 'Album', [], '2007-10-10'],
	['Hounds of Love', [['Kate Bush']], 'Album', [], '1985-09-16'],
	['Hounds of Love', [['Kate Bush']], 'Single', [], '1986-02-17'],
	['“Heroes”', [['David Bowie']], 'Single', [], '1977-09-23'],
	['“Heroes”', [['David Bowie']], 'Album', [], '1977-10-14'],
	['Blue', [['Joni Mitchell']], 'Album', [], '1971-06-22'],
	['Blue', [['LeAnn Rimes']], 'Album', [], '1996-07-09'],
	['Greatest Hits', [['Queen']], 'Album', ['Compilation'], '1981-10-26'],
	['Live at Leeds', [['The Who', '', 'Who, The']], 'Album', ['Live'], '1970-05-16'],
	['Nevermind', [['Nirvana']], 'Album', [], '1991-09-24'],
	['MTV Unplugged in New York', [['Nirvana']], 'Album', ['Live'], '1994-11-01'],
	[
		'Bridge Over Troubled Water',
		[['Simon & Garfunkel', '', 'Simon & Garfunkel']],
		'Album',
		[],
		'1970-01-26'
	],
	['Kind of Blue', [['Miles Davis']], 'Album', [], '1959-08-17'],
	['Rumours', [['Fleetwood Mac']], 'Album', [], '1977-02-04'],
	['Rumours Live', [['Fleetwood Mac']], 'Album', ['Live'], '2023-09-08'],
	['Abbey Road', [['The Beatles', '', 'Beatles, The']], 'Album', [], '1969-09-26'],
	[
		'Sgt. Pepper’s Lonely Hearts Club Band',
		[['The Beatles', '', 'Beatles, The']],
		'Album',
		[],
		'1967-05-26'
	],
	['Pet Sounds', [['The Beach Boys', '', 'Beach Boys, The']], 'Album', [], '1966-05-16'],
	['Unknown Pleasures', [['Joy Division']], 'Album', [], '1979-06-15'],
	['Homogenic', [['Björk']], 'Album', [], '1997-09-22'],
	['Songs for Drella', [['Lou Reed', ' / '], ['John Cale']], 'Album', [], '1990-04'],
	['Remain in Light', [['Talking Heads']], 'Album', [], '1980-10-08'],
	['To Pimp a Butterfly', [['Kendrick Lamar']], 'Album', [], '2015-03-15'],
	['Illmatic', [['Nas']], 'Album', [], '1994-04-19'],
	['Dummy', [['Portishead']], 'Album', [], '1994-08-22'],
	['Selected Ambient Works 85–92', [['Aphex Twin']], 'Album', [], '1992-11-09'],
	['Blue Lines', [['Massive Attack']], 'Album', [], '1991-04-08'],
	['Loveless', [['My Bloody Valentine']], 'Album', [], '1991-11-04'],
	['A Love Supreme', [['John Coltrane']], 'Album', [], '1965-02'],
	// More of the catalogue's neighbourhoods (catalogue mode browses an artist's albums): a few
	// artists with several studio albums, a compilation and a live album beside them.
	['Protection', [['Massive Attack']], 'Album', [], '1994-09-26'],
	['Collected', [['Massive Attack']], 'Album', ['Compilation'], '2006-03-27'],
	['Portishead', [['Portishead']], 'Album', [], '1997-09-29'],
	['Third', [['Portishead']], 'Album', [], '2008-04-28'],
	['Roseland NYC Live', [['Portishead']], 'Album', ['Live'], '1998-11-02'],
	['The Colour of Spring', [['Talk Talk']], 'Album', [], '1986-02-17'],
	['Natural History', [['Talk Talk']], 'Album', ['Compilation'], '1990-06-04'],
	['Just for a Day', [['Slowdive']], 'Album', [], '1991-09-02'],
	['Pygmalion', [['Slowdive']], 'Album', [], '1995-02-06'],
	['Geogaddi', [['Boards of Canada']], 'Album', [], '2002-02-18'],
	['Treasure', [['Cocteau Twins']], 'Album', [], '1984-11-01'],
	['Ege Bamyasi', [['Can']], 'Album', [], '1972-11'],
	['Neu! 2', [['Neu!']], 'Album', [], '1973'],
	["Neu! '75", [['Neu!']], 'Album', [], '1975'],
	['Autobahn', [['Kraftwerk']], 'Album', [], '1974-11-01'],
	['The Man-Machine', [['Kraftwerk']], 'Album', [], '1978-05-19'],
	['Minimum-Maximum', [['Kraftwerk']], 'Album', ['Live'], '2005-06-06'],
	['Richard D. James Album', [['Aphex Twin']], 'Album', [], '1996-11-04'],
	['Burial', [['Burial']], 'Album', [], '2006-05-15'],
	['Debut', [['Björk']], 'Album', [], '1993-07-05'],
	['Post', [['Björk']], 'Album', [], '1995-06-13'],
	['Vespertine', [['Björk']], 'Album', [], '2001-08-27'],
	['( )', [['Sigur Rós']], 'Album', [], '2002-10-28'],
	['Aman Iman: Water Is Life', [['Tinariwen']], 'Album', [], '2007-02-26'],
	['Fear of Music', [['Talking Heads']], 'Album', [], '1979-08-03'],
	['Court and Spark', [['Joni Mitchell']], 'Album', [], '1974-01-17'],
	['Hejira', [['Joni Mitchell']], 'Album', [], '1976-11-22'],
	['Five Leaves Left', [['Nick Drake']], 'Album', [], '1969-07-03'],
	['Bryter Layter', [['Nick Drake']], 'Album', [], '1970-11-01'],
	['Innervisions', [['Stevie Wonder']], 'Album', [], '1973-08-03'],
	['Let’s Get It On', [['Marvin Gaye']], 'Album', [], '1973-08-28'],
	// Credited as the live service answers it (recorded 2021): a " vs. " collaboration.
	[
		'Cult Assassin',
		[['DJ Muggs', ' vs. ', 'Muggs, DJ'], ['Ill Bill']],
		'Album',
		['Compilation', 'DJ-mix', 'Mixtape/Street'],
		'2010-08-31'
	]
];

// Every real album the fake model recommends exists here too, so browser journeys
// ground them; the model's deliberately invented album is absent.
for (const [title, artist, year] of POOL) {
	const known = CATALOGUE.some(([t, credit]) => t === title && credit[0][0] === artist);
	if (!known) CATALOGUE.push([title, [[artist]], 'Album', [], year]);
}

const TYPE_IDS = {
	Album: 'f529b476-6e62-324f-b0aa-1f3e33d313fc',
	Single: 'd6038452-8ee0-3f68-affc-2de9a1ede0b9'
};

/** A stable UUID-shaped id for a name (not a real MBID). */
export function fakeId(...parts) {
	const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const RELEASE_GROUPS = CATALOGUE.map(([title, credit, type, secondary, date]) => {
	const id = fakeId('release-group', title, credit.map((c) => c[0]).join(), type);
	return {
		id,
		'type-id': TYPE_IDS[type],
		score: 100,
		count: 1,
		title,
		'first-release-date': date,
		'primary-type': type,
		'primary-type-id': TYPE_IDS[type],
		...(secondary.length ? { 'secondary-types': secondary } : {}),
		'artist-credit': credit.map(([name, joinphrase, sortName]) => ({
			name,
			...(joinphrase ? { joinphrase } : {}),
			artist: { id: fakeArtistId(name), name, 'sort-name': sortName ?? name }
		})),
		releases: [{ id: fakeId('release', id), title, status: 'Official' }],
		tags: []
	};
});

const LIGATURES = { æ: 'ae', œ: 'oe', ø: 'o', ß: 'ss', ð: 'd', đ: 'd', þ: 'th', ł: 'l' };

/** Folded words, as the search index sees text. */
export function tokens(text) {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[æœøßðđþł]/g, (c) => LIGATURES[c])
		.replace(/['’]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** Do the phrase's words occur in order in the text, with at most `slop` extra words between? */
function phraseMatches(words, text, slop) {
	const doc = tokens(text);
	if (!words.length) return false;
	for (let start = 0; start < doc.length; start++) {
		if (doc[start] !== words[0]) continue;
		let at = start;
		let gaps = 0;
		let ok = true;
		for (const word of words.slice(1)) {
			const next = doc.indexOf(word, at + 1);
			if (next < 0) {
				ok = false;
				break;
			}
			gaps += next - at - 1;
			at = next;
		}
		if (ok && gaps <= slop) return true;
	}
	return false;
}

const PHRASE = String.raw`"((?:[^"\\]|\\.)*)"(?:~(\d+))?`;
const CLAUSE = new RegExp(String.raw`\(releasegroup:${PHRASE} AND artist:${PHRASE}\)`, 'g');
const unescape = (s) => s.replace(/\\(.)/g, '$1');

/** The clauses of a query the app sends, or null for anything else. */
export function parseQuery(query) {
	const clauses = [...query.matchAll(CLAUSE)].map((m) => ({
		title: tokens(unescape(m[1])),
		titleSlop: Number(m[2] ?? 0),
		artist: tokens(unescape(m[3])),
		artistSlop: Number(m[4] ?? 0)
	}));
	const rest = query
		.replace(CLAUSE, '')
		.replace(/\bOR\b/g, '')
		.trim();
	return clauses.length && rest === '' ? clauses : null;
}

function search(clauses) {
	return RELEASE_GROUPS.filter((rg) => {
		const artistTexts = [
			rg['artist-credit'].map((c) => c.name + (c.joinphrase ?? '')).join(''),
			...rg['artist-credit'].map((c) => c.artist.name)
		];
		return clauses.some(
			(c) =>
				phraseMatches(c.title, rg.title, c.titleSlop) &&
				artistTexts.some((t) => phraseMatches(c.artist, t, c.artistSlop))
		);
	});
}

const RELEASE_GROUP_BY_ID = new Map(RELEASE_GROUPS.map((rg) => [rg.id, rg]));

const AREA_TYPE_IDS = {
	Country: '06dd0ae4-8c74-30bb-b43d-95dcedf961de',
	Subdivision: 'fd3d44c5-80a1-3842-9745-2c4972d35afa',
	City: '6fd8f29a-3d0a-32fc-980d-ea697b69da78'
};
const ARTIST_TYPE_IDS = {
	Person: 'b6e035f4-3ce9-331c-97df-83397230b0df',
	Group: 'e431f5f6-b5d2-343d-8b36-72607fffb74b'
};
const PART_OF = 'de7cc874-8b1b-3a05-8272-f3834c968fb7';

const AREA_BY_KEY = new Map(
	AREAS.map(([key, type, iso1, iso2, parent, name, mbid]) => [
		key,
		{ key, id: mbid ?? fakeId('area', key), name: name ?? key, type, iso1, iso2, parent }
	])
);
const AREA_BY_ID = new Map([...AREA_BY_KEY.values()].map((a) => [a.id, a]));

/** An area as MusicBrainz embeds it in an artist or a relation (no ISO codes there). */
function embeddedArea(area) {
	return {
		id: area.id,
		type: area.type,
		'type-id': AREA_TYPE_IDS[area.type] ?? null,
		name: area.name,
		'sort-name': area.name,
		'life-span': { ended: null }
	};
}

/** Artist rows → the artist objects the search answers with, ids stable per name. */
function buildArtists(rows) {
	const seen = new Set();
	return rows.map(([name, type, areaKey, beginKey, begin, end, tags, comment, sortName, mbid]) => {
		// A second artist of the same name (the other Nirvana) gets an id of its own.
		const id =
			mbid ?? (seen.has(name) ? fakeId('artist', name, comment ?? '') : fakeId('artist', name));
		seen.add(name);
		const area = areaKey ? AREA_BY_KEY.get(areaKey) : undefined;
		const beginArea = beginKey ? AREA_BY_KEY.get(beginKey) : undefined;
		if ((areaKey && !area) || (beginKey && !beginArea))
			throw new Error(`fake MusicBrainz: unknown area for ${name}`);
		return {
			id,
			type,
			'type-id': ARTIST_TYPE_IDS[type] ?? null,
			name,
			'sort-name': sortName ?? name,
			// The search sends `country` only when the artist's area is itself a country.
			...(area?.iso1.length ? { country: area.iso1[0] } : {}),
			...(area ? { area: embeddedArea(area) } : {}),
			...(beginArea ? { 'begin-area': embeddedArea(beginArea) } : {}),
			...(comment ? { disambiguation: comment } : {}),
			'life-span': {
				...(begin ? { begin } : {}),
				...(end ? { end } : {}),
				ended: end ? true : null
			},
			...(tags.length ? { tags: tags.map(([tag, count]) => ({ count, name: tag })) } : {})
		};
	});
}

const ARTIST_CLAUSE = new RegExp(String.raw`artist:${PHRASE}`, 'g');

/** The phrases of an artist search the app sends (`artist:"…" OR …`), or null for anything else. */
export function parseArtistQuery(query) {
	const clauses = [...query.matchAll(ARTIST_CLAUSE)].map((m) => ({
		words: tokens(unescape(m[1])),
		slop: Number(m[2] ?? 0)
	}));
	const rest = query
		.replace(ARTIST_CLAUSE, '')
		.replace(/\bOR\b/g, '')
		.trim();
	return clauses.length && rest === '' ? clauses : null;
}

/**
 * Every artist a phrase matches, best first. The score is how much of the name the phrase
 * covers (100 for the whole name), so two artists of one name score alike, as they do on
 * musicbrainz.org.
 */
function searchArtists(artists, clauses) {
	const hits = [];
	for (const artist of artists) {
		const length = tokens(artist.name).length;
		let best = 0;
		for (const c of clauses) {
			if (!phraseMatches(c.words, artist.name, c.slop)) continue;
			best = Math.max(best, Math.min(100, Math.round((100 * (c.words.length + c.slop)) / length)));
		}
		if (best) hits.push({ ...artist, score: best });
	}
	return hits.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

const codes = (area) => ({
	...(area.iso1.length ? { 'iso-3166-1-codes': area.iso1 } : {}),
	...(area.iso2.length ? { 'iso-3166-2-codes': area.iso2 } : {})
});

/** `GET /ws/2/artist/<mbid>`: the lookup, whose areas carry their codes. */
function lookUpArtist(artist, inc) {
	const { score: _score, tags, area, 'begin-area': beginArea, ...rest } = artist;
	const withCodes = (a) =>
		a ? { ...a, ...codes(AREA_BY_ID.get(a.id)), disambiguation: '' } : null;
	return {
		...rest,
		disambiguation: artist.disambiguation ?? '',
		area: withCodes(area),
		'begin-area': withCodes(beginArea),
		'end-area': null,
		...(inc.includes('tags') ? { tags: tags ?? [] } : {}),
		...(inc.includes('genres')
			? {
					genres: (tags ?? []).map((t) => ({
						...t,
						disambiguation: '',
						id: fakeId('genre', t.name)
					}))
				}
			: {})
	};
}

/** `GET /ws/2/area/<id>?inc=area-rels`: the area with its codes and "part of" relations. */
function lookUpArea(area, inc) {
	const relation = (other, direction) => ({
		type: 'part of',
		'type-id': PART_OF,
		'target-type': 'area',
		target: other.id,
		direction,
		'attribute-ids': {},
		attributes: [],
		ended: false,
		'source-credit': '',
		'target-credit': '',
		begin: null,
		end: null,
		area: embeddedArea(other)
	});
	const parent = area.parent ? AREA_BY_KEY.get(area.parent) : undefined;
	const children = [...AREA_BY_KEY.values()].filter((a) => a.parent === area.key);
	return {
		id: area.id,
		name: area.name,
		'sort-name': area.name,
		type: area.type,
		'type-id': AREA_TYPE_IDS[area.type] ?? null,
		disambiguation: '',
		'life-span': { begin: null, end: null, ended: false },
		...codes(area),
		...(inc.includes('area-rels')
			? {
					relations: [
						...(parent ? [relation(parent, 'backward')] : []),
						...children.map((c) => relation(c, 'forward'))
					]
				}
			: {})
	};
}

/**
 * `GET /ws/2/release-group?artist=<mbid>&type=album&inc=artist-credits&limit=&offset=`: the
 * browse, as MusicBrainz answers it (`release-group-count`, `release-group-offset`; no score,
 * no releases; credits only with inc=artist-credits), in the catalogue's order. `type` filters
 * the primary type; an artist MusicBrainz lacks is a 404, one without albums an empty page.
 * @returns {[number, unknown]}
 */
function browseReleaseGroups(url) {
	const artist = url.searchParams.get('artist') ?? '';
	if (!/^[0-9a-f-]{36}$/.test(artist)) {
		return [
			400,
			{
				error: `Invalid mbid: ${artist}`,
				help: 'For usage, please see: https://musicbrainz.org/development/mmd'
			}
		];
	}
	if (!KNOWN_ARTIST_IDS.has(artist)) return [404, { error: 'Not Found' }];
	const types = (url.searchParams.get('type') ?? '').toLowerCase().split('|').filter(Boolean);
	const credits = (url.searchParams.get('inc') ?? '').split(/[+ ]/).includes('artist-credits');
	const limit = Math.min(Number(url.searchParams.get('limit') ?? 25), 100);
	const offset = Number(url.searchParams.get('offset') ?? 0);
	const found = RELEASE_GROUPS.filter(
		(rg) =>
			rg['artist-credit'].some((c) => c.artist.id === artist) &&
			(!types.length || types.includes(rg['primary-type'].toLowerCase()))
	).map(
		({
			score: _s,
			count: _c,
			releases: _r,
			tags: _t,
			'type-id': _ti,
			'artist-credit': credit,
			...rg
		}) => ({
			...rg,
			'secondary-types': rg['secondary-types'] ?? [],
			'secondary-type-ids': [],
			disambiguation: '',
			...(credits ? { 'artist-credit': credit } : {})
		})
	);
	return [
		200,
		{
			'release-group-count': found.length,
			'release-group-offset': offset,
			'release-groups': found.slice(offset, offset + limit)
		}
	];
}

/** Every artist id the catalogue knows: its artists and everyone credited on an album. */
const KNOWN_ARTIST_IDS = new Set(
	RELEASE_GROUPS.flatMap((rg) => rg['artist-credit'].map((c) => c.artist.id))
);

/** The MBID the fake gives an artist of its catalogue (the one its credits and search use). */
export function fakeArtistId(name) {
	const row = ARTISTS.find((a) => a[0] === name);
	return row?.[9] ?? fakeId('artist', name);
}

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
		const found = search(clauses);
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
