/**
 * Reading the listener's exported listening history into ranked artists to choose from. The
 * files are read in a Web Worker, loaded on the first import, so the artists page stays light.
 */
import type { ImportJob, StartImportOptions } from '$lib/import/worker-client';

export { playsLabel, tickedByDefault } from '$lib/import/choice';
export { ImportError } from '$lib/import/errors';
export { formatLabel } from '$lib/import/formats';
export type { ImportResult, RankedArtist } from '$lib/import/types';

/** Starts reading `files`; the job reports progress and can be cancelled. */
export async function readExport(files: File[], opts: StartImportOptions): Promise<ImportJob> {
	const { startImport } = await import('$lib/import/worker-client');
	return startImport(files, opts);
}
