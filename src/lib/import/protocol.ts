/**
 * Messages between the page and the import worker.
 *
 * page → worker: one `import` request with every file the listener dropped
 *   (Blobs/Files are cheap to post; ArrayBuffers should be transferred).
 * worker → page: `progress` at most every ~50 ms while reading, then exactly
 *   one `result` or `error`. Cancelling = terminating the worker.
 */
import type { ImportErrorCode } from './errors';
import type { ImportOptions, ImportResult } from './types';

export interface ImportFileInput {
	name: string;
	data: Blob | ArrayBuffer;
}

export interface ImportRequest {
	type: 'import';
	files: ImportFileInput[];
	options?: ImportOptions;
}

export interface ProgressMessage {
	type: 'progress';
	/** The file (or `zip › entry`) being read now. */
	file: string;
	/** Across all files of the request; for zips, compressed bytes. */
	bytesRead: number;
	bytesTotal: number;
	/** Rows read so far across all files. */
	rows: number;
}

export interface ResultMessage {
	type: 'result';
	result: ImportResult;
}

export interface ErrorMessage {
	type: 'error';
	/** 'INTERNAL' for a bug rather than a problem with the file. */
	code: ImportErrorCode | 'INTERNAL';
	file: string;
	message: string;
}

export type WorkerMessage = ProgressMessage | ResultMessage | ErrorMessage;
