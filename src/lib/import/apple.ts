/**
 * Apple Music exports from privacy.apple.com, FORMATS.md §6.
 *
 * "Play History Daily Tracks" has one row per track per day, with the day's
 * total listening time and play count, and names the artist only inside
 * "Track Description" ("Artist - Title", split on the first " - "). A row
 * whose total time is under 30 s is a skip; otherwise it counts Apple's plays.
 *
 * "Play Activity" has one row per play event but, since about 2019, no artist
 * column at all: without one we stop with a message pointing at Daily Tracks.
 */
import { cell, normaliseHeader, type CsvPlan } from './csv';
import { importErrors } from './errors';
import { SKIP_THRESHOLD_MS } from './tally';
import { num } from './values';

export function isDailyTracks(header: string[]): boolean {
	const h = normaliseHeader(header);
	return h.includes('track description') && h.includes('play duration milliseconds');
}

export function isPlayActivity(header: string[]): boolean {
	const h = normaliseHeader(header);
	return (
		h.includes('song name') &&
		(h.includes('play duration milliseconds') || h.includes('event end timestamp'))
	);
}

export function dailyTracksPlan(header: string[]): CsvPlan {
	const h = normaliseHeader(header);
	const description = h.indexOf('track description');
	const duration = h.indexOf('play duration milliseconds');
	const count = h.indexOf('play count');
	return {
		format: 'apple-daily-tracks',
		role: 'history',
		skip: 1,
		row: (cells, out) => {
			const text = cell(cells, description);
			const dash = text.indexOf(' - ');
			if (dash <= 0) return false;
			const ms = Math.max(0, num(cell(cells, duration)) ?? 0);
			const plays = ms < SKIP_THRESHOLD_MS ? 0 : Math.max(1, num(cell(cells, count)) ?? 1);
			return out.tally.add(text.slice(0, dash), ms, plays);
		}
	};
}

export function playActivityPlan(file: string, header: string[]): CsvPlan {
	const h = normaliseHeader(header);
	const artist = h.indexOf('artist name');
	if (artist < 0) throw importErrors.noArtistColumn(file);
	const duration = h.indexOf('play duration milliseconds');
	return {
		format: 'apple-play-activity',
		role: 'history',
		skip: 1,
		row: (cells, out) => {
			const ms = duration >= 0 ? Math.max(0, num(cell(cells, duration)) ?? 0) : null;
			return out.tally.add(cell(cells, artist), ms);
		}
	};
}
