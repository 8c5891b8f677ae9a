import { describe, expect, it } from 'vitest';
import { fromServer, localTable, serverTable, toServer, TABLES } from './mapping';
import type { SyncedTable } from '$lib/domain/types';

const feedback = {
	id: '0b7c5f0e-93c9-4d8a-8e7e-0d3b3c1f9a01',
	journeyId: '1b7c5f0e-93c9-4d8a-8e7e-0d3b3c1f9a01',
	setId: '2b7c5f0e-93c9-4d8a-8e7e-0d3b3c1f9a01',
	albumKey: '1-0',
	round: 1,
	title: 'Homogenic',
	artist: 'Björk',
	year: '1997',
	listened: true,
	rating: 5,
	resonantElement: 'strings',
	fieldClocks: { rating: '1763762400000:0000:node' },
	createdAt: 1763762400000,
	updatedAt: 1763762400123,
	localOnly: 'never sent'
};

describe('Dexie ⇄ server rows', () => {
	it('sends only the listed columns, snake_case, without server-owned ones', () => {
		const row = toServer('albumFeedback', feedback);
		expect(row).toEqual({
			id: feedback.id,
			journey_id: feedback.journeyId,
			set_id: feedback.setId,
			album_key: '1-0',
			round: 1,
			title: 'Homogenic',
			artist: 'Björk',
			year: '1997',
			listened: true,
			rating: 5,
			resonant_element: 'strings',
			field_clocks: { rating: '1763762400000:0000:node' },
			created_at: 1763762400000
		});
		expect(row).not.toHaveProperty('updated_at');
		expect(row).not.toHaveProperty('local_only');
	});

	it('round-trips every table through the server form', () => {
		const server = {
			...toServer('albumFeedback', feedback),
			user_id: '9b7c5f0e-93c9-4d8a-8e7e-0d3b3c1f9a01',
			rev: 12,
			created_at: new Date(feedback.createdAt).toISOString(),
			updated_at: new Date(feedback.updatedAt).toISOString(),
			rationale: null,
			deleted_at: null
		};
		const { localOnly: _, ...expected } = feedback;
		expect(fromServer('albumFeedback', server)).toEqual(expected);
	});

	it('maps table names both ways and knows all seven', () => {
		expect(serverTable('recommendationSets')).toBe('recommendation_sets');
		expect(localTable('album_feedback')).toBe('albumFeedback');
		expect(localTable('nope')).toBeUndefined();
		for (const t of Object.keys(TABLES) as SyncedTable[]) {
			expect(localTable(serverTable(t))).toBe(t);
			expect(TABLES[t].columns).toContain('id');
			expect(TABLES[t].columns).toContain('deleted_at');
		}
	});

	it('converts analyses and journeys fields', () => {
		const analysis = {
			id: 'a',
			journeyId: 's',
			conversationId: 'c',
			round: 2,
			createdAt: 1,
			averageRating: 3.5,
			ratedCount: 4,
			topAlbums: [{ title: 't', artist: 'a', rating: 5 }],
			result: { reinforcedThemes: [] },
			chosenDirection: 'pivot'
		};
		const s = toServer('analyses', analysis);
		expect(s).toMatchObject({ average_rating: 3.5, rated_count: 4, chosen_direction: 'pivot' });
		expect(fromServer('analyses', { ...s, created_at: new Date(1).toISOString() })).toEqual(
			analysis
		);
		const journey = toServer('journeys', {
			id: 's',
			importId: 'i',
			portraitId: 'p',
			artists: [],
			source: 'typed',
			round: 1,
			createdAt: 1,
			updatedAt: 2,
			deletedAt: 3
		});
		expect(journey).toMatchObject({ import_id: 'i', portrait_id: 'p', deleted_at: 3 });
	});
});
