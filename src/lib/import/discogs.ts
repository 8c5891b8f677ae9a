/**
 * Discogs collection export CSV, FORMATS.md §4. Each release owned counts once
 * for each of its artists.
 *
 * Discogs makes names unique with a numeric suffix ("Cream (2)") and marks an
 * artist name variation with a trailing "*"; both are stripped from each part.
 * A parenthesis that isn't a bare number stays: "Was (Not Was)".
 *
 * Several artists are joined with ", " — but ", " also occurs inside names
 * ("Earth, Wind & Fire", "Crosby, Stills, Nash & Young"). We only split where
 * the part before the comma ends in a Discogs marker (" (2)" or "*"), which is
 * certain to be a boundary, and keep the rest whole.
 */
import { cell, normaliseHeader, type CsvPlan } from './csv';

const SUFFIX = /\s\(\d+\)$/;
const BOUNDARY = /(?<=\s\(\d+\)|\*), /;

/** "Various" is Discogs' artist for compilations: not an artist anyone listens to. */
const NOT_AN_ARTIST = new Set(['various', 'unknown artist', 'no artist']);

export function isDiscogs(header: string[]): boolean {
	const h = normaliseHeader(header);
	return h.includes('artist') && (h.includes('catalog#') || h.includes('release_id'));
}

function discogsArtists(value: string): string[] {
	return value
		.split(BOUNDARY)
		.map((part) => part.trim().replace(/\*$/, '').replace(SUFFIX, '').trim())
		.filter((part) => part !== '' && !NOT_AN_ARTIST.has(part.toLowerCase()));
}

export function discogsPlan(header: string[]): CsvPlan {
	const h = normaliseHeader(header);
	const artist = h.indexOf('artist');
	const title = h.indexOf('title');
	return {
		format: 'discogs',
		role: 'collection',
		skip: 1,
		row: (cells, out) => {
			const artists = discogsArtists(cell(cells, artist));
			if (artists.length && title >= 0) out.albums.add(cell(cells, title), artists[0]);
			return out.tally.addAll(artists, null);
		}
	};
}
