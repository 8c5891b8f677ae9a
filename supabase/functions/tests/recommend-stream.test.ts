/**
 * Streaming /recommend: each album as an `album` event as soon as the model has closed its
 * entry (checked on its own first), then `done` with exactly what the JSON route answers, and
 * an `error` event with the contract's code for a failure after the start.
 */
import {
	CURATOR_ERROR_CODES,
	CuratorErrorBody,
	RecommendedAlbum
} from '../_shared/contract/curator.ts';
import { STREAM_LIMITS } from '../_shared/structured.ts';
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { PORTRAIT, readSse, type SseEvent, startStack, transcript } from './_helpers.ts';

const SSE = { accept: 'text/event-stream' };

const request = (exclude: { title: string; artist: string }[] = []) => ({
	portrait: PORTRAIT,
	messages: transcript(3),
	direction: 'initial',
	exclude,
	count: 5
});

const album = (title: string, artist: string, year: unknown = '1971') => ({
	title,
	artist,
	year,
	reason: `Because ${title} keeps the pulse going.`,
	genres: ['krautrock']
});

const albumsOf = (events: SseEvent[]) =>
	events.filter((e) => e.event === 'album').map((e) => e.data as RecommendedAlbum);

/** Polls the fake until it has seen a stream closed before its end (or gives up). */
async function cutOff(fake: { calls(): { cutOff: number } }): Promise<number> {
	for (let i = 0; i < 200 && fake.calls().cutOff === 0; i++) {
		await new Promise((r) => setTimeout(r, 10));
	}
	return fake.calls().cutOff;
}

Deno.test(
	'recommend stream: the first album arrives while the model is still writing',
	async () => {
		const s = await startStack();
		// About 1.5 kB of answer in 2–6 character chunks, 5 ms apart: well over a second.
		s.fake.setMode({ mode: 'ok', chunkDelayMs: 5 });
		try {
			const res = await s.post('recommend', request(), SSE);
			assertEquals(res.status, 200);
			assertMatch(res.headers.get('content-type') ?? '', /^text\/event-stream/);
			const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
			let text = '';
			while (!text.includes('\n\n')) {
				const { value, done } = await reader.read();
				assert(!done, 'the stream ended before any event');
				text += value;
			}
			const first = text.slice(0, text.indexOf('\n\n'));
			assertMatch(first, /^event: album\n/);
			const parsed = RecommendedAlbum.safeParse(JSON.parse(first.split('\ndata: ')[1]));
			assert(parsed.success, 'the album fits the contract');
			assertEquals(parsed.data.title, 'Kind of Blue');
			// The listener leaves now: if the fake had already sent its last token, nothing is cut off.
			await reader.cancel();
			assertEquals(await cutOff(s.fake), 1, 'the album came before the answer was whole');
			assertEquals(s.usage.rows.map((r) => r.outcome), ['aborted']);
		} finally {
			await s.close();
		}
	}
);

Deno.test('recommend stream: one album event per album, in order, then done', async () => {
	const s = await startStack();
	try {
		const res = await s.post('recommend', request(), SSE);
		const events = await readSse(res);
		const done = events.at(-1)!;
		assertEquals(done.event, 'done');
		assertEquals(
			events.slice(0, -1).map((e) => e.event),
			events.slice(0, -1).map(() => 'album')
		);
		const result = done.data as { albums: RecommendedAlbum[] };
		assertEquals(albumsOf(events), result.albums);
		assertEquals(result.albums.length, 8, 'the fake offers count + 3 candidates');
		assertEquals(s.fake.calls().last!.stream, true);
		assertEquals(s.usage.rows.map((r) => [r.route, r.outcome, r.stream]), [
			['recommend', 'ok', true]
		]);
	} finally {
		await s.close();
	}
});

Deno.test('recommend stream: an invalid entry is not sent; done is the repaired answer', async () => {
	const s = await startStack();
	const answer = {
		albums: [
			album('Tago Mago', 'Can'),
			{ title: 'Only a title', artist: 'Nobody' },
			album('Neu!', 'Neu!', 1972)
		]
	};
	// The canned answer once; its repair turn is the fake's usual, valid one.
	s.fake.setMode({ mode: 'ok', content: JSON.stringify(answer), times: 1 });
	try {
		const events = await readSse(await s.post('recommend', request(), SSE));
		// The year the model wrote as a number is text, as the contract has it.
		assertEquals(albumsOf(events), [album('Tago Mago', 'Can'), album('Neu!', 'Neu!', '1972')]);
		const done = events.at(-1)!;
		assertEquals(done.event, 'done');
		const result = done.data as { albums: RecommendedAlbum[] };
		assertEquals(result.albums[0].title, 'Kind of Blue');
		assertEquals(s.fake.calls().count, 2, 'one repair turn');
	} finally {
		await s.close();
	}
});

