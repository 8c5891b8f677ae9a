/**
 * The one place papaparse is driven. Detection looks at a small head of the
 * file first (delimiter, header, a few rows); then every row streams through a
 * plan chosen for the format, chunk by chunk, so a million-row CSV is never
 * held as one array of rows.
 */
import Papa from 'papaparse';
import type { FileOutcome, FormatId, ParseContext, Role } from './types';

export interface CsvHead {
	delimiter: string;
	/** Up to 20 non-empty rows from the top of the file, header included. */
	rows: string[][];
}

/** What to do with each row of a recognised CSV. */
export interface CsvPlan {
	format: FormatId;
	role: Role;
	/** Rows at the top to skip (the header). */
	skip: number;
	/** Credit the row's artists; false if the row named none (counted as skipped). */
	row(cells: string[], out: FileOutcome): boolean;
	/** Called once after the last row, for plans that need the whole file. */
	end?(out: FileOutcome): void;
}

const HEAD_CHARS = 64 * 1024;

export function peekCsv(text: string): CsvHead {
	const res = Papa.parse<string[]>(text.slice(0, HEAD_CHARS), {
		preview: 20,
		skipEmptyLines: true,
		delimitersToGuess: [',', ';', '\t', '|']
	});
	return { delimiter: res.meta.delimiter, rows: res.data };
}

const CHUNK_CHARS = 4 * 1024 * 1024;

export function runCsv(
	ctx: ParseContext,
	text: string,
	delimiter: string,
	plan: CsvPlan,
	out: FileOutcome
): void {
	let index = 0;
	const total = text.length;
	Papa.parse<string[]>(text, {
		delimiter,
		skipEmptyLines: true,
		chunkSize: CHUNK_CHARS,
		chunk: (res: Papa.ParseResult<string[]>) => {
			for (const cells of res.data) {
				if (index++ < plan.skip) continue;
				out.rows++;
				if (!plan.row(cells, out)) out.skipped++;
			}
			ctx.tick(out.rows, res.meta.cursor / total);
		},
		// String input is parsed synchronously: by the time parse() returns, every chunk was seen.
		complete: () => {}
	});
	plan.end?.(out);
}

/** Lower-cased, trimmed header cells, for matching column names. */
export function normaliseHeader(header: string[]): string[] {
	return header.map((c) =>
		c
			.replace(/^\uFEFF/, '')
			.trim()
			.toLowerCase()
	);
}

/** The cell as an artist name: trimmed; the Tally ignores blanks. */
export function cell(cells: string[], i: number): string {
	return i >= 0 && i < cells.length ? cells[i] : '';
}
