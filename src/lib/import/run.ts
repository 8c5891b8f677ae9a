/**
 * One import run: any number of files (zips included, nested or not), combined
 * into one ranked result. Used by `parseExport` for a single file and by the
 * worker for everything the listener dropped at once.
 *
 * Combining rules, each for a reason a listener would recognise:
 * - Listening history outranks saved music: a Spotify account zip carries
 *   StreamingHistory and YourLibrary, and adding "saved" to "played" would
 *   count loved-but-never-played albums as plays. Collections count only
 *   when nothing else does.
 * - Apple's Daily Tracks and Play Activity describe the same plays; Daily
 *   Tracks wins.
 * - Timestamped Spotify plays are counted once even if they appear in two
 *   files (exports repeat some rows; listeners add the zip and its files).
 * - Inside a zip, files that aren't listening history are ignored quietly;
 *   files that look like history but are broken become warnings. An error
 *   only stops the import when nothing at all was usable.
 */
import { AlbumTally } from './albums';
import { PlayDeduper } from './dedupe';
import { importZip } from './run-zip';
import { parseFile } from './detect';
import { ImportError, importErrors } from './errors';
import type { EntrySink, Scope } from './scope';
import type { ByteSource } from './source';
import { Tally } from './tally';
import { isZip, MAX_FILE_BYTES } from './text';
import type { FileNote, FileOutcome, ImportOptions, ImportResult, ParseContext } from './types';

export interface ImportProgress {
	/** The file (or `zip › entry`) being read. */
	file: string;
	/** Bytes of the top-level file read so far (compressed bytes for a zip). */
	bytesRead: number;
	bytesTotal: number;
	/** Rows read so far in this run, across files. */
	rows: number;
}

export interface RunHooks {
	onProgress?(p: ImportProgress): void;
	/** Lets the host breathe between entries (the worker uses a macrotask). */
	pause?(): Promise<void>;
	/** Milliseconds between progress reports. */
	progressEveryMs?: number;
	maxFileBytes?: number;
}

export class ImportRun implements EntrySink {
	readonly outcomes: FileOutcome[] = [];
	readonly notes: FileNote[] = [];
	/** Problems in files that looked like history; `top` errors came from a file the listener picked. */
	readonly errors: { error: ImportError; top: boolean }[] = [];
	readonly maxFileBytes: number;
	#plays = new PlayDeduper();
	#rowsDone = 0;
	#lastReport = 0;

	constructor(
		readonly options: ImportOptions = {},
		readonly hooks: RunHooks = {}
	) {
		this.maxFileBytes = hooks.maxFileBytes ?? MAX_FILE_BYTES;
	}

	/** Read one file the listener picked. Never throws ImportError: see `finish`. */
	async add(name: string, src: ByteSource): Promise<void> {
		const scope: Scope = { top: name, topSize: src.size, base: 0, span: src.size };
		try {
			const head = await src.read(0, Math.min(4, src.size));
			if (isZip(head)) return await importZip(this, name, src, scope);
			if (src.size > this.maxFileBytes)
				throw importErrors.tooLarge(name, src.size, this.maxFileBytes);
			this.parseBytes(name, await src.read(0, src.size), scope);
		} catch (e) {
			if (!(e instanceof ImportError)) throw e;
			this.errors.push({ error: e, top: true });
		}
	}

