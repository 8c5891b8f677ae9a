/**
 * What the fake Spotify (fake-spotify.mjs) knows and how it shapes it: the listener it signs in
 * and their top artists, the albums (every album of the fake AI's pool, with the barcodes and
 * tracks the fake MusicBrainz has), and artist, album and track objects, pages and search
 * queries as the Web API has them (tests/unit/fixtures/api-real/spotify).
 */
import { createHash, randomBytes } from 'node:crypto';
import { tokens } from './fake-musicbrainz.mjs';
import { albumFacts } from './fake-musicbrainz-releases.mjs';
import { POOL } from './fake-openai-answers.mjs';

export const API = 'https://api.spotify.com/v1';

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
export function spotifyId(...parts) {
	const bytes = createHash('sha256').update(parts.join('\u0000')).digest();
	return Array.from(bytes.subarray(0, 22), (b) => BASE62[b % 62]).join('');
}

export const external = (type, id) => ({ spotify: `https://open.spotify.com/${type}/${id}` });
export const artistObject = (name) => {
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
export const ALBUMS = POOL.map(([title, artist, year]) => {
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
export const ALBUM_BY_ID = new Map(ALBUMS.map((a) => [a.id, a]));

/** A barcode for an album MusicBrainz knows none of (Spotify always has one). */
function spotifyNumber(title) {
	return String(parseInt(createHash('sha1').update(title).digest('hex').slice(0, 12), 16))
		.padStart(14, '0')
		.slice(-14);
}

export function simplifiedAlbum(album) {
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

export function simplifiedTrack(album, track, i) {
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

export function page(href, items, limit, offset, total) {
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

/** An opaque token, code or snapshot id, as Spotify gives them. */
export const secret = (prefix) => `${prefix}${randomBytes(24).toString('base64url')}`;

/** `field:"quoted words"` or `field:word` pairs of a search query, and the free words. */
export function parseSearch(q) {
	const fields = {};
	const free = q
		.replace(/(\w+):(?:"([^"]*)"|(\S+))/g, (_, field, quoted, bare) => {
			fields[field.toLowerCase()] = quoted ?? bare;
			return ' ';
		})
		.trim();
	return { fields, free };
}

export const covers = (query, text) => {
	const want = tokens(query);
	const have = new Set(tokens(text));
	return want.length > 0 && want.every((w) => have.has(w));
};
