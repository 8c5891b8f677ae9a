/**
 * Test stack: the shared fake OpenAI server plus the real curator handler served over real
 * HTTP on 127.0.0.1 (port 0), so tests exercise sockets, SSE framing and disconnects.
 */
import type { PortraitResult } from '../_shared/contract/curator.ts';
// @ts-types="../../../tests/fakes/fake-openai.d.mts"
import { type FakeOpenAI, startFakeOpenAI } from '../../../tests/fakes/fake-openai.mjs';
import { type CuratorConfig, readConfig } from '../_shared/config.ts';
import { createDeps, type CuratorDeps, type DepsOptions } from '../_shared/deps.ts';
import { MemoryUsageLog } from '../_shared/usage.ts';
import { createCuratorHandler } from '../curator/index.ts';

export const ORIGIN = 'http://127.0.0.1:4173';

export const ARTISTS = [
	'Radiohead',
	'Portishead',
	'Björk',
	'Can',
	'Joy Division',
	'Cocteau Twins'
].map((name, i) => ({
	name,
	plays: 600 - i * 50
}));

export const PORTRAIT: PortraitResult = {
	primaryGenres: [
		{ label: 'trip hop', explanation: 'Portishead and Massive Attack.' },
		{ label: 'post-punk', explanation: 'Joy Division.' },
		{ label: 'Krautrock', explanation: 'Can.' }
	],
	geographicCenters: [
		{ label: 'Bristol', explanation: 'Portishead.' },
		{ label: 'Cologne', explanation: 'Can.' }
	],
	keyEras: [
		{ label: 'Late-1970s', explanation: 'Post-punk.' },
		{ label: 'Mid-1990s', explanation: 'Trip hop.' }
	],
	noteworthyGaps: [
		{ label: 'Ethio-jazz', explanation: 'Hypnotic grooves.' },
		{ label: 'Tropicália', explanation: 'Psychedelic warmth.' }
	],
	summary: 'Atmospheric, textured music.'
};

export type Fake = FakeOpenAI;

export interface Stack {
	fake: Fake;
	base: string;
	usage: MemoryUsageLog;
	deps: CuratorDeps;
	post(route: string, body: unknown, headers?: HeadersInit, init?: RequestInit): Promise<Response>;
	close(): Promise<void>;
}

export async function startStack(
	overrides: Partial<CuratorConfig> = {},
	options: DepsOptions = {}
): Promise<Stack> {
	const fake = await startFakeOpenAI();
	fake.setMode({ mode: 'ok', chunkDelayMs: 1 });
	const config: CuratorConfig = {
		...readConfig(() => undefined),
		openaiBaseUrl: fake.url,
		model: 'fake-curator',
		timeoutMs: 5000,
		...overrides
	};
	const usage = new MemoryUsageLog();
	const deps = createDeps(config, { usage, retryBaseMs: 5, log: () => {}, ...options });
	const server = Deno.serve(
		{ hostname: '127.0.0.1', port: 0, onListen() {} },
		createCuratorHandler(deps)
	);
	const base = `http://127.0.0.1:${server.addr.port}/functions/v1/curator`;
	return {
		fake,
		base,
		usage,
		deps,
		post: (route, body, headers = {}, init = {}) =>
			fetch(`${base}/${route}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
				body: typeof body === 'string' ? body : JSON.stringify(body),
				...init
			}),
		async close() {
			await server.shutdown();
			await fake.close();
		}
	};
}

export interface SseEvent {
	event: string;
	data: unknown;
	at: number;
}

/** Reads an SSE response to the end, keeping each event's arrival time. */
export async function readSse(response: Response): Promise<SseEvent[]> {
	const events: SseEvent[] = [];
	const decoder = new TextDecoder();
	let buffer = '';
	for await (const chunk of response.body!) {
		buffer += decoder.decode(chunk, { stream: true });
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			const event = /^event: (.*)$/m.exec(block)?.[1] ?? 'message';
			const data = /^data: (.*)$/m.exec(block)?.[1] ?? 'null';
			events.push({ event, data: JSON.parse(data), at: performance.now() });
		}
	}
	return events;
}

/** A Supabase-like transcript with `n` answered questions. */
export function transcript(n: number) {
	return Array.from({ length: n }, (_, i) => [
		{ role: 'assistant' as const, content: `Question ${i + 1}: something?` },
		{ role: 'user' as const, content: `Answer ${i + 1}` }
	]).flat();
}
