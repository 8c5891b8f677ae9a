import { beforeEach, describe, expect, it } from 'vitest';
import type { RecommendationSetRow } from '$lib/domain/types';
import { CartographerDB, db, useDatabase } from './schema';
import { feedbackId, setFeedback } from './journeys';

const set: RecommendationSetRow = {
	id: '7d1c8a52-2f0e-4f57-9d6a-3f1e0c2b9a10',
	journeyId: 's1',
	conversationId: 'c1',
	round: 1,
	batch: 1,
	createdAt: 1,
	albums: [
		{ key: '1-0', title: 'Maxinquaye', artist: 'Tricky', year: '1995', reason: 'r', genres: [] }
	]
};

beforeEach(async () => {
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
	await db().journeys.put({
		id: 's1',
		createdAt: 1,
		updatedAt: 1,
		artists: [],
		source: 'typed',
		round: 1
	});
});

describe('feedback written for sync', () => {
	it('has the same id on every device for the same album of the same set', async () => {
		const a = await feedbackId(set.id, '1-0');
		expect(a).toBe(await feedbackId(set.id, '1-0'));
		expect(a).not.toBe(await feedbackId(set.id, '1-1'));
		expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
		await setFeedback(set, '1-0', { rating: 4 });
		expect((await db().albumFeedback.toArray()).map((f) => f.id)).toEqual([a]);
	});

	it('stamps a clock on each field it writes, and only those', async () => {
		await setFeedback(set, '1-0', { rating: 4 });
		const created = (await db().albumFeedback.toArray())[0];
		const clocks = created.fieldClocks!;
		expect(Object.keys(clocks).sort()).toEqual(
			[
				'album_key',
				'artist',
				'created_at',
				'listened',
				'rating',
				'round',
				'journey_id',
				'set_id',
				'title',
				'year'
			].sort()
		);
		expect(clocks.rationale).toBeUndefined();

		await setFeedback(set, '1-0', { rationale: 'the bass' });
		const updated = (await db().albumFeedback.toArray())[0];
		expect(updated.fieldClocks!.rationale > clocks.rating).toBe(true);
		expect(updated.fieldClocks!.rating).toBe(clocks.rating);
		expect(await db().outbox.count()).toBe(4); // feedback + journey, twice
	});
});
