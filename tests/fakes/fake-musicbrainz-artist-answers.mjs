/**
 * What the fake MusicBrainz (fake-musicbrainz.mjs) answers for its artists and areas (the rows
 * of fake-musicbrainz-artists.mjs): the artist search `GET /ws/2/artist?query=artist:"…"~n OR …`
 * (ranked by score like the real one), the artist lookup `GET /ws/2/artist/<mbid>` (areas with
 * their ISO 3166 codes, `inc=tags+genres` adding those) and the area lookup
 * `GET /ws/2/area/<id>?inc=area-rels` ("part of" relations: backward to the area it lies in,
 * forward to the areas inside it).
 */
import { AREAS } from './fake-musicbrainz-artists.mjs';
import { fakeId, PHRASE, phraseMatches, tokens, unescape } from './fake-musicbrainz-text.mjs';

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
export const AREA_BY_ID = new Map([...AREA_BY_KEY.values()].map((a) => [a.id, a]));

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
export function buildArtists(rows) {
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
export function searchArtists(artists, clauses) {
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
export function lookUpArtist(artist, inc) {
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
export function lookUpArea(area, inc) {
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
