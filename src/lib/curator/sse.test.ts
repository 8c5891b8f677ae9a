import { describe, expect, it } from 'vitest';
import { readSse } from './sse';

function streamOf(chunks: string[]): Response {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			const enc = new TextEncoder();
			for (const c of chunks) controller.enqueue(enc.encode(c));
			controller.close();
		}
	});
	return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('readSse', () => {
	it('reassembles events split across chunks', async () => {
		const res = streamOf([
			'event: delta\ndata: {"text":"Hel',
			'lo"}\n\nevent: delta\r\ndata: {"text":" there"}\r\n\r\n: keep-alive\n\n',
			'event: done\ndata: {"message":"Hello there"}\n\n'
		]);
		const events = [];
		for await (const e of readSse(res)) events.push(e);
		expect(events).toEqual([
			{ event: 'delta', data: '{"text":"Hello"}' },
			{ event: 'delta', data: '{"text":" there"}' },
			{ event: 'done', data: '{"message":"Hello there"}' }
		]);
	});
});
