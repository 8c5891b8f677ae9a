/**
 * The conversation of a round, turn by turn: the curator's next question (or closing words),
 * streamed as it is written and stored once complete, and the listener's answer.
 */
import { appendMessage, loadMessages, transcript } from '$lib/db/journeys';
import type { Journey } from '$lib/domain/journey';
import type { ConversationRow } from '$lib/domain/types';
import { appDeps, catalogueJourney, withCurator, type StepDeps } from './curator-choice';

/** The analysis a conversation follows from (rounds after the first), from the journey itself. */
export function analysisFor(journey: Journey, conversation: ConversationRow) {
	return conversation.analysisId
		? journey.analyses.find((a) => a.id === conversation.analysisId)?.result
		: undefined;
}

/** The curator's next question in the conversation (or closing words), streamed through `onText`. */
export async function curatorTurn(
	journey: Journey,
	conversation: ConversationRow,
	onText: (textSoFar: string) => void,
	signal: AbortSignal,
	deps: StepDeps = appDeps
): Promise<void> {
	if (!journey.portrait) return;
	const request = {
		portrait: journey.portrait.result,
		direction: conversation.direction,
		analysis: analysisFor(journey, conversation),
		messages: transcript(await loadMessages(conversation.id))
	};
	const { result } = await withCurator(
		deps,
		catalogueJourney(journey),
		({ curator }) => curator.converse(request, onText, { signal }),
		signal
	);
	await appendMessage(conversation, 'assistant', result.message, {
		questionNumber: result.complete ? undefined : result.questionNumber,
		complete: result.complete
	});
}

/** The listener's answer to the curator's question. */
export function sendAnswer(conversation: ConversationRow, text: string): Promise<void> {
	return appendMessage(conversation, 'user', text);
}
