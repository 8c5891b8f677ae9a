/**
 * Last.fm exports, FORMATS.md §5. Scrobbles have no durations, so every row is
 * one play. Three tools, five shapes:
 * - lastfm-to-csv: no header, `artist,album,track,date`, quotes and commas deleted;
 * - lastfm.ghan.nl: CSV with `uts,utc_time,artist,…`, or JSON = raw getRecentTracks pages;
 * - lastfmstats.com: JSON `{username, scrobbles[]}`, or `;`-separated CSV with a BOM.
 */
import { newOutcome, TICK_EVERY } from './outcome';
import type { FileOutcome, ParseContext } from './types';
import { isRecord, str, type Json } from './values';

export function isLastfmstatsJson(v: Json): boolean {
	return Array.isArray(v.scrobbles);
}

export function parseLastfmstatsJson(ctx: ParseContext, v: Json): FileOutcome {
	const out = newOutcome(ctx.file, 'lastfmstats-json', 'history');
	const list = Array.isArray(v.scrobbles) ? v.scrobbles : [];
	for (let i = 0; i < list.length; i++) {
		if (i % TICK_EVERY === 0) ctx.tick(i, i / list.length);
		const s: unknown = list[i];
		if (!isRecord(s)) continue;
		out.rows++;
		const artist = str(s.artist);
		if (artist === null || !out.tally.add(artist, null)) out.skipped++;
		else out.albums.add(str(s.album), artist);
	}
	return out;
}

/** A getRecentTracks page, bare (`{track, @attr}`) or wrapped (`{recenttracks: {…}}`). */
function pageTracks(page: unknown): unknown[] | null {
	if (!isRecord(page)) return null;
	const inner = isRecord(page.recenttracks) ? page.recenttracks : page;
	return Array.isArray(inner.track) ? inner.track : null;
}

export function isGhanJson(v: unknown): boolean {
	if (Array.isArray(v)) return v.length > 0 && pageTracks(v[0]) !== null;
	return pageTracks(v) !== null;
}

export function parseGhanJson(ctx: ParseContext, v: unknown): FileOutcome {
	const out = newOutcome(ctx.file, 'lastfm-ghan-json', 'history');
	const pages = Array.isArray(v) ? v : [v];
	pages.forEach((page, p) => {
		ctx.tick(out.rows, p / pages.length);
		for (const t of pageTracks(page) ?? []) {
			if (!isRecord(t)) continue;
			// The track being played right now has no date and reappears as a scrobble later.
			if (isRecord(t['@attr']) && t['@attr'].nowplaying === 'true') continue;
			out.rows++;
			// `artist` is {"#text"} normally and {"name"} with extended=1.
			const a = t.artist;
			const artist = isRecord(a) ? (str(a['#text']) ?? str(a.name)) : str(a);
			if (artist === null || !out.tally.add(artist, null)) out.skipped++;
			else out.albums.add(isRecord(t.album) ? str(t.album['#text']) : str(t.album), artist);
		}
	});
	return out;
}

const LASTFM_TO_CSV_DATE = /^\d{1,2} [A-Za-z]{3} \d{4},? \d{1,2}:\d{2}$/;

/** No header; four columns; the last is a date like "22 May 2014 20:11" (empty while now playing). */
export function isLastfmToCsv(head: string[][]): boolean {
	const rows = head.filter((r) => r.length > 1);
	if (rows.length === 0) return false;
	const dated = rows.filter((r) => r.length === 4 && LASTFM_TO_CSV_DATE.test(r[3]));
	return (
		dated.length > 0 &&
		rows.every((r) => r.length === 4 && (r[3] === '' || LASTFM_TO_CSV_DATE.test(r[3])))
	);
}

export function isGhanCsv(header: string[]): boolean {
	const h = header.map((c) => c.trim().toLowerCase());
	return h.includes('uts') && h.includes('artist') && h.includes('track');
}

/** `Artist;Album;AlbumId;Track;Date#<user>` */
export function isLastfmstatsCsv(header: string[]): boolean {
	const h = header.map((c) => c.trim().toLowerCase());
	return h[0] === 'artist' && h.some((c) => c.startsWith('date#'));
}
