/**
 * What happens when the model misbehaves: repair once then 502, retries with backoff for
 * 429/5xx, the fallback model, the time budget, client disconnects, and the usage log.
 */
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { ARTISTS, PORTRAIT, readSse, type Stack, startStack } from './_helpers.ts';

const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({ title: `Album ${n}`, artist: 'Artist', year: '1999', rating: n }))
};

async function waitFor(check: () => boolean, ms = 3000): Promise<void> {
	const until = Date.now() + ms;
	while (!check()) {
		if (Date.now() > until) throw new Error('condition not reached in time');
		await new Promise((r) => setTimeout(r, 10));
	}
}

const outcomes = (s: Stack) => s.usage.rows.map((r) => r.outcome);

Deno.test('invalid answer: retried once with the validation error, then succeeds', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'invalid', times: 1 });
	try {
		const res = await s.post('portrait', { artists: ARTISTS });
		assertEquals(res.status, 200);
		await res.json();
		assertEquals(s.fake.calls().count, 2);
		const repair = s.fake.calls().last!.messages;
		assertEquals(repair.at(-2)!.role, 'assistant');
		assertMatch(JSON.parse(repair.at(-1)!.content).validationError, /primaryGenres/);
		assertEquals(outcomes(s), ['invalid', 'ok']);
	} finally {
		await s.close();
	}
});

for (const mode of ['invalid', 'garbage'] as const) {
	Deno.test(`${mode} twice: 502 UPSTREAM_INVALID after exactly two calls`, async () => {
		const s = await startStack();
		s.fake.setMode({ mode, times: 2 });
		try {
			const res = await s.post('analyze', ANALYZE);
			assertEquals(res.status, 502);
			assertEquals((await res.json()).error.code, 'UPSTREAM_INVALID');
			assertEquals(s.fake.calls().count, 2);
		} finally {
			await s.close();
		}
	});
}

Deno.test('upstream 429 twice: retried with backoff, then answers', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: '429', times: 2 });
	try {
		const res = await s.post('analyze', ANALYZE);
		assertEquals(res.status, 200);
		await res.json();
		assertEquals(s.fake.calls().count, 3);
		assertEquals(
			s.usage.rows.map((r) => r.status ?? r.outcome),
			[429, 429, 'ok']
		);
	} finally {
		await s.close();
	}
});

Deno.test(
	'upstream 500 that never recovers: 503 UPSTREAM_UNAVAILABLE after bounded retries',
	async () => {
		const s = await startStack();
		s.fake.setMode({ mode: '500' });
		try {
			const res = await s.post('analyze', ANALYZE);
			assertEquals(res.status, 503);
			assertEquals((await res.json()).error.code, 'UPSTREAM_UNAVAILABLE');
			assertEquals(s.fake.calls().count, 4);
		} finally {
			await s.close();
		}
	}
);

Deno.test('fallback model: used once the primary model keeps failing', async () => {
	const s = await startStack({ fallbackModel: 'fake-fallback' });
	s.fake.setMode({ mode: '500', times: 4 });
	try {
		const res = await s.post('analyze', ANALYZE);
		assertEquals(res.status, 200);
		await res.json();
		assertEquals(s.fake.calls().count, 5);
		assertEquals(s.fake.calls().last!.model, 'fake-fallback');
		assertEquals(s.usage.rows.at(-1)!.model, 'fake-fallback');
	} finally {
		await s.close();
	}
});

Deno.test('time budget: a stalled model ends in 504 UPSTREAM_TIMEOUT on time', async () => {
	const s = await startStack({ timeoutMs: 300 });
	s.fake.setMode({ mode: 'stall' });
	try {
		const started = Date.now();
		const res = await s.post('analyze', ANALYZE);
		assertEquals(res.status, 504);
		assertEquals((await res.json()).error.code, 'UPSTREAM_TIMEOUT');
		const took = Date.now() - started;
		assert(took >= 290 && took < 1500, `took ${took} ms`);
		assertEquals(outcomes(s), ['timeout']);
	} finally {
		await s.close();
	}
});

Deno.test('time budget: backoff never stretches a request past it', async () => {
	const s = await startStack({ timeoutMs: 400 });
	s.fake.setMode({ mode: '500', delayMs: 150 });
	try {
		const started = Date.now();
		const res = await s.post('analyze', ANALYZE);
		assert([503, 504].includes(res.status), `status ${res.status}`);
		await res.body?.cancel();
		assert(Date.now() - started < 900, `took ${Date.now() - started} ms`);
	} finally {
		await s.close();
	}
});

Deno.test('client disconnect: aborts the upstream call', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'stall' });
	try {
		const controller = new AbortController();
		const pending = s.post('analyze', ANALYZE, {}, { signal: controller.signal }).catch((e) => e);
		await waitFor(() => s.fake.calls().count === 1);
		controller.abort();
		await pending;
		await waitFor(() => s.usage.rows.length === 1);
		assertEquals(outcomes(s), ['aborted']);
	} finally {
		await s.close();
	}
});

Deno.test('client disconnect mid-stream: aborts the streaming upstream call', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'ok', chunkDelayMs: 30 });
	try {
		const res = await s.post(
			'converse',
			{ portrait: PORTRAIT, direction: 'initial', messages: [] },
			{ accept: 'text/event-stream' }
		);
		const reader = res.body!.getReader();
		await reader.read(); // the stream has started
		await reader.cancel();
		await waitFor(() => s.usage.rows.length === 1);
		assertEquals(outcomes(s), ['aborted']);
	} finally {
		await s.close();
	}
});

Deno.test(
	'usage log: one row per upstream call, with tokens and latency but no prompt text',
	async () => {
		const s = await startStack();
		try {
			const res = await s.post(
				'converse',
				{ portrait: PORTRAIT, direction: 'initial', messages: [] },
				{ accept: 'text/event-stream' }
			);
			await readSse(res);
			await (await s.post('portrait', { artists: ARTISTS })).json();
			assertEquals(s.usage.rows.length, 2);
			const [stream, plain] = s.usage.rows;
			assertEquals([stream.route, stream.stream, stream.outcome], ['converse', true, 'ok']);
			assertEquals(
				[plain.route, plain.stream, plain.userId, plain.model],
				['portrait', false, 'local-dev', 'fake-curator']
			);
			assert(plain.tokensIn > 0 && plain.tokensOut > 0 && plain.latencyMs >= 0);
			const logged = JSON.stringify(s.usage.rows);
			for (const secret of ['Radiohead', 'Sonic Cartographer', 'Question']) {
				assert(!logged.includes(secret), secret);
			}
		} finally {
			await s.close();
		}
	}
);
