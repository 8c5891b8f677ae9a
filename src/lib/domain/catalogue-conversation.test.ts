import { describe, expect, it } from 'vitest';
import type { ChatMessage, PortraitResult } from '$contract/curator';
import {
	catalogueChoices,
	catalogueQuestion,
	catalogueTurn,
	readAnswers,
	readEra
} from './catalogue-conversation';

const facet = (label: string) => ({ label, explanation: `${label}.` });
const portrait: PortraitResult = {
	primaryGenres: ['Trip hop', 'Post-punk', 'Art pop'].map(facet),
	geographicCenters: ['United Kingdom', 'Iceland'].map(facet),
	keyEras: ['1970s', '1990s'].map(facet),
	noteworthyGaps: ['Krautrock', 'Ethio-jazz'].map(facet),
	summary: 'Summary.'
};

function talk(...answers: string[]): ChatMessage[] {
	return answers.flatMap((content, i) => [
		{ role: 'assistant' as const, content: catalogueQuestion(portrait, 'initial', i + 1).message },
		{ role: 'user' as const, content }
	]);
}

describe('the catalogue conversation', () => {
	it('asks three questions whose answers come from the portrait, then closes', () => {
		expect(catalogueQuestion(portrait, 'initial', 1).choices).toEqual([
			'Trip hop',
			'Post-punk',
			'Art pop',
			'Surprise me'
		]);
		expect(catalogueQuestion(portrait, 'pivot', 1).choices).toContain('Krautrock');
		expect(catalogueQuestion(portrait, 'initial', 2).choices).toEqual([
			'1970s',
			'1990s',
			'Any era'
		]);
		expect(catalogueQuestion(portrait, 'initial', 3).choices).toContain('More from Iceland');
		expect(
			catalogueTurn({ portrait, direction: 'initial', messages: talk('Trip hop') })
		).toMatchObject({ complete: false, questionNumber: 2 });
		const done = catalogueTurn({
			portrait,
			direction: 'initial',
			messages: talk('Trip hop', '1990s', 'Far from home')
		});
		expect(done.complete).toBe(true);
		expect(done.message).toContain('trip hop, from the 1990s, far from the artists you gave');
	});

	it('offers its answers again only under its own questions', () => {
		const asked = catalogueQuestion(portrait, 'initial', 2);
		expect(
			catalogueChoices(portrait, 'initial', { content: asked.message, questionNumber: 2 })
		).toEqual(asked.choices);
		expect(
			catalogueChoices(portrait, 'initial', {
				content: 'Question 2: a model asked',
				questionNumber: 2
			})
		).toBeUndefined();
	});

	it('reads typed answers, and a blank or a shrug as no preference', () => {
		expect(
			readAnswers(portrait, 'initial', talk('post punk please', 'the 70s', 'somewhere new'))
		).toEqual({
			genre: 'post punk please',
			era: { from: 1970, to: 1979, label: '1970s' },
			distance: 'far'
		});
		expect(readAnswers(portrait, 'initial', talk('', '   ', ''))).toEqual({ distance: 'further' });
		expect(readAnswers(portrait, 'initial', talk('Surprise me', 'Any era', 'whatever'))).toEqual({
			distance: 'further'
		});
		expect(readAnswers(portrait, 'initial', talk('art pop', '1994', 'More from Iceland'))).toEqual({
			genre: 'Art pop',
			era: { from: 1990, to: 1999, label: '1990s' },
			distance: 'close',
			place: 'Iceland'
		});
		expect(readEra('late 60s')?.from).toBe(1960);
		expect(readEra('nothing in particular')).toBeUndefined();
	});
});
