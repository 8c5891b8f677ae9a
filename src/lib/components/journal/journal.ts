/**
 * Everything a printed listening journal shows, read from this device only (Dexie), so the
 * journal opens and prints offline: the journey plus the words of every round's conversation.
 */
import { loadJourney, loadMessages } from '$lib/services/history';
import type { Journey } from '$lib/domain/journey';
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	MessageRow,
	RecommendedAlbumEntry
} from '$lib/domain/types';

export interface JournalAlbum {
	album: RecommendedAlbumEntry;
	feedback?: AlbumFeedbackRow;
}

export interface JournalRound {
	round: number;
	conversation?: ConversationRow;
	messages: MessageRow[];
	albums: JournalAlbum[];
	analysis?: AnalysisRow;
}

export interface Journal {
	journey: Journey;
	rounds: JournalRound[];
}

/** Groups a journey by round, in order; a round exists once it has a conversation or albums. */
export function journalRounds(j: Journey, messages: Map<string, MessageRow[]>): JournalRound[] {
	const numbers = [
		...new Set([...j.conversations.map((c) => c.round), ...j.sets.map((s) => s.round)])
	].sort((a, b) => a - b);
	return numbers.map((round) => {
		const conversation = j.conversations.find((c) => c.round === round);
		const albums = j.sets
			.filter((s) => s.round === round)
			.flatMap((set) =>
				set.albums.map((album) => ({
					album,
					feedback: j.feedback.find((f) => f.setId === set.id && f.albumKey === album.key)
				}))
			);
		return {
			round,
			conversation,
			messages: conversation ? (messages.get(conversation.id) ?? []) : [],
			albums,
			analysis: j.analyses.find((a) => a.round === round)
		};
	});
}

export async function loadJournal(journeyId: string): Promise<Journal | undefined> {
	const journey = await loadJourney(journeyId);
	if (!journey) return undefined;
	const messages = new Map(
		await Promise.all(
			journey.conversations.map(async (c) => [c.id, await loadMessages(c.id)] as const)
		)
	);
	return { journey, rounds: journalRounds(journey, messages) };
}
