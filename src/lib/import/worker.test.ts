/**
 * The page ↔ worker round trip. The real handler runs in-process behind a
 * stand-in for the Worker object (node has no Web Workers); only the thread
 * boundary is faked.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { fixture } from '../../../tests/unit/fixtures/import/load';
import type { ImportRequest, WorkerMessage } from './protocol';
import { handleImport } from './worker-handler';
import { startImport, type ProgressMessage, type WorkerLike } from './worker-client';

class InProcessWorker implements WorkerLike {
	terminated = false;
	transferred: Transferable[] = [];
	#onMessage: ((event: MessageEvent<WorkerMessage>) => void)[] = [];

	postMessage(message: ImportRequest, transfer: Transferable[]): void {
		this.transferred = transfer;
		setTimeout(() =>
			handleImport(message, (m) => {
				if (!this.terminated)
					for (const l of this.#onMessage) l(new MessageEvent('message', { data: m }));
			})
		);
	}
	addEventListener(type: 'message', listener: (event: MessageEvent<WorkerMessage>) => void): void;
	addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
	addEventListener(
		type: 'message' | 'error',
		listener: ((event: MessageEvent<WorkerMessage>) => void) | ((event: ErrorEvent) => void)
	): void {
		// The overloads pair 'message' with a MessageEvent listener; errors never happen in-process.
		if (type === 'message')
			this.#onMessage.push(listener as (event: MessageEvent<WorkerMessage>) => void);
	}
	terminate(): void {
		this.terminated = true;
	}
}

const buffer = (bytes: Uint8Array) => bytes.slice().buffer;

describe('import worker', () => {
	it('imports several files and reports progress in bytes and rows', async () => {
		const worker = new InProcessWorker();
		const progress: Omit<ProgressMessage, 'type'>[] = [];
		const zip = zipSync({
			'Spotify Extended Streaming History/endsong_0.json': fixture('endsong_0.json')
		});
		const zipData = buffer(zip);
		const file = new File(
			[fixture('Streaming_History_Audio_2024_0.json')],
			'Streaming_History_Audio_2024_0.json'
		);
		const files = [{ name: 'my_spotify_data.zip', data: zipData }, file];
		const job = startImport(files, {
			createWorker: () => worker,
			onProgress: (p) => progress.push(p)
		});
		const result = await job.result;

		expect(result.artists.map((a) => [a.name, a.plays])).toEqual([
			['Robyn', 2],
			['Massive Attack', 2],
			['Portishead', 1]
		]);
		expect(worker.transferred).toEqual([zipData]);
		expect(worker.terminated).toBe(true);
		const total = zip.length + file.size;
		expect(progress.every((p) => p.bytesTotal === total && p.bytesRead <= total)).toBe(true);
		expect(progress.map((p) => p.bytesRead)).toEqual(
			[...progress.map((p) => p.bytesRead)].sort((a, b) => a - b)
		);
		expect(progress.at(-1)).toEqual({
			file: 'Streaming_History_Audio_2024_0.json',
			bytesRead: total,
			bytesTotal: total,
			rows: 8
		});
		expect(
			progress.some(
				(p) => p.file === 'my_spotify_data.zip › Spotify Extended Streaming History/endsong_0.json'
			)
		).toBe(true);
	});

	it('rejects with the same ImportError the parser raised', async () => {
		const job = startImport(
			[{ name: 'StreamingHistory1.json', data: buffer(fixture('StreamingHistory1.json')) }],
			{
				createWorker: () => new InProcessWorker()
			}
		);
		const error = await job.result.catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error).toMatchObject({ code: 'TRUNCATED', file: 'StreamingHistory1.json' });
	});

	it('passes the chosen column through', async () => {
		const job = startImport(
			[new File([fixture('two-artist-columns.csv')], 'two-artist-columns.csv')],
			{
				createWorker: () => new InProcessWorker(),
				options: { column: 'Band' }
			}
		);
		expect((await job.result).artists.map((a) => a.name)).toEqual(['Kate Bush Band']);
	});

	it('cancels at once from an AbortSignal: the worker is terminated and nothing else arrives', async () => {
		const worker = new InProcessWorker();
		const controller = new AbortController();
		const progress: unknown[] = [];
		const job = startImport([new File([fixture('endsong_0.json')], 'endsong_0.json')], {
			createWorker: () => worker,
			signal: controller.signal,
			onProgress: (p) => progress.push(p)
		});
		controller.abort();
		await expect(job.result).rejects.toMatchObject({ name: 'AbortError' });
		expect(worker.terminated).toBe(true);
		await new Promise((r) => setTimeout(r, 20));
		expect(progress).toEqual([]);
	});

	it('does not start when the signal is already aborted', async () => {
		const worker = new InProcessWorker();
		const job = startImport([new File(['Radiohead'], 'a.txt')], {
			createWorker: () => worker,
			signal: AbortSignal.abort()
		});
		await expect(job.result).rejects.toMatchObject({ name: 'AbortError' });
		expect(worker.transferred).toEqual([]);
	});
});
