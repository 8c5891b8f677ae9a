/**
 * The fake MusicBrainz's albums (fake-musicbrainz.mjs): release groups of real albums (titles,
 * credits, types and dates as MusicBrainz has them; the MBIDs are synthetic, stable per album),
 * every real album of the fake model's pool among them, and what it answers for them: the
 * search `GET /ws/2/release-group?query=(releasegroup:"…"~n AND artist:"…"~n) OR (…)` and the
 * browse of an artist's albums `GET /ws/2/release-group?artist=<mbid>&type=album`.
 */
import { ARTISTS } from './fake-musicbrainz-artists.mjs';
import { fakeId, PHRASE, phraseMatches, tokens, unescape } from './fake-musicbrainz-text.mjs';
import { POOL } from './fake-openai-answers.mjs';

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

const CLAUSE = new RegExp(String.raw`\(releasegroup:${PHRASE} AND artist:${PHRASE}\)`, 'g');

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

/** The release groups any of the clauses finds, in the catalogue's order. */
export function searchReleaseGroups(clauses) {
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

export const RELEASE_GROUP_BY_ID = new Map(RELEASE_GROUPS.map((rg) => [rg.id, rg]));

/**
 * `GET /ws/2/release-group?artist=<mbid>&type=album&inc=artist-credits&limit=&offset=`: the
 * browse, as MusicBrainz answers it (`release-group-count`, `release-group-offset`; no score,
 * no releases; credits only with inc=artist-credits), in the catalogue's order. `type` filters
 * the primary type; an artist MusicBrainz lacks is a 404, one without albums an empty page.
 * @returns {[number, unknown]}
 */
export function browseReleaseGroups(url) {
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
