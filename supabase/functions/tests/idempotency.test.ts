/** Idempotency-Key: the same key returns the stored result with no second AI call. */
import { assertEquals, assertMatch } from './_assert.ts';
import { ARTISTS, PORTRAIT, readSse, startStack } from './_helpers.ts';

const key = (k: string) => ({ 'idempotency-key': k });

Deno.test(
	'idempotency: a repeated key replays the stored result without calling the model',
	async () => {
		const s = await startStack();
		try {
			const first = await s.post('portrait', { artists: ARTISTS }, key('k-1'));
			const firstBody = await first.json();
			const again = await s.post('portrait', { artists: ARTISTS }, key('k-1'));
			assertEquals(again.status, 200);
			assertEquals(again.headers.get('idempotent-replayed'), 'true');
			assertEquals(await again.json(), firstBody);
			assertEquals(s.fake.calls().count, 1);
			const fresh = await s.post('portrait', { artists: ARTISTS }, key('k-2'));
			await fresh.json();
			assertEquals(s.fake.calls().count, 2, 'a new key calls the model');
		} finally {
			await s.close();
		}
	}
);

Deno.test("idempotency: concurrent duplicates share the first request's promise", async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'ok', delayMs: 150 });
	try {
		const [a, b, c] = await Promise.all(
			[1, 2, 3].map(() => s.post('portrait', { artists: ARTISTS }, key('same')))
		);
		const bodies = await Promise.all([a, b, c].map((r) => r.json()));
		assertEquals(bodies[1], bodies[0]);
		assertEquals(bodies[2], bodies[0]);
		assertEquals(s.fake.calls().count, 1);
	} finally {
		await s.close();
	}
});

Deno.test('idempotency: a key reused with a different body is refused', async () => {
	const s = await startStack();
	try {
		await (await s.post('portrait', { artists: ARTISTS }, key('k'))).json();
		const res = await s.post('portrait', { artists: [...ARTISTS].reverse() }, key('k'));
		assertEquals(res.status, 400);
		assertMatch((await res.json()).error.details.fields['Idempotency-Key'], /different request/);
		assertEquals(s.fake.calls().count, 1);
	} finally {
		await s.close();
	}
});

Deno.test(
	'idempotency: failures are not stored, so a retry with the same key calls the model',
	async () => {
		const s = await startStack();
		s.fake.setMode({ mode: '500', times: 4 });
		try {
			const failed = await s.post('portrait', { artists: ARTISTS }, key('retry-me'));
			assertEquals(failed.status, 503);
			await failed.body?.cancel();
			const ok = await s.post('portrait', { artists: ARTISTS }, key('retry-me'));
			assertEquals(ok.status, 200);
			assertEquals(ok.headers.get('idempotent-replayed'), null);
			await ok.json();
			assertEquals(s.fake.calls().count, 5);
		} finally {
			await s.close();
		}
	}
);

Deno.test(
	'idempotency: a streamed turn replays as one delta and the same done object',
	async () => {
		const s = await startStack();
		try {
			const body = { portrait: PORTRAIT, direction: 'initial', messages: [] };
			const headers = { accept: 'text/event-stream', ...key('turn-1') };
			const first = await readSse(await s.post('converse', body, headers));
			const replay = await readSse(await s.post('converse', body, headers));
			assertEquals(
				replay.map((e) => e.event),
				['delta', 'done']
			);
			assertEquals(replay[1].data, first.at(-1)!.data);
			const plain = await s.post('converse', body, key('turn-1'));
			assertEquals(await plain.json(), first.at(-1)!.data, 'the JSON form replays the same object');
			assertEquals(s.fake.calls().count, 1);
		} finally {
			await s.close();
		}
	}
);
