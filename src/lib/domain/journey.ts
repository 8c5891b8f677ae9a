/**
 * Rules of a journey that need no storage: where a listener is, what the curator
 * must not recommend again, and the local half of the analysis.
 */
import type { AlbumRef, PortraitResult } from '$contract/curator';
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	PortraitRow,
	RecommendationSetRow,
	JourneyRow
} from './types';

export type Stage = 'portrait' | 'conversation' | 'recommendations' | 'listening' | 'analysis';

export const STAGES: { stage: Stage; label: string }[] = [
	{ stage: 'portrait', label: 'Portrait' },
	{ stage: 'conversation', label: 'Conversation' },
	{ stage: 'recommendations', label: 'Albums' },
	{ stage: 'listening', label: 'Listening' },
	{ stage: 'analysis', label: 'Analysis' }
];

export interface Journey {
	row: JourneyRow;
	portrait?: PortraitRow;
	conversations: ConversationRow[];
	sets: RecommendationSetRow[];
	feedback: AlbumFeedbackRow[];
	analyses: AnalysisRow[];
}

export function currentConversation(j: Journey): ConversationRow | undefined {
	return j.conversations.find((c) => c.round === j.row.round);
}

export function setsOfRound(j: Journey, round = j.row.round): RecommendationSetRow[] {
	return j.sets.filter((s) => s.round === round).sort((a, b) => a.batch - b.batch);
}

export function analysisOfRound(j: Journey, round = j.row.round): AnalysisRow | undefined {
	return j.analyses.find((a) => a.round === round);
}

/** The furthest step the listener has reached in the current round. */
export function stageOf(j: Journey): Stage {
	if (!j.portrait) return 'portrait';
	const conversation = currentConversation(j);
	if (!conversation || !conversation.complete) return 'conversation';
	if (setsOfRound(j).length === 0) return 'recommendations';
	if (!analysisOfRound(j)) return 'listening';
	return 'analysis';
}

/** Every album already recommended in this journey, across rounds and batches. */
export function recommendedSoFar(j: Journey): AlbumRef[] {
	return j.sets.flatMap((s) => s.albums.map(({ title, artist }) => ({ title, artist })));
}

export interface LocalAnalysis {
	ratedCount: number;
	averageRating: number;
	topAlbums: { title: string; artist: string; rating: number }[];
}

export const MIN_RATED_FOR_ANALYSIS = 3;

export function localAnalysis(feedback: AlbumFeedbackRow[]): LocalAnalysis {
	const rated = feedback.filter((f) => f.rating !== undefined);
	const total = rated.reduce((sum, f) => sum + (f.rating ?? 0), 0);
	const averageRating = rated.length ? Math.round((total / rated.length) * 10) / 10 : 0;
	const top = rated
		.filter((f) => (f.rating ?? 0) >= 4)
		.sort((a, b) => (b.rating ?? 0) - (a.rating ?? 0) || a.title.localeCompare(b.title))
		.slice(0, 3)
		.map((f) => ({ title: f.title, artist: f.artist, rating: f.rating ?? 0 }));
	return { ratedCount: rated.length, averageRating, topAlbums: top };
}

export function feedbackOfRound(j: Journey, round = j.row.round): AlbumFeedbackRow[] {
	return j.feedback.filter((f) => f.round === round);
}

/** The four parts of a listener portrait, in the order every screen shows them. */
export function portraitSections(portrait: PortraitResult) {
	return [
		{ key: 'genres', title: 'Primary genres', items: portrait.primaryGenres },
		{ key: 'places', title: 'Geographic centres', items: portrait.geographicCenters },
		{ key: 'eras', title: 'Key eras', items: portrait.keyEras },
		{ key: 'gaps', title: 'Noteworthy gaps', items: portrait.noteworthyGaps }
	] as const;
}
