/**
 * Exportify playlist CSVs, FORMATS.md §3: watsonbox/exportify (exportify.net)
 * and the pavelkomarov fork, across their header changes since 2015.
 *
 * The artist column is found by name when the header is English, and by shape
 * when it isn't: watsonbox translates its header into 12 languages but always
 * puts "Artist Name(s)" right after the column of `spotify:artist:` URIs.
 *
 * Several artists share one cell, joined differently by each tool:
 * - watsonbox: ", ", with commas inside a name escaped as `\,`;
 * - pavelkomarov since Sep 2025: ";" (with ";" removed from names);
 * - pavelkomarov before: "," (with "," removed from names).
 * pavelkomarov's two joins can't be told apart by header, so the whole file is
 * read first: if any artist cell holds a ";", that is the join.
 * Each row is one playlist entry and counts as one play for each artist.
 */
import { cell, normaliseHeader, type CsvPlan } from './csv';
import type { FileOutcome } from './types';

const NAMED = ['artist name(s)', 'artist name', 'artist names'];
const ID_HEADERS = ['track uri', 'spotify uri', 'spotify id', 'track id'];
const DURATION_HEADERS = ['track duration (ms)', 'duration (ms)'];

function isSpotifyUri(v: string | undefined): boolean {
	return v !== undefined && v.startsWith('spotify:');
}

/** The column holding artist URIs in the data rows, if any (watsonbox layouts). */
function artistUriColumn(data: string[][]): number {
	for (const row of data) {
		const j = row.findIndex((c) => c.startsWith('spotify:artist:'));
		if (j >= 0) return j;
	}
	return -1;
}

export function exportifyPlan(head: string[][]): CsvPlan | null {
	if (head.length === 0) return null;
	const [header, ...data] = head;
	const h = normaliseHeader(header);
	const named = h.findIndex((c) => NAMED.includes(c));
	const uriColumn = artistUriColumn(data);
	const spotifyIds =
		ID_HEADERS.includes(h[0]) ||
		data.some((r) => isSpotifyUri(r[0])) ||
		h.some((c) => DURATION_HEADERS.includes(c));

	let artist = -1;
	if (named >= 0 && spotifyIds) artist = named;
	else if (uriColumn >= 0 && !isSpotifyUri(header[0])) artist = uriColumn + 1;
	if (artist < 0) return null;

	const watsonbox =
		h.includes('artist uri(s)') ||
		h.includes('artist uri') ||
		h[0] === 'spotify uri' ||
		uriColumn >= 0;
	// "Album Name" by name; in a translated watsonbox header it sits after the album's URIs.
	let album = h.indexOf('album name');
	const albumUri = data[0]?.findIndex((c) => c.startsWith('spotify:album:')) ?? -1;
	if (album < 0 && albumUri >= 0) album = albumUri + 1;
	const albumArtist = h.findIndex((c) => c === 'album artist name(s)');
	const columns = { artist, album, albumArtist };
	return watsonbox ? watsonboxPlan(columns) : pavelkomarovPlan(columns);
}

interface Columns {
	artist: number;
	album: number;
	albumArtist: number;
}

/** The album of one row, credited to its album artist (else the row's first artist). */
function addAlbum(
	cells: string[],
	columns: Columns,
	firstArtist: string | undefined,
	out: FileOutcome
) {
	if (columns.album < 0) return;
	const albumArtist =
		columns.albumArtist >= 0 ? splitWatsonbox(cell(cells, columns.albumArtist))[0] : undefined;
	out.albums.add(cell(cells, columns.album), albumArtist || firstArtist);
}

/** Split on ", " not preceded by a backslash, then unescape `\,`. */
function splitWatsonbox(value: string): string[] {
	return value.split(/(?<!\\), /).map((part) => part.replace(/\\,/g, ','));
}

function watsonboxPlan(columns: Columns): CsvPlan {
	return {
		format: 'exportify',
		role: 'collection',
		skip: 1,
		row: (cells, out) => {
			const artists = splitWatsonbox(cell(cells, columns.artist));
			addAlbum(cells, columns, artists[0], out);
			return out.tally.addAll(artists, null);
		}
	};
}

function pavelkomarovPlan(columns: Columns): CsvPlan {
	const rows: { artists: string; album: string }[] = [];
	let semicolons = false;
	return {
		format: 'exportify',
		role: 'collection',
		skip: 1,
		row: (row) => {
			const value = cell(row, columns.artist);
			if (value.includes(';')) semicolons = true;
			rows.push({ artists: value, album: columns.album >= 0 ? cell(row, columns.album) : '' });
			return value.trim() !== '';
		},
		end: (out: FileOutcome) => {
			const join = semicolons ? ';' : ',';
			for (const { artists, album } of rows) {
				const names = artists.split(join);
				if (out.tally.addAll(names, null)) out.albums.add(album, names[0]?.trim());
			}
		}
	};
}
