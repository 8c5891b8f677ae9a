/**
 * The steps of a journey as the listener takes them: start from artists, draw the portrait,
 * the conversation turn by turn, a round of recommendations, ratings, the analysis and the
 * choice of where next. Pages call these and render from the store (liveQuery over the reads
 * below), never from an AI response: each step writes its result to Dexie before it returns.
 *
 * The curator and the catalogue are passed in as `StepDeps` so the steps can be exercised
 * against fakes of the outside world (the AI provider, MusicBrainz); the app uses the defaults.
 */
import { groundRecommendations, neverAgain, type GroundOptions } from '$lib/catalog';
import { curator as curatorClient } from '$lib/curator/client';
import {
	albumsGivenBefore,
	appendMessage,
	chooseDirection,
	loadMessages,
	saveAnalysis,
	savePortrait,
	saveRecommendations,
	setFeedback,
	transcript,
	type FeedbackPatch
} from '$lib/db/journeys';
import type { AlbumRef, Direction, RecommendedAlbum } from '$contract/curator';
import { albumMatcher } from '$contract/identity';
import {
	currentConversation,
	localAnalysis,
	MIN_RATED_FOR_ANALYSIS,
	recommendedSoFar,
	setsOfRound,
	type Journey
} from '$lib/domain/journey';
import type {
	AnalysisRow,
	ConversationRow,
	RecommendationSetRow,
	AlbumFeedbackRow
} from '$lib/domain/types';
import { groundingOptions } from './grounding';

export type { FeedbackPatch, RecommendedAlbum };

/** How many albums a round shows. */
export const RECOMMENDATION_COUNT = 5;

export interface StepDeps {
	curator: Pick<
		typeof curatorClient,
		'portrait' | 'converse' | 'recommend' | 'recommendStream' | 'analyze'
	>;
	/** Where and how albums are checked against the catalogue. */
	grounding: (signal?: AbortSignal) => GroundOptions;
}

const app: StepDeps = { curator: curatorClient, grounding: groundingOptions };

/** The analysis a conversation follows from (rounds after the first), from the journey itself. */
export function analysisFor(journey: Journey, conversation: ConversationRow) {
	return conversation.analysisId
		? journey.analyses.find((a) => a.id === conversation.analysisId)?.result
		: undefined;
}

/** Draws the listener portrait from the journey's artists and stores it. */
export async function drawPortrait(
	journey: Journey,
	signal: AbortSignal,
	deps: StepDeps = app
): Promise<void> {
	const { row } = journey;
	const result = await deps.curator.portrait(
		{ artists: row.artists, source: row.source },
		{ signal, idempotencyKey: `portrait-${row.id}` }
	);
	await savePortrait(row.id, result);
}

/** The curator's next question in the conversation (or closing words), streamed through `onText`. */
export async function curatorTurn(
	journey: Journey,
	conversation: ConversationRow,
	onText: (textSoFar: string) => void,
	signal: AbortSignal,
	deps: StepDeps = app
): Promise<void> {
	if (!journey.portrait) return;
	const result = await deps.curator.converse(
		{
			portrait: journey.portrait.result,
			direction: conversation.direction,
			analysis: analysisFor(journey, conversation),
			messages: transcript(await loadMessages(conversation.id))
		},
		onText,
		{ signal }
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

/**
 * One batch of recommendations: ask the curator, keep only albums that exist (replacing
 * invented ones from its spare candidates, or by asking again), never an album given before,
 * and store the batch. Throws when no album survives.
 *
 * `onArriving` gets each album as the curator's answer streams in, before it is checked
 * against the catalogue, so the page can show it at once; albums the never-again rules would
 * drop are not passed on. What is saved has the last word.
 */
export async function recommendRound(
	journey: Journey,
	onArriving: (album: RecommendedAlbum) => void,
	signal: AbortSignal,
	deps: StepDeps = app
): Promise<void> {
	const conv = currentConversation(journey);
	if (!conv || !journey.portrait) return;
	const exclude = recommendedSoFar(journey);
	const batch = setsOfRound(journey).length + 1;
	const request = {
		portrait: journey.portrait.result,
		messages: transcript(await loadMessages(conv.id)),
		direction: conv.direction,
		analysis: analysisFor(journey, conv),
		exclude,
		count: RECOMMENDATION_COUNT
	};
	// Never again: an album of any journey (or another edition of it), one by an artist
	// the listener gave, or a second album by one artist in this batch.
	const given = await albumsGivenBefore();
	const listenerArtists = journey.row.artists.map((a) => a.name);
	// The same rules for what is shown while the answer arrives.
	const shown = neverAgain({ listenerArtists, given });
	const excluded = albumMatcher(exclude);
	let arrived = 0;
	const { albums } = await deps.curator.recommendStream(request, {
		signal,
		idempotencyKey: `recommend-${conv.id}-${batch}`,
		onAlbum: (album) => {
			// Spares beyond the screen's five are not shown (and claim no artist).
			if (arrived >= RECOMMENDATION_COUNT || excluded(album) || shown.notNew(album)) return;
			shown.claim(album);
			arrived++;
			onArriving(album);
		}
	});
	const { kept } = await groundRecommendations(withoutExcluded(albums, exclude), {
		...deps.grounding(signal),
		need: RECOMMENDATION_COUNT,
		listenerArtists,
		given,
		requestMore: async (tried) => {
			const more = await deps.curator.recommend(
				{ ...request, exclude: [...exclude, ...tried] },
				{ signal }
			);
			return withoutExcluded(more.albums, exclude);
		}
	});
	if (!kept.length) throw new Error('The curator found no albums that exist in the catalogue');
	await saveRecommendations(
		conv,
		batch,
		kept.map((a) => ({
			title: a.title,
			artist: a.artist,
			year: a.year ?? '',
			reason: a.reason,
			genres: a.genres,
			status: a.status === 'verified' ? 'verified' : 'unverified',
			mbid: a.mbid,
			coverUrl: a.coverUrl,
			coverUrl500: a.coverUrl500
		}))
	);
}

function withoutExcluded<T extends AlbumRef>(albums: readonly T[], exclude: AlbumRef[]): T[] {
	const excluded = albumMatcher(exclude);
	return albums.filter((a) => !excluded(a));
}

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
	deps: StepDeps = app
): Promise<void> {
	const conv = currentConversation(journey);
	if (!conv) return;
	const rated = feedback.filter((f) => f.rating !== undefined);
	if (rated.length < MIN_RATED_FOR_ANALYSIS) return;
	const snapshot = localAnalysis(rated);
	const result = await deps.curator.analyze(
		{
			albums: rated.map((f) => ({
				title: f.title,
				artist: f.artist,
				year: f.year,
				rating: f.rating!,
				rationale: f.rationale || undefined,
				resonantElement: f.resonantElement || undefined
			}))
		},
		{ signal }
	);
	await saveAnalysis(conv, snapshot, result);
}

/** "Go deeper" or "Pivot": opens the next round's conversation. */
export function chooseNext(
	analysis: AnalysisRow,
	direction: Exclude<Direction, 'initial'>
): Promise<void> {
	return chooseDirection(analysis, direction);
}
