/**
 * The map's data as the screens read it: journeys from the real store (Dexie over
 * fake-indexeddb) with the facts the real look-up cached from the shared fake MusicBrainz.
 */
import { describe, expect, it } from 'vitest';
import { useFactsEdge } from '../../../tests/unit/facts-edge';
import { samplePortrait } from '../../../tests/unit/samples';
import { savePortrait } from '$lib/db/journeys';
import { listeningMap } from '$lib/domain/listening-map';
import { checkPortrait } from '$lib/domain/portrait-check';
import { artistFacts, type FactsRequest } from './facts';
import { loadJourneyMap, loadMap } from './map';
import { startJourney } from './start';

const edge = useFactsEdge();

const request = (): FactsRequest => edge.request();
const names = (list: string) => list.split(', ').map((name) => ({ name }));

describe('the map from the device', () => {
	it('knows nothing before the look-up, and places every artist after it, offline too', async () => {
		const id = await startJourney(names('Can, Joy Division, Björk, Fela Kuti, Madvillain'));
		const before = await loadMap();
		expect(before.journeys.map((j) => j.row.id)).toEqual([id]);
		expect(listeningMap(before.journeys, before.facts, 2026).coverage.pending).toHaveLength(5);

		await artistFacts(['Can', 'Joy Division', 'Björk', 'Fela Kuti', 'Madvillain'], request());
		edge.mb.setMode('down');
		const after = await loadMap();
		const map = listeningMap(after.journeys, after.facts, 2026);
		// Can and Joy Division only have a city: the look-up walked up to their countries.
		expect(map.countries.map((c) => c.code).sort()).toEqual(['DE', 'GB', 'IS', 'NG']);
		expect(map.coverage).toMatchObject({ placed: 4, noCountry: ['Madvillain'], pending: [] });
	});

	it("checks the portrait's centres and eras against the cached facts", async () => {
		const id = await startJourney(
			names('Portishead, Massive Attack, Burial, Kendrick Lamar, Sigur Rós')
		);
		await savePortrait(id, {
			...samplePortrait,
			geographicCenters: [
				{ label: 'Bristol', explanation: '' },
				{ label: 'Los Angeles', explanation: '' }
			],
			keyEras: [
				{ label: 'Early-1990s', explanation: '' },
				{ label: 'Late-1970s', explanation: '' }
			]
		});
		const artists = ['Portishead', 'Massive Attack', 'Burial', 'Kendrick Lamar', 'Sigur Rós'];
		await artistFacts(artists, request());
		const { journeys, facts } = await loadJourneyMap(id);
		const check = checkPortrait(journeys[0].portrait!.result, artists, facts, 2026);
		expect(check.places.map((r) => [r.label, r.status, r.by])).toEqual([
			['Bristol', 'supported', ['Portishead', 'Massive Attack']],
			['Los Angeles', 'curators-reading', []]
		]);
		expect(check.eras.map((r) => [r.label, r.status])).toEqual([
			['Early-1990s', 'supported'],
			['Late-1970s', 'curators-reading']
		]);
	});
});
