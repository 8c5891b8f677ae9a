/**
 * The end of a round: the listener's ratings and answers about each album, saved as they go;
 * the curator's reading of them; and the listener's choice of where next (go deeper, or pivot),
 * which opens the next round's conversation.
 */
import { chooseDirection, saveAnalysis, setFeedback, type FeedbackPatch } from '$lib/db/journeys';
import type { Direction } from '$contract/curator';
import {
	currentConversation,
	localAnalysis,
	MIN_RATED_FOR_ANALYSIS,
	type Journey
} from '$lib/domain/journey';
import type { AnalysisRow, RecommendationSetRow, AlbumFeedbackRow } from '$lib/domain/types';
import { appDeps, catalogueJourney, withCurator, type StepDeps } from './curator-choice';

export type { FeedbackPatch };

/** Rating, "I listened" and the two answers about one album, saved as the listener goes. */
export function rate(
	set: RecommendationSetRow,
	albumKey: string,
	patch: FeedbackPatch
): Promise<void> {
	return setFeedback(set, albumKey, patch);
}

/** The curator's reading of this round's ratings (needs MIN_RATED_FOR_ANALYSIS of them). */
export async function analyseRound(
	journey: Journey,
	feedback: AlbumFeedbackRow[],
	signal: AbortSignal,
	deps: StepDeps = appDeps
): Promise<void> {
	const conv = currentConversation(journey);
	if (!conv) return;
	const rated = feedback.filter((f) => f.rating !== undefined);
	if (rated.length < MIN_RATED_FOR_ANALYSIS) return;
	const snapshot = localAnalysis(rated);
	const request = {
		albums: rated.map((f) => ({
			title: f.title,
			artist: f.artist,
			year: f.year,
			rating: f.rating!,
			rationale: f.rationale || undefined,
			resonantElement: f.resonantElement || undefined
		}))
	};
	const { result, kind } = await withCurator(
		deps,
		catalogueJourney(journey),
		({ curator }) => curator.analyze(request, { signal }),
		signal
	);
	await saveAnalysis(
		conv,
		snapshot,
		kind === 'catalogue' ? { ...result, curator: 'catalogue' } : result
	);
}

/** "Go deeper" or "Pivot": opens the next round's conversation. */
export function chooseNext(
	analysis: AnalysisRow,
	direction: Exclude<Direction, 'initial'>
): Promise<void> {
	return chooseDirection(analysis, direction);
}
