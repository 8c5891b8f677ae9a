import { beforeEach, describe, expect, it } from 'vitest';
import { stageOf, recommendedSoFar, localAnalysis, currentConversation } from '$lib/domain/journey';
import { sampleAlbums, samplePortrait } from '../../../tests/unit/samples';
import { CartographerDB, db, useDatabase } from './schema';
import { deleteJourney } from './delete';
import {
	albumsGivenBefore,
	appendMessage,
	chooseDirection,
	createJourney,
	latestJourney,
	loadJourney,
	loadMessages,
	saveAnalysis,
	savePortrait,
	saveRecommendations,
	setFeedback
} from './journeys';

const portrait = samplePortrait;
const albums = sampleAlbums;

async function journey(id: string) {
	const j = await loadJourney(id);
	if (!j) throw new Error('journey missing');
	return j;
}

beforeEach(async () => {
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

describe('a journey through the store', () => {
	it('walks from artists to the next round, each step resumable from storage', async () => {
		const id = await createJourney([{ name: 'Radiohead' }, { name: 'Björk' }]);
		expect(stageOf(await journey(id))).toBe('portrait');

		await savePortrait(id, portrait);
		let j = await journey(id);
		expect(j.portrait?.result.summary).toBe(portrait.summary);
		expect(stageOf(j)).toBe('conversation');

		const conversation = currentConversation(j)!;
		await appendMessage(conversation, 'assistant', 'Question 1?', { questionNumber: 1 });
		await appendMessage(conversation, 'user', 'Answer 1');
		await appendMessage(conversation, 'assistant', 'Thanks!', { complete: true });
		const messages = await loadMessages(conversation.id);
		expect(messages.map((m) => m.content)).toEqual(['Question 1?', 'Answer 1', 'Thanks!']);
		j = await journey(id);
		expect(stageOf(j)).toBe('recommendations');

		await saveRecommendations(currentConversation(j)!, 1, albums);
		j = await journey(id);
		expect(stageOf(j)).toBe('listening');
		const set = j.sets[0];
		await setFeedback(set, set.albums[0].key, { rating: 5, rationale: 'Gorgeous' });
		await setFeedback(set, set.albums[1].key, { rating: 4 });
		await setFeedback(set, set.albums[2].key, { rating: 2 });
		await setFeedback(set, set.albums[0].key, { resonantElement: 'The strings' });
		j = await journey(id);
		const first = j.feedback.find((f) => f.albumKey === set.albums[0].key)!;
		expect(first).toMatchObject({
			rating: 5,
			rationale: 'Gorgeous',
			resonantElement: 'The strings',
			listened: true
		});
		expect(j.feedback).toHaveLength(3);

		const local = localAnalysis(j.feedback);
		expect(local).toMatchObject({ ratedCount: 3, averageRating: 3.7 });
		expect(local.topAlbums.map((a) => a.title)).toEqual(['Album A', 'Album B']);
		await saveAnalysis(currentConversation(j)!, local, {
			reinforcedThemes: 'x',
			strategicPivot: 'y'
		});
		j = await journey(id);
		expect(stageOf(j)).toBe('analysis');

		await chooseDirection(j.analyses[0], 'pivot');
		j = await journey(id);
		expect(j.row.round).toBe(2);
		expect(currentConversation(j)).toMatchObject({ direction: 'pivot', complete: false });
		expect(stageOf(j)).toBe('conversation');
		expect(recommendedSoFar(j)).toHaveLength(5);
	});

	it('writes an outbox entry with every change, in the same transaction', async () => {
		const id = await createJourney([{ name: 'Can' }]);
		await savePortrait(id, portrait);
		const outbox = await db().outbox.toArray();
		expect(outbox.map((o) => o.table)).toEqual([
			'journeys',
			'portraits',
			'conversations',
			'journeys'
		]);
		expect(outbox.every((o) => o.rowId)).toBe(true);
	});

	it('writes nothing when a change fails half way', async () => {
		const id = await createJourney([{ name: 'Can' }]);
		const before = await db().outbox.count();
		await expect(
			setFeedback(
				{
					id: 'nope',
					journeyId: id,
					conversationId: 'c',
					round: 1,
					batch: 1,
					createdAt: 0,
					albums: []
				},
				'x',
				{ rating: 3 }
			)
		).rejects.toThrow();
		expect(await db().outbox.count()).toBe(before);
		expect(await db().albumFeedback.count()).toBe(0);
	});

	it('finds the journey touched last for the landing page', async () => {
		expect(await latestJourney()).toBeUndefined();
		const first = await createJourney([{ name: 'Can' }]);
		await new Promise((r) => setTimeout(r, 5));
		const second = await createJourney([{ name: 'Neu!' }]);
		expect((await latestJourney())?.row.id).toBe(second);
		await new Promise((r) => setTimeout(r, 5));
		await savePortrait(first, portrait);
		expect((await latestJourney())?.row.id).toBe(first);
	});

	it('lists every album given in any journey, and forgets a deleted journey', async () => {
		const recommend = async (artist: string) => {
			const id = await createJourney([{ name: artist }]);
			await savePortrait(id, portrait);
			await saveRecommendations(currentConversation(await journey(id))!, 1, albums);
			return id;
		};
		const first = await recommend('Can');
		await recommend('Neu!');
		const given = await albumsGivenBefore();
		expect(given).toHaveLength(albums.length * 2);
		expect(given[0]).toMatchObject({ title: albums[0].title, artist: albums[0].artist });
		await deleteJourney(first);
		expect(await albumsGivenBefore()).toHaveLength(albums.length);
	});
});