Deno.test('recommend stream: done is exactly the JSON route’s answer to the same model output', async () => {
	const s = await startStack();
	const answer = {
		albums: [
			album('Tago Mago', 'Can'),
			album('Future Days', 'Can', 1973),
			// Excluded, in another edition's words: dropped by identity, both ways.
			album('Unknown Pleasures (Remastered)', 'Joy Division', '1979'),
			// The same album again.
			album('Tago Mago', 'CAN'),
			album('Neu!', 'Neu!')
		]
	};
	const exclude = [{ title: 'Unknown Pleasures', artist: 'Joy Division' }];
	s.fake.setMode({ mode: 'ok', content: JSON.stringify(answer) });
	try {
		const json = await s.post('recommend', request(exclude));
		assertEquals(json.status, 200);
		assertMatch(json.headers.get('content-type') ?? '', /application\/json/);
		const expected = await json.json();
		const events = await readSse(await s.post('recommend', request(exclude), SSE));
		const done = events.at(-1)!;
		assertEquals(done.event, 'done');
		assertEquals(done.data, expected);
		assertEquals(albumsOf(events), expected.albums);
		assertEquals(
			expected.albums.map((a: RecommendedAlbum) => a.title),
			['Tago Mago', 'Future Days', 'Neu!']
		);
	} finally {
		await s.close();
	}
});

Deno.test('recommend stream: running out of time mid-stream ends with the contract’s error event', async () => {
	const s = await startStack({ timeoutMs: 2000 });
	// A short first album (some 30 chunks), then one whose reason alone is 500 chunks, 10 ms apart.
	const answer = {
		albums: [album('Tago Mago', 'Can'), {
			...album('Neu!', 'Neu!'),
			reason: 'motorik '.repeat(250)
		}]
	};
	s.fake.setMode({ mode: 'ok', content: JSON.stringify(answer), chunkDelayMs: 10 });
	try {
		const res = await s.post('recommend', request(), SSE);
		assertEquals(res.status, 200);
		const events = await readSse(res);
		assert(albumsOf(events).length > 0, 'albums were shown before the failure');
		assert(!events.some((e) => e.event === 'done'), 'no done after a failure');
		const last = events.at(-1)!;
		assertEquals(last.event, 'error');
		const body = CuratorErrorBody.parse(last.data);
		assertEquals(body.error.code, 'UPSTREAM_TIMEOUT');
		assert(CURATOR_ERROR_CODES.includes(body.error.code));
		assertEquals(s.usage.rows.map((r) => r.outcome), ['timeout']);
	} finally {
		await s.close();
	}
});

Deno.test('recommend stream: a runaway answer is stopped at the cap with an error event', async () => {
	const s = await startStack();
	s.fake.setMode({ mode: 'flood' });
	try {
		const events = await readSse(await s.post('recommend', request(), SSE));
		const last = events.at(-1)!;
		assertEquals(last.event, 'error');
		assertEquals(CuratorErrorBody.parse(last.data).error.code, 'UPSTREAM_INVALID');
		assertEquals(s.fake.calls().count, 1, 'no repair turn for a runaway answer');
		assertEquals(s.usage.rows.map((r) => r.outcome), ['invalid']);
		assertEquals(await cutOff(s.fake), 1, `stopped past ${STREAM_LIMITS.albumsChars} characters`);
	} finally {
		await s.close();
	}
});

Deno.test('recommend stream: a retry with the same key replays the albums, then done', async () => {
	const s = await startStack();
	try {
		const key = { ...SSE, 'idempotency-key': 'recommend-replay-1' };
		const first = await readSse(await s.post('recommend', request(), key));
		assertEquals(first.at(-1)!.event, 'done');
		assertEquals(albumsOf(first), (first.at(-1)!.data as { albums: RecommendedAlbum[] }).albums);
		const again = await s.post('recommend', request(), key);
		assertEquals(again.headers.get('idempotent-replayed'), 'true');
		const replayed = await readSse(again);
		assertEquals(
			replayed.map((e) => [e.event, e.data]),
			first.map((e) => [e.event, e.data])
		);
		assertEquals(s.fake.calls().count, 1);
	} finally {
		await s.close();
	}
});