	/** Parse one unzipped file's bytes and keep what it contributed. */
	parseBytes(label: string, bytes: Uint8Array, scope: Scope): void {
		const outcome = parseFile(this.#context(label, scope, label !== scope.top), bytes);
		if ('ifAlone' in outcome) this.notes.push(outcome);
		else {
			this.outcomes.push(outcome);
			this.#rowsDone += outcome.rows;
		}
		this.report(label, scope, 1, 0, true);
	}

	report(file: string, scope: Scope, fraction: number, rows: number, force = false): void {
		const now = Date.now();
		if (
			!this.hooks.onProgress ||
			(!force && now - this.#lastReport < (this.hooks.progressEveryMs ?? 50))
		)
			return;
		this.#lastReport = now;
		this.hooks.onProgress({
			file,
			bytesRead: Math.min(scope.topSize, Math.round(scope.base + fraction * scope.span)),
			bytesTotal: scope.topSize,
			rows: this.#rowsDone + rows
		});
	}

	#context(file: string, scope: Scope, nested: boolean): ParseContext {
		return {
			file,
			options: this.options,
			nested,
			tick: (rows, fraction) => this.report(file, scope, fraction, rows),
			seen: (ts, ms) => this.#plays.seen(ts, ms)
		};
	}

	finish(): ImportResult {
		return combine(this, this.#plays.duplicates);
	}
}

function combine(run: ImportRun, duplicates: number): ImportResult {
	const warnings: string[] = [];
	let used = run.outcomes.filter((o) => !o.ask);
	const asks = run.outcomes.filter((o) => o.ask);

	const hasDaily = used.some((o) => o.format === 'apple-daily-tracks' && o.tally.size > 0);
	if (hasDaily) used = used.filter((o) => o.format !== 'apple-play-activity');
	const history = used.filter((o) => o.role === 'history' && o.tally.size > 0);
	const collections = used.filter((o) => o.role === 'collection');
	if (history.length > 0 && collections.length > 0) {
		used = used.filter((o) => o.role === 'history');
		warnings.push(
			`Counted your listening history only; the saved music in ${collections.map((o) => o.name).join(', ')} was not added to it.`
		);
	}

	// One file (the usual case) needs no merging.
	const tally = used.length === 1 ? used[0].tally : new Tally();
	const albums = used.length === 1 ? used[0].albums : new AlbumTally();
	for (const o of used) {
		if (tally !== o.tally) tally.merge(o.tally);
		if (albums !== o.albums) albums.merge(o.albums);
		warnings.push(...o.warnings);
	}
	for (const note of run.notes) {
		if (note.note && !(hasDaily && note.format === 'apple-play-activity')) warnings.push(note.note);
	}
	if (tally.size === 0) {
		if (asks.length > 0) return askForColumn(asks[0], warnings);
		throw firstError(run);
	}
	for (const a of asks) {
		warnings.push(
			`Skipped ${a.name}: we couldn't tell which column names the artist. Import it on its own to choose.`
		);
	}
	for (const { error } of run.errors) warnings.push(error.message);
	if (duplicates > 0) {
		warnings.push(
			`${duplicates.toLocaleString('en')} plays appeared more than once in the export and were counted once.`
		);
	}
	return {
		format: [...new Set(used.filter((o) => o.tally.size > 0).map((o) => o.format))].join('+'),
		artists: tally.ranked(),
		rows: used.reduce((n, o) => n + o.rows, 0),
		skipped: used.reduce((n, o) => n + o.skipped, 0),
		warnings,
		files: used.map((o) => ({ name: o.name, format: o.format, rows: o.rows, skipped: o.skipped })),
		...(albums.size ? { albums: albums.top() } : {})
	};
}

function askForColumn(o: FileOutcome, warnings: string[]): ImportResult {
	return {
		format: o.format,
		artists: [],
		rows: 0,
		skipped: 0,
		warnings,
		files: [{ name: o.name, format: o.format, rows: 0, skipped: 0 }],
		needsColumn: true,
		columns: o.ask?.columns ?? [],
		preview: o.ask?.preview ?? []
	};
}

/** Nothing was usable: explain the most telling reason. */
function firstError(run: ImportRun): ImportError {
	const top = run.errors.find((e) => e.top) ?? run.errors[0];
	if (top) return top.error;
	if (run.notes.length > 0) return run.notes[0].ifAlone;
	const first = run.outcomes[0];
	return importErrors.noPlays(first?.name ?? 'The file');
}
