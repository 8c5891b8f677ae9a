/**
 * What the import worker does with a request, without touching worker globals,
 * so it can run (and be tested) anywhere.
 */
import { ImportError } from './errors';
import type { ImportRequest, WorkerMessage } from './protocol';
import { ImportRun } from './run';
import { blobSource, bytesSource } from './source';

const sizeOf = (data: Blob | ArrayBuffer) =>
	data instanceof ArrayBuffer ? data.byteLength : data.size;

/** A macrotask, so the worker's event loop turns between files and zip entries. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function handleImport(
	req: ImportRequest,
	post: (m: WorkerMessage) => void
): Promise<void> {
	const bytesTotal = req.files.reduce((n, f) => n + sizeOf(f.data), 0);
	let offset = 0;
	const run = new ImportRun(req.options ?? {}, {
		onProgress: (p) =>
			post({
				type: 'progress',
				file: p.file,
				bytesRead: offset + p.bytesRead,
				bytesTotal,
				rows: p.rows
			}),
		pause: breathe
	});
	try {
		for (const f of req.files) {
			const src =
				f.data instanceof ArrayBuffer ? bytesSource(new Uint8Array(f.data)) : blobSource(f.data);
			await run.add(f.name, src);
			offset += sizeOf(f.data);
			await breathe();
		}
		post({ type: 'result', result: run.finish() });
	} catch (e) {
		if (e instanceof ImportError)
			post({ type: 'error', code: e.code, file: e.file, message: e.message });
		else
			post({
				type: 'error',
				code: 'INTERNAL',
				file: '',
				message: e instanceof Error ? e.message : String(e)
			});
	}
}
