/**
 * What an import run and its zip walker share, kept below both so neither
 * imports the other: where a parsed file sits in the file the listener picked
 * (for progress), and the part of the run that reading a zip entry feeds.
 */
import type { ImportError } from './errors';
import type { FileNote, FileOutcome } from './types';

/** Where progress within one parsed file maps to in its top-level file. */
export interface Scope {
	top: string;
	topSize: number;
	base: number;
	span: number;
}

/** What the zip walker needs from the run it reads for. */
export interface EntrySink {
	readonly outcomes: readonly FileOutcome[];
	readonly notes: readonly FileNote[];
	/** Problems in files that looked like history; `top` errors came from a file the listener picked. */
	readonly errors: { error: ImportError; top: boolean }[];
	readonly maxFileBytes: number;
	readonly hooks: { pause?(): Promise<void> };
	/** Parse one unzipped file's bytes and keep what it contributed. */
	parseBytes(label: string, bytes: Uint8Array, scope: Scope): void;
	report(file: string, scope: Scope, fraction: number, rows: number, force?: boolean): void;
}
