/**
 * The Web Worker that reads exports off the main thread. All the work is in
 * worker-handler.ts; this file only wires it to the worker's message port.
 */
import type { ImportRequest, WorkerMessage } from './protocol';
import { handleImport } from './worker-handler';

const post = (m: WorkerMessage) => self.postMessage(m);

self.addEventListener('message', (event: MessageEvent<ImportRequest>) => {
	if (event.data?.type === 'import') void handleImport(event.data, post);
});
