/**
 * The page's side of the import worker: post the files, follow progress,
 * resolve with the result or reject with an ImportError. Cancelling (the
 * `cancel()` method or an AbortSignal) terminates the worker at once, even in
 * the middle of parsing, and rejects with an AbortError.
 */
import { ImportError } from './errors';
import type { ImportFileInput, ImportRequest, ProgressMessage, WorkerMessage } from './protocol';
import type { ImportOptions, ImportResult } from './types';

export type { ImportFileInput, ProgressMessage };

/** The parts of `Worker` the client uses; tests pass a stand-in. */
export interface WorkerLike {
	postMessage(message: ImportRequest, transfer: Transferable[]): void;
	addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	terminate(): void;
}

export interface StartImportOptions {
	options?: ImportOptions;
	onProgress?(p: Omit<ProgressMessage, 'type'>): void;
	signal?: AbortSignal;
	/** Defaults to the real worker module (bundled by Vite). */
	createWorker?(): WorkerLike;
}

export interface ImportJob {
	result: Promise<ImportResult>;
	cancel(): void;
}

function defaultWorker(): WorkerLike {
	return new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
}

/**
 * Start importing. Files (File/Blob) are posted without copying their bytes;
 * ArrayBuffers are transferred, so the caller must not use them afterwards.
 */
export function startImport(
	files: (File | ImportFileInput)[],
	opts: StartImportOptions = {}
): ImportJob {
	const inputs: ImportFileInput[] = files.map((f) =>
		f instanceof Blob ? { name: f.name, data: f } : f
	);
	const transfer = inputs.flatMap((f) => (f.data instanceof ArrayBuffer ? [f.data] : []));
	const worker = (opts.createWorker ?? defaultWorker)();
	let settle: { resolve(r: ImportResult): void; reject(e: unknown): void } | null = null;

	const done = () => {
		settle = null;
		worker.terminate();
		opts.signal?.removeEventListener('abort', cancel);
	};
	function cancel() {
		const s = settle;
		done();
		s?.reject(new DOMException('The import was cancelled.', 'AbortError'));
	}

	const result = new Promise<ImportResult>((resolve, reject) => {
		settle = { resolve, reject };
		worker.addEventListener('message', ({ data }) => {
			const s = settle;
			if (!s) return;
			if (data.type === 'progress') {
				const { file, bytesRead, bytesTotal, rows } = data;
				opts.onProgress?.({ file, bytesRead, bytesTotal, rows });
			} else if (data.type === 'result') {
				done();
				s.resolve(data.result);
			} else {
				done();
				s.reject(
					data.code === 'INTERNAL'
						? new Error(data.message)
						: new ImportError(data.code, data.file, data.message)
				);
			}
		});
		worker.addEventListener('error', (event) => {
			const s = settle;
			done();
			s?.reject(new Error(event.message || 'The import worker failed to start.'));
		});
	});

	if (opts.signal?.aborted) cancel();
	else {
		opts.signal?.addEventListener('abort', cancel);
		worker.postMessage({ type: 'import', files: inputs, options: opts.options }, transfer);
	}
	return { result, cancel };
}
