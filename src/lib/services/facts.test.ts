/**
 * Artist facts as the screens get them: the real catalogue look-up against the shared fake
 * MusicBrainz, kept in the real store (Dexie over fake-indexeddb).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import { RateLimiter } from '$lib/catalog';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import { artistFacts, knownArtistFacts, type FactsRequest } from './facts';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => {
	mb.reset();
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

const request = (): FactsRequest => ({
	baseUrl: mb.url,
	limiter: new RateLimiter(0),
	backoffMs: 1
});

describe('artist facts on the device', () => {
	it('asks MusicBrainz once, then answers from IndexedDB', async () => {
		const first = await artistFacts(['Radiohead', 'Björk'], request());
		expect(first.map((f) => [f.name, f.status, f.country])).toEqual([
			['Radiohead', 'known', 'GB'],
			['Björk', 'known', 'IS']
		]);
		const asked = mb.requests().length;
		expect(asked).toBeGreaterThan(0);

		const again = await artistFacts(['radiohead', 'Bjork'], request());
		expect(again.map((f) => f.country)).toEqual(['GB', 'IS']);
		expect(mb.requests().length).toBe(asked);
	});

	it('reads what the device knows without asking anyone', async () => {
		expect((await knownArtistFacts(['Radiohead'])).size).toBe(0);
		await artistFacts(['Radiohead'], request());
		mb.setMode('down');
		const known = await knownArtistFacts(['Radiohead', 'The Radiohead', 'Nobody Known']);
		expect([...known.values()].map((f) => [f.matchedName, f.country])).toEqual([
			['Radiohead', 'GB']
		]);
		expect(mb.requests().length).toBe(1);
	});
});
