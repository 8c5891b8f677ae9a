/**
 * Streamed recommendations on the app's side: each album reaches `onAlbum` while the answer is
 * still arriving, checked against the contract; the promise ends with the `done` object. An
 * `error` event, a garbled album, a stream cut off before `done` and a plain JSON answer end the
 * way the streamed conversation turn does. The session comes from the local stand-in; the
 * curator is a small HTTP server on 127.0.0.1 that sends each test's events, holding the rest
 * back until the test lets it go.
 */
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RecommendedAlbum } from '$contract/curator';
import { startEdgeCurator } from '../../../tests/unit/edge-curator';

const cfg = vi.hoisted(() => ({ supabaseUrl: '', anonKey: '', curator: '' }));
vi.mock('$lib/config', () => ({
	config: cfg,
	curatorUrl: (route: string) => `${cfg.curator}/${route}`
}));

/** What the server does with the next request: answer as a test wants, in its own time. */
let respond: (res: ServerResponse, accept: string) => void = (res) => res.end();
let edge: Awaited<ReturnType<typeof startEdgeCurator>> | undefined;

beforeAll(async () => {
	edge = await startEdgeCurator(cfg, (req, res) => respond(res, req.headers.accept ?? ''));
}, 60_000);

afterAll(async () => {
	await edge?.stop();
});

const facet = { label: 'Krautrock', explanation: 'Motorik pulse.' };
const REQUEST = {
	portrait: {
		primaryGenres: [facet, facet, facet],
		geographicCenters: [facet, facet],
		keyEras: [facet, facet],
		noteworthyGaps: [facet, facet],
		summary: 'A listener of long grooves.'
	},
	messages: [],
	direction: 'initial' as const,
	exclude: []
};
const album = (title: string): RecommendedAlbum => ({
	title,
	artist: 'Can',
	year: '1971',
	reason: 'Groove.',
	genres: ['krautrock']
});
const event = (name: string, data: unknown) =>
	`event: ${name}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;

function sse(res: ServerResponse) {
	res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
	res.flushHeaders();
}

async function curator() {
	return (await import('./client')).curator;
}

describe('streamed recommendations', () => {
	it('each album reaches onAlbum before the answer has ended; done is the result', async () => {
		let rest!: () => void;
		respond = (res, accept) => {
			expect(accept).toBe('text/event-stream');
			sse(res);
			res.write(event('album', album('Tago Mago')));
			// The rest only once the app has shown the first album.
			rest = () => {
				res.write(event('album', album('Future Days')));
				res.end(event('done', { albums: [album('Tago Mago'), album('Future Days')] }));
			};
		};
		const shown: string[] = [];
		const result = await (
			await curator()
		).recommendStream(REQUEST, {
			onAlbum: (a) => {
				shown.push(a.title);
				if (shown.length === 1) rest();
			}
		});
		expect(shown).toEqual(['Tago Mago', 'Future Days']);
		expect(result).toEqual({ albums: [album('Tago Mago'), album('Future Days')] });
	}, 30_000);

	it('a garbled album is the answer that made no sense, and never reaches onAlbum', async () => {
		respond = (res) => {
			sse(res);
			res.write(event('album', album('Tago Mago')));
			res.end(event('album', { title: 'Only a title' }));
		};
		const shown: string[] = [];
		const step = (await curator()).recommendStream(REQUEST, {
			onAlbum: (a) => shown.push(a.title)
		});
		await expect(step).rejects.toMatchObject({
			code: 'UPSTREAM_INVALID',
			details: { problem: expect.stringContaining('artist: must be a string') }
		});
		expect(shown).toEqual(['Tago Mago']);
	}, 30_000);

	it('an error event after the first albums is that error, in the contract’s code', async () => {
		respond = (res) => {
			sse(res);
			res.write(event('album', album('Tago Mago')));
			res.end(
				event('error', {
					error: { code: 'UPSTREAM_TIMEOUT', message: 'The AI model took too long to answer.' }
				})
			);
		};
		const { describeError } = await import('$lib/errors');
		const step = (await curator()).recommendStream(REQUEST, { onAlbum: () => {} });
		const error = await step.catch((e: unknown) => e);
		expect(error).toMatchObject({
			code: 'UPSTREAM_TIMEOUT',
			message: 'The AI model took too long to answer.'
		});
		expect(describeError(error).retry).toBe(true);
	}, 30_000);

	it('a stream cut off before done is a network failure, not a short list', async () => {
		respond = (res) => {
			sse(res);
			res.end(event('album', album('Tago Mago')));
		};
		const step = (await curator()).recommendStream(REQUEST, { onAlbum: () => {} });
		await expect(step).rejects.toMatchObject({ code: 'NETWORK' });
	}, 30_000);

	it('a curator that answers JSON still hands over each album, then the result', async () => {
		const answer = { albums: [album('Tago Mago'), album('Future Days')] };
		respond = (res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(answer));
		};
		const shown: string[] = [];
		const result = await (
			await curator()
		).recommendStream(REQUEST, { onAlbum: (a) => shown.push(a.title) });
		expect(shown).toEqual(['Tago Mago', 'Future Days']);
		expect(result).toEqual(answer);
	}, 30_000);

	it('cancelling while albums arrive ends in ABORTED', async () => {
		const controller = new AbortController();
		respond = (res) => {
			sse(res);
			res.write(event('album', album('Tago Mago')));
		};
		const step = (await curator()).recommendStream(REQUEST, {
			signal: controller.signal,
			onAlbum: () => controller.abort()
		});
		await expect(step).rejects.toMatchObject({ code: 'ABORTED' });
	}, 30_000);

	it('cancelling a streamed conversation turn mid-message ends in ABORTED too', async () => {
		const controller = new AbortController();
		respond = (res) => {
			sse(res);
			res.write(event('delta', { text: 'Which record ' }));
		};
		const step = (await curator()).converse(
			{ portrait: REQUEST.portrait, direction: 'initial', messages: [] },
			() => controller.abort(),
			{ signal: controller.signal }
		);
		await expect(step).rejects.toMatchObject({ code: 'ABORTED' });
	}, 30_000);
});
