/**
 * Anything that isn't a known export: a text list with one artist per line, or
 * a CSV with an artist-like column. When a CSV's artist column can't be told
 * for sure, we don't guess: the result asks the listener to pick one, and the
 * import runs again with `{ column }`.
 */
import { cell, type CsvPlan } from './csv';
import { importErrors } from './errors';
import { newOutcome } from './outcome';
import type { FileOutcome, ParseContext } from './types';
import { num } from './values';

/** "1. Radiohead", "- Radiohead", "• Radiohead" → "Radiohead" (lists pasted from notes). */
const LIST_MARKER = /^\s*(?:[-*•·]|\d{1,4}[.)])\s+/;

export function parseTextList(ctx: ParseContext, text: string): FileOutcome {
	const out = newOutcome(ctx.file, 'text-list', 'history');
	let first = true;
	for (const line of text.split(/\r\n|\n|\r/)) {
		const name = line.replace(LIST_MARKER, '').trim();
		if (name === '' || name.startsWith('#')) continue;
		// A one-column CSV may still have its header: "Artist".
		if (first && ARTIST.has(squash(name))) continue;
		first = false;
		out.rows++;
		out.tally.add(name, null);
	}
	return out;
}

const squash = (s: string) =>
	s
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');

/** Header names that mean "the artist", in the languages exports come in. */
const ARTIST = new Set([
	'artist',
	'artists',
	'artistname',
	'artistnames',
	'artistnamen',
	'interpret',
	'interpreten',
	'kunstler',
	'artiste',
	'artistes',
	'nomdelartiste',
	'artista',
	'artistas',
	'artysta',
	'artiest',
	'band',
	'performer',
	'performers',
	'mastermetadataalbumartistname'
]);
/** Second choices, used only when no column is plainly the artist. */
const ALBUM_ARTIST = new Set([
	'albumartist',
	'albumartists',
	'albumartistname',
	'albumartistnames'
]);
const PLAYS = new Set(['plays', 'playcount', 'scrobbles', 'listens', 'streams', 'count']);
const HEADER_WORDS =
	/\b(artist|album|title|track|song|name|date|time|year|plays?|count|genre|id|uri|url|label|rating|duration|added)\b/i;

const isNumeric = (s: string) => s.trim() !== '' && num(s) !== null;

/**
 * A first row is a header if it names an artist column, mostly reads like column
 * names, or has a word above a column that is mostly numbers below it.
 */
export function looksLikeHeader(row: string[], rest: string[][] = []): boolean {
	if (row.some((c) => ARTIST.has(squash(c)) || ALBUM_ARTIST.has(squash(c)))) return true;
	if (row.some(isNumeric)) return false;
	if (row.filter((c) => HEADER_WORDS.test(c)).length * 2 >= row.length) return true;
	return (
		rest.length > 0 &&
		row.some(
			(c, i) => c.trim() && rest.filter((r) => isNumeric(r[i] ?? '')).length * 2 > rest.length
		)
	);
}

export interface Ask {
	columns: string[];
	preview: string[][];
}

function pickArtistColumn(columns: string[]): number | null {
	const squashed = columns.map(squash);
	const primary = squashed.flatMap((c, i) => (ARTIST.has(c) ? [i] : []));
	if (primary.length === 1) return primary[0];
	if (primary.length > 1) return null;
	const secondary = squashed.flatMap((c, i) => (ALBUM_ARTIST.has(c) ? [i] : []));
	return secondary.length === 1 ? secondary[0] : null;
}

function findColumn(ctx: ParseContext, columns: string[], wanted: string): number {
	let i = columns.indexOf(wanted);
	if (i < 0) i = columns.findIndex((c) => c.toLowerCase() === wanted.trim().toLowerCase());
	if (i < 0) throw importErrors.unknownColumn(ctx.file, wanted, columns);
	return i;
}

export function genericPlan(ctx: ParseContext, head: string[][]): CsvPlan | Ask {
	const hasHeader = looksLikeHeader(head[0] ?? [], head.slice(1));
	const width = Math.max(...head.map((r) => r.length));
	const columns = Array.from({ length: width }, (_, i) =>
		hasHeader && head[0][i]?.trim() ? head[0][i].trim() : `Column ${i + 1}`
	);
	const data = hasHeader ? head.slice(1) : head;

	let artist: number | null;
	if (ctx.options.column !== undefined) artist = findColumn(ctx, columns, ctx.options.column);
	else if (width === 1) artist = 0;
	else artist = hasHeader ? pickArtistColumn(columns) : null;
	if (artist === null) return { columns, preview: data.slice(0, 3) };

	const playsAt = hasHeader ? columns.findIndex((c) => PLAYS.has(squash(c))) : -1;
	const column = artist;
	return {
		format: 'generic-csv',
		role: 'history',
		skip: hasHeader ? 1 : 0,
		row: (cells, out) => {
			const plays = playsAt >= 0 ? num(cell(cells, playsAt)) : null;
			return out.tally.add(
				cell(cells, column),
				null,
				plays !== null && plays >= 0 ? plays : undefined
			);
		}
	};
}
