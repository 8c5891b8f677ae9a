/**
 * The curator client against answers that do not fit the contract: a proxy's HTML page with a
 * 200, a function of another version, a stream whose last event is garbled. Each becomes the
 * error the listener already knows ("the curator's answer made no sense"), never a value that
 * the journey would store. The session comes from the local stand-in; the curator is a small
 * HTTP server on 127.0.0.1 answering what each test sets.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEdgeCurator } from '../../../tests/unit/edge-curator';

const cfg = vi.hoisted(() => ({ supabaseUrl: '', anonKey: '', curator: '' }));
vi.mock('$lib/config', () => ({
	config: cfg,
	curatorUrl: (route: string) => `${cfg.curator}/${route}`
}));

interface Answer {
	status?: number;
	type: string;
	body: string;
}
let answer: Answer = { type: 'application/json', body: '{}' };
let edge: Awaited<ReturnType<typeof startEdgeCurator>> | undefined;

beforeAll(async () => {
	edge = await startEdgeCurator(cfg, (_req, res) => {
		res.writeHead(answer.status ?? 200, { 'content-type': answer.type });
		res.end(answer.body);
	});
}, 60_000);

afterAll(async () => {
	await edge?.stop();
});

const facet = { label: 'Krautrock', explanation: 'Motorik pulse.' };
const PORTRAIT = {
	primaryGenres: [facet, facet, facet],
	geographicCenters: [facet, facet],
	keyEras: [facet, facet],
	noteworthyGaps: [facet, facet],
	summary: 'A listener of long grooves.'
};
const ARTISTS = ['Can', 'Neu!', 'Faust', 'Cluster', 'Harmonia'].map((name) => ({ name }));

async function app() {
	return {
		curator: (await import('./client')).curator,
		errors: await import('$lib/errors')
	};
}

async function failure(step: Promise<unknown>) {
	const { errors } = await app();
	const error = await step.then(
		(value) => ({ value }),
		(e: unknown) => e
	);
	return { error, shown: errors.describeError(error) };
}

describe('answers outside the contract', () => {
	it('a fitting portrait comes through, without keys the contract does not have', async () => {
		const { curator } = await app();
		answer = { type: 'application/json', body: JSON.stringify({ ...PORTRAIT, debug: 'x' }) };
		expect(await curator.portrait({ artists: ARTISTS })).toEqual(PORTRAIT);
	}, 30_000);

	it('a 200 with an HTML page is the answer that made no sense', async () => {
		const { curator } = await app();
		answer = { type: 'text/html', body: '<!doctype html><h1>Welcome to nginx!</h1>' };
		const { error, shown } = await failure(curator.portrait({ artists: ARTISTS }));
		expect(error).toMatchObject({ code: 'UPSTREAM_INVALID', status: 200 });
		expect(shown.title).toBe('The curator’s answer made no sense');
		expect(shown.retry).toBe(true);
	}, 30_000);

	it('recommendations of the wrong shape are refused, not half stored', async () => {
		const { curator } = await app();
		const album = { title: 'Tago Mago', artist: 'Can', reason: 'Groove.', genres: ['krautrock'] };
		answer = { type: 'application/json', body: JSON.stringify({ albums: [album] }) };
		const req = { portrait: PORTRAIT, messages: [], direction: 'initial' as const, exclude: [] };
		const { error, shown } = await failure(curator.recommend(req));
		expect(error).toMatchObject({
			code: 'UPSTREAM_INVALID',
			details: { problem: 'albums[0].year: must be a string' }
		});
		expect(shown.title).toBe('The curator’s answer made no sense');
	}, 30_000);

	it('an analysis that is a list, not the object, is refused', async () => {
		const { curator } = await app();
		answer = { type: 'application/json', body: '["reinforced", "pivot"]' };
		const rated = [1, 2, 3].map((n) => ({ title: `A${n}`, artist: 'B', year: '1999', rating: n }));
		const { error } = await failure(curator.analyze({ albums: rated }));
		expect(error).toMatchObject({ code: 'UPSTREAM_INVALID' });
	}, 30_000);

	it('a streamed turn whose final event is garbled ends in the same error, after the preview', async () => {
		const { curator } = await app();
		const events = [
			`event: delta\ndata: ${JSON.stringify({ text: 'Which record ' })}\n\n`,
			`event: delta\ndata: ${JSON.stringify({ text: 'first hooked you?' })}\n\n`,
			`event: done\ndata: ${JSON.stringify({ message: 'Which record first hooked you?' })}\n\n`
		];
		answer = { type: 'text/event-stream', body: events.join('') };
		const seen: string[] = [];
		const req = { portrait: PORTRAIT, direction: 'initial' as const, messages: [] };
		const { error, shown } = await failure(curator.converse(req, (t) => seen.push(t)));
		expect(seen).toEqual(['Which record ', 'Which record first hooked you?']);
		expect(error).toMatchObject({ code: 'UPSTREAM_INVALID' });
		expect(shown.title).toBe('The curator’s answer made no sense');
	}, 30_000);

	it('an error body that is not the contract’s still reads as the server’s failure', async () => {
		const { curator } = await app();
		answer = { status: 502, type: 'text/html', body: '<h1>502 Bad Gateway</h1>' };
		const { error } = await failure(curator.portrait({ artists: ARTISTS }));
		expect(error).toMatchObject({ code: 'NETWORK', status: 502 });
	}, 30_000);
});
