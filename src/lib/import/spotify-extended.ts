/**
 * Spotify Extended Streaming History (Streaming_History_Audio_*.json, endsong_*.json),
 * FORMATS.md §2. The old 21-field and the 2024+ layouts share every field we read.
 *
 * Only the album artist is given, so each play credits one artist. Rows whose
 * track metadata is null (podcasts, audiobooks, unavailable tracks) are skipped.
 * Exports repeat some plays verbatim; `ts + ms_played` identifies a play (dedupe.ts).
 */
import { newOutcome, TICK_EVERY } from './outcome';
import type { FileOutcome, ParseContext } from './types';
import { isRecord, type Json } from './values';

export function isExtendedHistory(first: Json): boolean {
	return 'ts' in first && 'ms_played' in first;
}

export function parseExtendedHistory(ctx: ParseContext, list: unknown[]): FileOutcome {
	const out = newOutcome(ctx.file, 'spotify-extended', 'history');
	const n = list.length;
	out.rows = n;
	for (let i = 0; i < n; i++) {
		if (i % TICK_EVERY === 0) ctx.tick(i, i / n);
		const row = list[i];
		if (!isRecord(row)) {
			out.skipped++;
			continue;
		}
		const artist = row.master_metadata_album_artist_name;
		if (typeof artist !== 'string') {
			out.skipped++;
			continue;
		}
		const ms = typeof row.ms_played === 'number' ? row.ms_played : 0;
		if (typeof row.ts === 'string' && ctx.seen(row.ts, ms)) continue;
		if (!out.tally.add(artist, ms)) out.skipped++;
		else out.albums.add(row.master_metadata_album_album_name, artist, ms);
	}
	return out;
}
