/**
 * Listening exports → ranked artists. Pure: no DOM, no worker; the worker
 * (import.worker.ts) and the tests both call into this.
 */
import { ImportRun } from './run';
import { bytesSource } from './source';
import type { ImportOptions, ImportResult } from './types';

export { ImportError, type ImportErrorCode } from './errors';
export type { ImportFileSummary, ImportOptions, ImportResult, RankedArtist } from './types';
export { formatLabel } from './formats';

/**
 * Read one export (a file, or a zip of files) and rank its artists.
 * Throws ImportError when nothing in it can be used.
 */
export async function parseExport(
	name: string,
	content: string | Uint8Array,
	options: ImportOptions = {}
): Promise<ImportResult> {
	const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
	const run = new ImportRun(options);
	await run.add(name, bytesSource(bytes));
	return run.finish();
}
