/**
 * Recognising one (unzipped) file from its content, and handing it to the
 * parser for its format. File names are only a tie-breaker (a .txt file is a
 * list even if its lines hold commas); every format is found by its shape.
 */
import { dailyTracksPlan, isDailyTracks, isPlayActivity, playActivityPlan } from './apple';
import { peekCsv, runCsv, type CsvHead, type CsvPlan } from './csv';
import { discogsPlan, isDiscogs } from './discogs';
import { importErrors, ImportError } from './errors';
import { exportifyPlan } from './exportify';
import { genericPlan, parseTextList } from './generic';
import { parseJson } from './json';
import { isGhanCsv, isLastfmstatsCsv, isLastfmToCsv } from './lastfm';
import { newOutcome } from './outcome';
import { assertText, decode, extension } from './text';
import type { FileNote, FileOutcome, ParseContext } from './types';

export function parseFile(ctx: ParseContext, bytes: Uint8Array): FileOutcome | FileNote {
	if (bytes.length === 0) throw importErrors.empty(ctx.file);
	assertText(ctx.file, bytes);
	const text = decode(bytes);
	const start = text.search(/\S/);
	if (start < 0) throw importErrors.empty(ctx.file);
	const ext = extension(ctx.file);
	if ((text[start] === '[' || text[start] === '{') && ext !== 'csv' && ext !== 'txt') {
		return parseJson(ctx, text);
	}
	return parseDelimited(ctx, text, ext);
}

/** Most rows have the same number (≥ 2) of cells as the first. */
function isTabular(rows: string[][]): boolean {
	const width = rows[0]?.length ?? 0;
	if (width < 2) return false;
	return rows.filter((r) => r.length === width).length >= rows.length * 0.8;
}

/** The plan for a CSV we know by its header or shape, or null. */
function knownPlan(ctx: ParseContext, head: CsvHead): CsvPlan | FileNote | null {
	const header = head.rows[0];
	if (isDailyTracks(header)) return dailyTracksPlan(header);
	if (isPlayActivity(header)) {
		try {
			return playActivityPlan(ctx.file, header);
		} catch (e) {
			if (!(e instanceof ImportError)) throw e;
			return { name: ctx.file, format: 'apple-play-activity', note: e.message, ifAlone: e };
		}
	}
	if (isDiscogs(header)) return discogsPlan(header);
	if (isLastfmstatsCsv(header)) return lastfmColumnPlan('lastfmstats-csv', 0, 1);
	if (isGhanCsv(header)) {
		const h = header.map((c) => c.trim().toLowerCase());
		return lastfmColumnPlan('lastfm-ghan-csv', h.indexOf('artist'), h.indexOf('album'));
	}
	if (isLastfmToCsv(head.rows)) return { ...lastfmColumnPlan('lastfm-to-csv', 0, 1), skip: 0 };
	return exportifyPlan(head.rows);
}

function lastfmColumnPlan(format: CsvPlan['format'], column: number, album: number): CsvPlan {
	return {
		format,
		role: 'history',
		skip: 1,
		row: (cells, out) => {
			const artist = cells[column] ?? '';
			if (!out.tally.add(artist, null)) return false;
			if (album >= 0) out.albums.add(cells[album], artist);
			return true;
		}
	};
}

function parseDelimited(ctx: ParseContext, text: string, ext: string): FileOutcome | FileNote {
	const head = peekCsv(text);
	if (head.rows.length === 0) throw importErrors.empty(ctx.file);
	const known = knownPlan(ctx, head);
	if (known && 'ifAlone' in known) return known;
	let plan: CsvPlan | null = known;
	if (!plan) {
		if (ext === 'txt' || !isTabular(head.rows)) {
			// A full export holds READMEs and other text; only a .txt is read as a list there.
			if (ctx.nested && ext !== 'txt') throw importErrors.unrecognised(ctx.file);
			return parseTextList(ctx, text);
		}
		const generic = genericPlan(ctx, head.rows);
		if (!('row' in generic)) {
			// In a zip, a CSV with no clear artist column is some other table of the export.
			if (ctx.nested) throw importErrors.unrecognised(ctx.file);
			return { ...newOutcome(ctx.file, 'generic-csv', 'history'), ask: generic };
		}
		plan = generic;
	}
	const out = newOutcome(ctx.file, plan.format, plan.role);
	runCsv(ctx, text, head.delimiter, plan, out);
	return out;
}
