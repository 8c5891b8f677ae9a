import { beforeEach, describe, expect, it } from 'vitest';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import {
	appendMessage,
	chooseDirection,
	createJourney,
	loadJourney,
	saveAnalysis,
	savePortrait,
	saveRecommendations,
	setFeedback
} from '$lib/db/journeys';
import { currentConversation, localAnalysis } from '$lib/domain/journey';
import { sampleAlbums, samplePortrait } from '../../../../tests/unit/samples';
import { loadJournal } from './journal';

beforeEach(() => {
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

async function journey(id: string) {
	const j = await loadJourney(id);
	if (!j) throw new Error('journey missing');
	return j;
}

describe('the listening journal of a journey', () => {
	it('keeps each round together: its conversation, its albums with feedback, its analysis', async () => {
		const id = await createJourney([{ name: 'Can' }, { name: 'Neu!' }]);
		await savePortrait(id, samplePortrait);
		let conversation = currentConversation(await journey(id))!;
		await appendMessage(conversation, 'assistant', 'What do you play at night?');
		await appendMessage(conversation, 'user', 'Long records', { complete: true });
		await saveRecommendations(conversation, 1, sampleAlbums);
		const set = (await journey(id)).sets[0];
		await setFeedback(set, set.albums[0].key, { rating: 5, rationale: 'The groove' });
		await setFeedback(set, set.albums[1].key, { rating: 2 });
		const j = await journey(id);
		await saveAnalysis(currentConversation(j)!, localAnalysis(j.feedback), {
			reinforcedThemes: 'Repetition',
			strategicPivot: 'Try jazz'
		});
		await chooseDirection((await journey(id)).analyses[0], 'pivot');
		conversation = currentConversation(await journey(id))!;
		await appendMessage(conversation, 'assistant', 'Which jazz?');

		const journal = (await loadJournal(id))!;
		expect(journal.journey.portrait?.result.summary).toBe(samplePortrait.summary);
		expect(journal.rounds.map((r) => r.round)).toEqual([1, 2]);
		const [first, second] = journal.rounds;
		expect(first.messages.map((m) => [m.role, m.content])).toEqual([
			['assistant', 'What do you play at night?'],
			['user', 'Long records']
		]);
		expect(first.albums).toHaveLength(5);
		expect(first.albums[0].feedback).toMatchObject({ rating: 5, rationale: 'The groove' });
		expect(first.albums[1].feedback?.rating).toBe(2);
		expect(first.albums[2].feedback).toBeUndefined();
		expect(first.analysis?.result.reinforcedThemes).toBe('Repetition');
		expect(second).toMatchObject({ albums: [], analysis: undefined });
		expect(second.conversation?.direction).toBe('pivot');
		expect(second.messages.map((m) => m.content)).toEqual(['Which jazz?']);
	});

	it('is absent for a journey that is not on this device', async () => {
		expect(await loadJournal('no-such-journey')).toBeUndefined();
	});
});
