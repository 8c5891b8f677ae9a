/**
 * Artist facts as the screens get them: the real catalogue look-up against the shared fake
 * MusicBrainz, kept in the real store (Dexie over fake-indexeddb).
 */
import { describe, expect, it } from 'vitest';
import { useFactsEdge } from '../../../tests/unit/facts-edge';
import { artistFacts, knownArtistFacts, type FactsRequest } from './facts';

const edge = useFactsEdge();

const request = (): FactsRequest => edge.request();

describe('artist facts on the device', () => {
	it('asks MusicBrainz once, then answers from IndexedDB', async () => {
		const first = await artistFacts(['Radiohead', 'Björk'], request());
		expect(first.map((f) => [f.name, f.status, f.country])).toEqual([
			['Radiohead', 'known', 'GB'],
			['Björk', 'known', 'IS']
		]);
		const asked = edge.mb.requests().length;
		expect(asked).toBeGreaterThan(0);

		const again = await artistFacts(['radiohead', 'Bjork'], request());
		expect(again.map((f) => f.country)).toEqual(['GB', 'IS']);
		expect(edge.mb.requests().length).toBe(asked);
	});

	it('reads what the device knows without asking anyone', async () => {
		expect((await knownArtistFacts(['Radiohead'])).size).toBe(0);
		await artistFacts(['Radiohead'], request());
		edge.mb.setMode('down');
		const known = await knownArtistFacts(['Radiohead', 'The Radiohead', 'Nobody Known']);
		expect([...known.values()].map((f) => [f.matchedName, f.country])).toEqual([
			['Radiohead', 'GB']
		]);
		expect(edge.mb.requests().length).toBe(1);
	});
});
