/**
 * The fake MusicBrainz's releases and links: what `tests/fakes/fake-musicbrainz.mjs` answers for
 *   GET /ws/2/release-group/<mbid>?inc=url-rels     the release group with its url relationships
 *   GET /ws/2/release?release-group=<mbid>&inc=recordings   a browse of its releases, with barcodes
 *                                                           and media → tracks → recordings
 * in the shapes MusicBrainz answers (the url-rels as in the recorded lookup
 * tests/unit/fixtures/mb-real/hqub-rg-get-desire.json; the browse as documented for ws/2:
 * `release-count`, `release-offset`, `releases[]`).
 *
 * Every album's facts come from its title and first credited artist alone, so the fake Spotify
 * (fake-spotify.mjs) holds the same albums: the same barcodes (Spotify keeps them as 14-digit
 * GTINs, the way the recorded UPC search found one) and the same number of tracks.
 */
import { createHash } from 'node:crypto';

const hash = (...parts) => createHash('sha1').update(parts.join('\u0000')).digest('hex');

/** A stable UUID-shaped id (not a real MBID). */
function stableId(...parts) {
	const h = hash(...parts);
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * What one album is made of, the same in every fake: its barcode as MusicBrainz has it (12
 * digits, or none for one album in three, as many real releases lack one) and its tracks.
 * @param {string} title
 * @param {string} artist
 */
export function albumFacts(title, artist) {
	const h = hash('album', title.toLowerCase(), artist.toLowerCase());
	const n = parseInt(h.slice(0, 8), 16);
	const digits = String(parseInt(h.slice(8, 20), 16))
		.padStart(12, '0')
		.slice(-12);
	const count = 5 + (n % 5);
	return {
		barcode: n % 3 === 0 ? null : digits,
		tracks: Array.from({ length: count }, (_, i) => ({
			title: i === 0 ? title : `${title} (part ${i + 1})`,
			lengthMs: 180_000 + ((n >> i) % 240) * 1000
		}))
	};
}

/** Relationship type ids as MusicBrainz has them (from the recorded lookup). */
const URL_TYPES = {
	review: 'c3ac9c3b-f546-4d15-873f-b294d2c1b708',
	wikidata: 'b988d08c-5d86-4a57-9557-c83b399e3580',
	discogs: '99e550f3-5ab4-3110-b5b9-fe01d970b126',
	allmusic: 'a50a1d20-2b20-4d2c-9a29-eb771dd78386',
	'other databases': '38320e40-9f4a-3ae7-8cb2-3f3c9c5d856d'
};

const slug = (text) =>
	text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');

/**
 * The release group's url relationships. Which links an album has follows its hash: a review
 * and Wikidata, or Wikidata, Discogs and AllMusic, or only Discogs, or none at all.
 */
function urlRelations(rg) {
	const artist = rg['artist-credit'][0].name;
	const n = parseInt(hash('links', rg.id).slice(0, 8), 16);
	const kinds = [
		['review', 'wikidata', 'other databases'],
		['wikidata', 'discogs', 'allmusic'],
		['discogs'],
		[]
	][n % 4];
	const resource = {
		review: `https://pitchfork.com/reviews/albums/${slug(artist)}-${slug(rg.title)}/`,
		wikidata: `https://www.wikidata.org/wiki/Q${100000 + (n % 900000)}`,
		discogs: `https://www.discogs.com/master/${1000 + (n % 900000)}`,
		allmusic: `https://www.allmusic.com/album/mw${String(n).padStart(10, '0').slice(-10)}`,
		'other databases': `https://rateyourmusic.com/release/album/${slug(artist)}/${slug(rg.title)}/`
	};
	return kinds.map((type) => ({
		'type-id': URL_TYPES[type],
		'target-type': 'url',
		begin: null,
		'source-credit': '',
		attributes: [],
		type,
		ended: false,
		'attribute-values': {},
		url: { id: stableId('url', resource[type]), resource: resource[type] },
		direction: 'forward',
		end: null,
		'target-credit': '',
		'attribute-ids': {}
	}));
}

function release(rg) {
	const artist = rg['artist-credit'][0].name;
	const facts = albumFacts(rg.title, artist);
	const id = stableId('release', rg.id);
	return {
		id,
		title: rg.title,
		status: 'Official',
		'status-id': '4e304316-386d-3409-af2e-78857eec5cfe',
		date: rg['first-release-date'],
		country: 'XW',
		barcode: facts.barcode,
		disambiguation: '',
		quality: 'normal',
		packaging: null,
		'text-representation': { language: 'eng', script: 'Latn' },
		media: [
			{
				position: 1,
				format: 'Digital Media',
				'format-id': '907a28d9-b3b2-3ef6-89a8-7b18d91d4794',
				title: '',
				'track-count': facts.tracks.length,
				'track-offset': 0,
				tracks: facts.tracks.map((track, i) => {
					const recording = stableId('recording', rg.id, String(i));
					return {
						id: stableId('track', rg.id, String(i)),
						number: String(i + 1),
						position: i + 1,
						title: track.title,
						length: track.lengthMs,
						recording: {
							id: recording,
							title: track.title,
							length: track.lengthMs,
							video: false,
							disambiguation: '',
							'first-release-date': rg['first-release-date']
						}
					};
				})
			}
		]
	};
}

/**
 * The answer for a release-group lookup or a release browse, or undefined for other paths.
 * @param {URL} url
 * @param {string[]} inc
 * @param {Map<string, any>} byId release groups by MBID
 * @returns {{ status: number, body: unknown } | undefined}
 */
export function releaseAnswers(url, inc, byId) {
	const notFound = {
		status: 404,
		body: {
			error: 'Not Found',
			help: 'For usage, please see: https://musicbrainz.org/development/mmd'
		}
	};
	const lookup = url.pathname.match(/^\/ws\/2\/release-group\/([0-9a-f-]{36})$/);
	if (lookup) {
		const rg = byId.get(lookup[1]);
		if (!rg) return notFound;
		const { score: _score, count: _count, releases: _releases, tags: _tags, ...rest } = rg;
		return {
			status: 200,
			body: {
				...rest,
				disambiguation: '',
				'secondary-type-ids': [],
				'secondary-types': rg['secondary-types'] ?? [],
				...(inc.includes('url-rels') ? { relations: urlRelations(rg) } : {})
			}
		};
	}
	if (url.pathname !== '/ws/2/release') return undefined;
	const of = url.searchParams.get('release-group') ?? '';
	const rg = byId.get(of);
	if (!rg) {
		return {
			status: 400,
			body: {
				error: `Invalid release-group: ${of}`,
				help: 'For usage, please see: https://musicbrainz.org/development/mmd'
			}
		};
	}
	const offset = Number(url.searchParams.get('offset') ?? 0);
	const releases = [release(rg)];
	const withTracks = inc.includes('recordings');
	return {
		status: 200,
		body: {
			'release-count': releases.length,
			'release-offset': offset,
			releases: releases
				.slice(offset)
				.map((r) => (withTracks ? r : { ...r, media: r.media.map(({ tracks: _t, ...m }) => m) }))
		}
	};
}
