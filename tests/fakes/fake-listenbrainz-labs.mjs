/**
 * The fake ListenBrainz labs API (labs.api.listenbrainz.org): routes for
 * tests/fakes/fake-listenbrainz.mjs. Each answers `{ status, body, headers? }`, or undefined
 * for a path it does not serve.
 *
 * `GET /similar-artists/json?artist_mbids=<mbid>[,<mbid>…]&algorithm=<name>`, as the real
 * service answers it (the recording in tests/unit/fixtures/listenbrainz and listenbrainz-server's
 * labs_api/labs/api/similar_artists.py): a flat JSON list, one entry per similar artist of each
 * reference artist, `{artist_mbid, name, comment, type, gender, score, reference_mbid}`, best
 * score first for each reference. No token is needed. An algorithm the service does not have
 * answers an empty list, as does an artist it knows nothing about; a missing parameter is a 400
 * (an HTML page, as Werkzeug sends it).
 *
 * The neighbourhoods are those of the fake MusicBrainz's artists (same MBIDs): who ListenBrainz
 * listeners play in the same sessions, as the real data has them in kind; the scores are made up.
 */
import { fakeArtistId } from './fake-musicbrainz.mjs';
import { ARTISTS } from './fake-musicbrainz-artists.mjs';

/** The algorithm the real recording was made with; the only one the fake knows. */
export const SIMILAR_ARTISTS_ALGORITHM =
	'session_based_days_9000_session_300_contribution_5_threshold_15_limit_50_skip_30';

/** [artist, [similar artist, score][]]; each link also counts the other way round. */
const NEIGHBOURS = [
	[
		'Radiohead',
		[
			['Talk Talk', 620],
			['Portishead', 590],
			['Boards of Canada', 560],
			['Björk', 540],
			['Aphex Twin', 520],
			['Sigur Rós', 500],
			['Massive Attack', 480],
			['Slowdive', 430]
		]
	],
	[
		'Portishead',
		[
			['Massive Attack', 900],
			['Burial', 610],
			['Björk', 580],
			['Boards of Canada', 520],
			['DJ Shadow', 480],
			['Cocteau Twins', 400]
		]
	],
	[
		'Björk',
		[
			['Sigur Rós', 610],
			['Kate Bush', 600],
			['Cocteau Twins', 560],
			['Aphex Twin', 520],
			['Massive Attack', 500]
		]
	],
	[
		'Talking Heads',
		[
			['Television', 720],
			['Brian Eno', 690],
			['David Bowie', 600],
			['Can', 520],
			['The Velvet Underground', 500],
			['Joy Division', 450],
			['Fela Kuti', 430]
		]
	],
	[
		'Fela Kuti',
		[
			['Mulatu Astatke', 800],
			['Tinariwen', 600],
			['Funkadelic', 560],
			['Sly and the Family Stone', 520],
			['Caetano Veloso', 420]
		]
	],
	[
		'Joni Mitchell',
		[
			['Nick Drake', 760],
			['Van Morrison', 700],
			['Leonard Cohen', 680],
			['Bob Dylan', 640],
			['Kate Bush', 560],
			['Caetano Veloso', 400]
		]
	],
	[
		'Massive Attack',
		[
			['Burial', 560],
			['DJ Shadow', 540],
			['Boards of Canada', 500]
		]
	],
	[
		'Kate Bush',
		[
			['Cocteau Twins', 600],
			['Talk Talk', 540],
			['David Bowie', 520]
		]
	],
	[
		'Can',
		[
			['Neu!', 880],
			['Kraftwerk', 700],
			['Brian Eno', 620],
			['Joy Division', 450],
			['Os Mutantes', 360]
		]
	],
	[
		'Joy Division',
		[
			['Television', 640],
			['The Velvet Underground', 600],
			['Slowdive', 420],
			['Talk Talk', 400]
		]
	],
	[
		'Boards of Canada',
		[
			['Aphex Twin', 820],
			['Burial', 600],
			['Brian Eno', 560]
		]
	],
	[
		'Brian Eno',
		[
			['Neu!', 600],
			['Kraftwerk', 580],
			['Aphex Twin', 560]
		]
	],
	[
		'Sigur Rós',
		[
			['Godspeed You! Black Emperor', 700],
			['Slowdive', 620],
			['Talk Talk', 520]
		]
	],
	[
		'Talk Talk',
		[
			['Bark Psychosis', 820],
			['Slint', 560]
		]
	],
	[
		'Mulatu Astatke',
		[
			['Herbie Hancock', 560],
			['Tinariwen', 500],
			['John Coltrane', 480]
		]
	],
	[
		'Miles Davis',
		[
			['John Coltrane', 900],
			['Herbie Hancock', 850],
			['Mulatu Astatke', 420]
		]
	],
	[
		'Nick Drake',
		[
			['Van Morrison', 640],
			['Leonard Cohen', 600]
		]
	]
];

const GENDER = {
	'Kate Bush': 'Female',
	Björk: 'Female',
	'Joni Mitchell': 'Female',
	'Fela Kuti': 'Male',
	'Miles Davis': 'Male',
	'Brian Eno': 'Male',
	'Nick Drake': 'Male',
	'Leonard Cohen': 'Male',
	'Bob Dylan': 'Male',
	'David Bowie': 'Male',
	'Van Morrison': 'Male',
	'Mulatu Astatke': 'Male',
	'Caetano Veloso': 'Male',
	'Herbie Hancock': 'Male',
	'John Coltrane': 'Male',
	'Aphex Twin': 'Male',
	Burial: 'Male',
	'DJ Shadow': 'Male'
};

/** artist MBID → [similar artist name, score][], best first. */
const GRAPH = (() => {
	const links = new Map();
	const link = (a, b, score) => {
		const list = links.get(a) ?? [];
		if (!list.some(([name]) => name === b)) list.push([b, score]);
		links.set(a, list);
	};
	for (const [artist, near] of NEIGHBOURS) {
		for (const [other, score] of near) {
			link(artist, other, score);
			link(other, artist, score);
		}
	}
	return new Map(
		[...links].map(([name, list]) => [fakeArtistId(name), list.sort((a, b) => b[1] - a[1])])
	);
})();

/** What the labs answer says of one artist (MusicBrainz's name, comment, type and gender). */
function describe(name) {
	const row = ARTISTS.find((a) => a[0] === name);
	return {
		artist_mbid: fakeArtistId(name),
		name,
		comment: row?.[7] ?? '',
		type: row?.[1] ?? null,
		gender: GENDER[name] ?? null
	};
}

const badRequest = (message) => ({
	status: 400,
	headers: { 'Content-Type': 'text/html; charset=utf-8' },
	body: `<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>${message}</p>\n`
});

/** @param {{ method: string, url: URL, headers: Record<string, unknown>, body: string, state: object }} request */
export async function labsRoutes(request) {
	const { url, method } = request;
	if (url.pathname !== '/similar-artists/json' || method !== 'GET') return undefined;
	const mbids = url.searchParams.get('artist_mbids');
	const algorithm = url.searchParams.get('algorithm');
	if (!mbids) return badRequest("Missing parameter 'artist_mbids'.");
	if (!algorithm) return badRequest("Missing parameter 'algorithm'.");
	if (algorithm.trim() !== SIMILAR_ARTISTS_ALGORITHM) return { status: 200, body: [] };
	const body = [];
	for (const reference of mbids.split(',').map((m) => m.trim())) {
		for (const [name, score] of GRAPH.get(reference) ?? []) {
			body.push({ ...describe(name), score, reference_mbid: reference });
		}
	}
	return { status: 200, body };
}
