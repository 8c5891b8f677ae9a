/**
 * Walking a zip for an import run: every entry that could be listening
 * history is parsed, one at a time; zips inside zips (Apple's
 * Apple_Media_Services.zip › Apple Music Activity.zip) are opened in turn.
 */
import { ImportError, importErrors, type ImportErrorCode } from './errors';
import type { EntrySink, Scope } from './scope';
import { bytesSource, type ByteSource } from './source';
import { extension, isZip } from './text';
import { isFolderOrJunk, listZip, readEntry } from './zip';

/** Exports also carry PDFs, images and web pages; don't even inflate those. */
const NOT_HISTORY = new Set([
	'pdf',
	'png',
	'jpg',
	'jpeg',
	'gif',
	'webp',
	'html',
	'htm',
	'mp3',
	'mp4',
	'm4a'
]);

/** Apple nests two deep; anything deeper is more likely a zip bomb than an export. */
const MAX_DEPTH = 4;

/** Entry failures that just mean "not a listening file", expected in a full export. */
const QUIET: ReadonlySet<ImportErrorCode> = new Set(['UNRECOGNISED', 'BINARY', 'EMPTY']);

export async function importZip(
	run: EntrySink,
	label: string,
	src: ByteSource,
	scope: Scope,
	depth = 1
): Promise<void> {
	const entries = (await listZip(label, src)).filter((e) => !isFolderOrJunk(e));
	const before = run.outcomes.length + run.notes.length + run.errors.length;
	for (const e of entries) {
		if (NOT_HISTORY.has(extension(e.path))) continue;
		const entryLabel = `${label} › ${e.path}`;
		const entryScope: Scope = {
			...scope,
			base: scope.base + (e.offset / src.size) * scope.span,
			span: (e.compressedSize / src.size) * scope.span
		};
		run.report(entryLabel, entryScope, 0, 0, true);
		try {
			const bytes = await readEntry(entryLabel, src, e, run.maxFileBytes);
			if (!isZip(bytes)) run.parseBytes(entryLabel, bytes, entryScope);
			else if (depth < MAX_DEPTH)
				await importZip(run, entryLabel, bytesSource(bytes), entryScope, depth + 1);
		} catch (err) {
			if (!(err instanceof ImportError)) throw err;
			// Other parts of a full export (settings, payments, READMEs) are expected: skip them.
			if (!QUIET.has(err.code)) run.errors.push({ error: err, top: false });
		}
		await run.hooks.pause?.();
	}
	if (run.outcomes.length + run.notes.length + run.errors.length === before) {
		run.errors.push({
			error: importErrors.unrecognisedZip(
				label,
				entries.map((e) => e.path)
			),
			top: scope.top === label
		});
	}
}
