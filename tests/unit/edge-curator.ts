/**
 * For the curator client's tests: a session from the local stand-in and, in place of the
 * curator function, a small HTTP server on 127.0.0.1 that answers each request as the test
 * says (after the request body has arrived). Fills in the mocked `$lib/config` it is given.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { startStandin } from './int-harness';

export interface EdgeConfig {
	supabaseUrl: string;
	anonKey: string;
	curator: string;
}

export async function startEdgeCurator(
	cfg: EdgeConfig,
	answer: (req: IncomingMessage, res: ServerResponse) => void
): Promise<{ stop(): Promise<void> }> {
	const standin = await startStandin();
	cfg.supabaseUrl = standin.url;
	cfg.anonKey = standin.anonKey;
	if (!('WebSocket' in globalThis)) vi.stubGlobal('WebSocket', class {});
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => answer(req, res));
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	cfg.curator = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		async stop() {
			vi.unstubAllGlobals();
			server.closeAllConnections();
			await new Promise((done) => server.close(done));
			await standin.stop();
		}
	};
}
