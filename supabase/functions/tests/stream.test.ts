/**
 * Streaming /converse: SSE deltas forwarded as they arrive, a validated `done` object at the
 * end, ordinary JSON errors before the first byte and an `error` event after it.
 */
import { validateConverse } from '../_shared/schemas.ts';
import { STREAM_LIMITS } from '../_shared/structured.ts';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { PORTRAIT, readSse, startStack, transcript } from './_helpers.ts';

const SSE = { accept: 'text/event-stream' };

Deno.test('stream: deltas arrive over time and add up to the done message', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'ok', chunkDelayMs: 5 });
	try {
		const res = await s.post(
			'converse',
			{ portrait: PORTRAIT, direction: 'initial', messages: transcript(1) },
			SSE
		);
		assertEquals(res.status, 200);
		assertMatch(res.headers.get('content-type') ?? '', /^text\/event-stream/);
		const events = await readSse(res);
		const deltas = events.filter((e) => e.event === 'delta');
		const done = events.at(-1)!;
		assertEquals(done.event, 'done');
		assert(deltas.length > 5, `expected many small deltas, got ${deltas.length}`);
		// Not buffered: the deltas are spread out in time, like the upstream chunks.
		assert(deltas.at(-1)!.at - deltas[0].at > 20, 'deltas arrived all at once');
		const text = deltas.map((e) => (e.data as { text: string }).text).join('');
		const result = done.data as { message: string; complete: boolean; questionNumber: number };
		assertEquals(text, result.message);
		assertMatch(result.message, /^Question 2:/);
		assert(validateConverse(result, 1).ok);
		assertEquals(s.fake.calls().last!.stream, true);
	} finally {
		await s.close();
	}
});

Deno.test('stream: the closing turn streams too and is complete', async () => {
	const s = await startStack();
	try {
		const res = await s.post(
			'converse',
			{ portrait: PORTRAIT, direction: 'pivot', messages: transcript(3) },
			SSE
		);
		const events = await readSse(res);
		const done = events.find((e) => e.event === 'done')!.data as {
			complete: boolean;
			questionNumber: number;
		};
		assertEquals(done.complete, true);
		assertEquals(done.questionNumber, 3);
	} finally {
		await s.close();
	}
});

Deno.test('stream: a failure before the first byte is a JSON error with its status', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: '500' });
	try {
		const res = await s.post(
			'converse',
			{ portrait: PORTRAIT, direction: 'initial', messages: [] },
			SSE
		);
		assertEquals(res.status, 503);
		assertMatch(res.headers.get('content-type') ?? '', /application\/json/);
		assertEquals((await res.json()).error.code, 'UPSTREAM_UNAVAILABLE');
	} finally {
		await s.close();
	}
});

Deno.test('stream: an unusable answer after the start ends with an error event', async () => {
	const s = await startStack();
	// The streamed answer and its one repair are both invalid.
	s.fake.setMode({ mode: 'invalid', times: 2 });
	try {
		const res = await s.post(
			'converse',
			{ portrait: PORTRAIT, direction: 'initial', messages: [] },
			SSE
		);
		assertEquals(res.status, 200);
		const events = await readSse(res);
		const last = events.at(-1)!;
		assertEquals(last.event, 'error');
		assertEquals((last.data as { error: { code: string } }).error.code, 'UPSTREAM_INVALID');
		assertEquals(s.fake.calls().count, 2);
	} finally {
		await s.close();
	}
});

Deno.test(
	'stream: a garbage stream is repaired once, then done carries the valid object',
	async () => {
		const s = await startStack();
		s.fake.setMode({ mode: 'garbage', times: 1 });
		try {
			const res = await s.post(
				'converse',
				{ portrait: PORTRAIT, direction: 'initial', messages: [] },
				SSE
			);
			const events = await readSse(res);
			const done = events.at(-1)!;
			assertEquals(done.event, 'done');
			assertMatch((done.data as { message: string }).message, /^Question 1:/);
			assertEquals(s.fake.calls().count, 2);
		} finally {
			await s.close();
		}
	}
);

Deno.test(
	'stream: running out of time mid-stream ends with an UPSTREAM_TIMEOUT error event',
	async () => {
		const s = await startStack({ timeoutMs: 250 });
		s.fake.setMode({ mode: 'ok', chunkDelayMs: 40 });
		try {
			const res = await s.post(
				'converse',
				{ portrait: PORTRAIT, direction: 'initial', messages: [] },
				SSE
			);
			assertEquals(res.status, 200);
			const events = await readSse(res);
			assert(
				events.some((e) => e.event === 'delta'),
				'the stream had started'
			);
			const last = events.at(-1)!;
			assertEquals(last.event, 'error');
			assertEquals((last.data as { error: { code: string } }).error.code, 'UPSTREAM_TIMEOUT');
			assertEquals(
				s.usage.rows.map((r) => r.outcome),
				['timeout']
			);
		} finally {
			await s.close();
		}
	}
);

Deno.test(
	'stream: an upstream that streams megabytes sends the client at most the message cap, then an error',
	async () => {
		const s = await startStack();
		s.fake.setMode({ mode: 'flood' });
		try {
			const res = await s.post(
				'converse',
				{ portrait: PORTRAIT, direction: 'initial', messages: transcript(1) },
				SSE
			);
			assertEquals(res.status, 200);
			const events = await readSse(res);
			const text = events
				.filter((e) => e.event === 'delta')
				.map((e) => (e.data as { text: string }).text)
				.join('');
			assert(text.length > 0, 'the start of the message was previewed');
			assert(text.length <= STREAM_LIMITS.messageChars, `sent ${text.length} characters`);
			const last = events.at(-1)!;
			assertEquals(last.event, 'error');
			assertEquals((last.data as { error: { code: string } }).error.code, 'UPSTREAM_INVALID');
			assertEquals(s.fake.calls().count, 1, 'no repair turn for a runaway answer');
			assertEquals(s.usage.rows.map((r) => r.outcome), ['invalid']);
			// The upstream was stopped rather than read to its end.
			for (let i = 0; i < 100 && s.fake.calls().cutOff === 0; i++) {
				await new Promise((r) => setTimeout(r, 10));
			}
			assertEquals(s.fake.calls().cutOff, 1);
		} finally {
			await s.close();
		}
	}
);
