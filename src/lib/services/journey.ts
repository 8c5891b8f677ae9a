/**
 * The steps of a journey as the listener takes them: start from artists, draw the portrait,
 * the conversation turn by turn, a round of recommendations, ratings, the analysis and the
 * choice of where next. Pages call these and render from the store (liveQuery over the reads
 * below), never from an AI response: each step writes its result to Dexie before it returns.
 *
 * Two curators stand behind the same five calls: the AI curator (the curator function), and,
 * when the function has no AI provider, the catalogue curator, which draws every step from
 * MusicBrainz and ListenBrainz in the app (docs/architecture.md, "Catalogue mode"). Which one
 * drew a step is kept with it (`curator: 'catalogue'`), so the screens can say so.
 *
 * The curator and the catalogue are passed in as `StepDeps` so the steps can be exercised
 * against fakes of the outside world (the AI provider, MusicBrainz, ListenBrainz); the app uses
 * the defaults.
 */
import {
	createCatalogueCurator,
	groundRecommendations,
	neverAgain,
	type ArtistFacts,
	type CatalogueAlbum,
	type CatalogueDeps,
	type CatalogueJourney,
	type GroundOptions
} from '$lib/catalog';
import { curator as curatorClient } from '$lib/curator/client';
import { albumsPlayed } from '$lib/db/imports';
import { CuratorError, isAbort } from '$lib/errors/base';
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
import {
	LIMITS,
	type AlbumRef,
	type ArtistFact,
	type ArtistInput,
	type Direction,
	type RecommendedAlbum
} from '$contract/curator';
import { albumMatcher, artistKey } from '$contract/identity';
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
import { aiConfigured, catalogueDeps, rememberAiStatus } from './catalogue';
import { artistFacts } from './facts';
import { groundingOptions } from './grounding';

export type { FeedbackPatch, RecommendedAlbum };

/** How many albums a round shows. */
export const RECOMMENDATION_COUNT = 5;

type Curator = Pick<
	typeof curatorClient,
	'portrait' | 'converse' | 'recommend' | 'recommendStream' | 'analyze'
>;

export interface StepDeps {
	/** The AI curator (the curator function's client). */
	curator: Curator;
	/** Where and how albums are checked against the catalogue. */
	grounding: (signal?: AbortSignal) => GroundOptions;
	/**
	 * Whether the function has an AI provider (undefined: unknown, so the AI curator is asked;
	 * its AI_NOT_CONFIGURED still hands over to the catalogue curator). Without `catalogue`
	 * there is no catalogue mode at all.
	 */
	aiConfigured?: (signal?: AbortSignal) => Promise<boolean | undefined>;
	rememberAi?: (ai: boolean) => void;
	/** The catalogue curator's edge: artist facts, similar artists, an artist's albums. */
	catalogue?: CatalogueDeps;
	/** Artist facts given to the model with a portrait request. */
	facts?: (names: readonly string[], signal?: AbortSignal) => Promise<ArtistFacts[]>;
	/** Albums the listener's imports show played: never recommended. */
	played?: () => Promise<AlbumRef[]>;
}

const app: StepDeps = {
	curator: curatorClient,
	grounding: groundingOptions,
	aiConfigured,
	rememberAi: rememberAiStatus,
	catalogue: catalogueDeps,
	facts: (names, signal) => artistFacts(names, { signal }),
	played: albumsPlayed
};

type Drawn = { kind: 'model' | 'catalogue'; curator: Curator };

/**
 * Runs a step with the curator that should draw it: the catalogue curator when the function has
 * no AI provider (known beforehand, or learnt from its AI_NOT_CONFIGURED when its status could not
 * be asked), else the AI curator.
 */
async function withCurator<T>(
	deps: StepDeps,
	journey: () => CatalogueJourney,
	step: (drawn: Drawn) => Promise<T>,
	signal?: AbortSignal
): Promise<{ result: T; kind: Drawn['kind'] }> {
	const catalogue = deps.catalogue;
	const byCatalogue = async () => {
		const curator: Curator = createCatalogueCurator(catalogue!, journey());
		return { result: await step({ kind: 'catalogue', curator }), kind: 'catalogue' as const };
	};
	const ai = catalogue ? await deps.aiConfigured?.(signal) : undefined;
	if (ai === false) return byCatalogue();
	try {
		return { result: await step({ kind: 'model', curator: deps.curator }), kind: 'model' };
	} catch (err) {
		// A provider that is configured but refuses the key also answers AI_NOT_CONFIGURED:
		// that listener is told how to fix it, not moved to the catalogue behind their back.
		const notConfigured = err instanceof CuratorError && err.code === 'AI_NOT_CONFIGURED';
		if (!catalogue || ai === true || !notConfigured) throw err;
		deps.rememberAi?.(false);
		return byCatalogue();
	}
}

/** What the catalogue curator knows of the journey beyond a request. */
function catalogueJourney(
	journey: Journey,
	notNew?: CatalogueJourney['notNew']
): () => CatalogueJourney {
	return () => ({
		artists: journey.row.artists,
		rated: journey.feedback
			.filter((f) => f.rating !== undefined)
			.map((f) => ({ artist: f.artist, rating: f.rating! })),
		portrait: journey.portrait?.result,
		notNew
	});
}

/** Artists whose facts go to the model: the most played, as one MusicBrainz search answers. */
const FACTS_FOR_MODEL = 25;
const FACTS_WAIT_MS = 4000;

/**
 * The facts of the listener's best-known artists for the model's portrait: from the device, or
 * MusicBrainz for those it lacks, within a few seconds (the portrait goes without them rather
 * than waiting). Only artists MusicBrainz knows for sure are sent.
 */
async function factsForModel(
	artists: readonly ArtistInput[],
	deps: StepDeps,
	signal: AbortSignal
): Promise<ArtistFact[]> {
	if (!deps.facts) return [];
	let facts: ArtistFacts[];
	// The wait's end rejects with a TimeoutError (not an AbortError): going without is the plan.
	const wait = AbortSignal.timeout(FACTS_WAIT_MS);
	try {
		facts = await deps.facts(
			artists.slice(0, FACTS_FOR_MODEL).map((a) => a.name),
			AbortSignal.any([signal, wait])
		);
	} catch (err) {
		if (signal.aborted || !(wait.aborted || isAbort(err))) throw err;
		return [];
	}
	return facts
		.filter((f) => f.status === 'known')
		.map((f) => ({
			name: f.name,
			...(f.country ? { country: f.country } : {}),
			...((f.area ?? f.beginArea) ? { area: (f.area ?? f.beginArea)!.name } : {}),
			...(f.beginYear ? { beginYear: f.beginYear } : {}),
			...(f.endYear ? { endYear: f.endYear } : {}),
			tags: f.tags.slice(0, LIMITS.factTags).map((t) => t.name.slice(0, 100))
		}));
}

/** Played albums worth telling the AI curator: not by the listener's own artists, most played first. */
const PLAYED_TO_EXCLUDE = 300;
function playedToExclude(played: readonly AlbumRef[], listenerArtists: readonly string[]) {
	const own = new Set(listenerArtists.map(artistKey));
	return played
		.filter((a) => !own.has(artistKey(a.artist)))
		.slice(0, PLAYED_TO_EXCLUDE)
		.map(({ title, artist }) => ({ title: title.slice(0, 300), artist: artist.slice(0, 300) }));
}

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
	const { result, kind } = await withCurator(
		deps,
		catalogueJourney(journey),
		async ({ kind, curator }) => {
			const facts = kind === 'model' ? await factsForModel(row.artists, deps, signal) : [];
			return curator.portrait(
				{ artists: row.artists, source: row.source, ...(facts.length ? { facts } : {}) },
				// A retry that knows more facts is another request, so it gets its own key.
				{ signal, idempotencyKey: `portrait-${row.id}${facts.length ? `-${facts.length}` : ''}` }
			);
		},
		signal
	);
	await savePortrait(row.id, kind === 'catalogue' ? { ...result, curator: 'catalogue' } : result);
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
	// Never again: an album of any journey (or another edition of it), one the listener's
	// imports show they played, one by an artist the listener gave, or a second album by one
	// artist in this batch.
	const given = await albumsGivenBefore();
	const played = (await deps.played?.()) ?? [];
	const listenerArtists = journey.row.artists.map((a) => a.name);
	const exclude = recommendedSoFar(journey);
	const batch = setsOfRound(journey).length + 1;
	const request = {
		portrait: journey.portrait.result,
		messages: transcript(await loadMessages(conv.id)),
		direction: conv.direction,
		analysis: analysisFor(journey, conv),
		exclude: [
			...exclude,
			...playedToExclude(played, listenerArtists).slice(0, LIMITS.exclude - exclude.length)
		],
		count: RECOMMENDATION_COUNT
	};
	// The same rules for what is shown while the answer arrives.
	const shown = neverAgain({ listenerArtists, given, played });
	// The catalogue curator asks before it picks an album (no claims: picking is not showing).
	const rules = neverAgain({ listenerArtists, given, played });
	const excluded = albumMatcher(exclude);
	let arrived = 0;
	const onAlbum = (album: RecommendedAlbum) => {
		// Spares beyond the screen's five are not shown (and claim no artist).
		if (arrived >= RECOMMENDATION_COUNT || excluded(album) || shown.notNew(album)) return;
		shown.claim(album);
		arrived++;
		onArriving(album);
	};
	const { result: kept } = await withCurator(
		deps,
		catalogueJourney(journey, (album) => rules.notNew(album)),
		async ({ kind, curator }) => {
			const { albums } = await curator.recommendStream(request, {
				signal,
				idempotencyKey: `recommend-${conv.id}-${batch}`,
				onAlbum
			});
			if (kind === 'catalogue')
				return keepFromCatalogue(albums as CatalogueAlbum[], exclude, rules);
			const grounded = await groundRecommendations(withoutExcluded(albums, exclude), {
				...deps.grounding(signal),
				need: RECOMMENDATION_COUNT,
				listenerArtists,
				given,
				played,
				requestMore: async (tried) => {
					const more = await curator.recommend(
						{ ...request, exclude: [...request.exclude, ...tried].slice(0, LIMITS.exclude) },
						{ signal }
					);
					return withoutExcluded(more.albums, exclude);
				}
			});
			return grounded.kept.map((a) => ({
				title: a.title,
				artist: a.artist,
				year: a.year ?? '',
				reason: a.reason,
				genres: a.genres,
				status: a.status === 'verified' ? ('verified' as const) : ('unverified' as const),
				mbid: a.mbid,
				coverUrl: a.coverUrl,
				coverUrl500: a.coverUrl500
			}));
		},
		signal
	);
	if (!kept.length) throw new Error('The curator found no albums that exist in the catalogue');
	await saveRecommendations(conv, batch, kept);
}

/**
 * The catalogue's albums are MusicBrainz's own release groups: grounded already. The same
 * rules as for the AI curator's albums decide which are shown, in the order they came.
 */
function keepFromCatalogue(
	albums: CatalogueAlbum[],
	exclude: AlbumRef[],
	rules: ReturnType<typeof neverAgain>
) {
	const excluded = albumMatcher(exclude);
	const kept = [];
	for (const album of albums) {
		if (kept.length >= RECOMMENDATION_COUNT) break;
		if (excluded(album) || rules.notNew(album)) continue;
		rules.claim(album);
		kept.push({
			title: album.title,
			artist: album.artist,
			year: album.year,
			reason: album.reason,
			genres: album.genres,
			status: 'verified' as const,
			mbid: album.mbid,
			coverUrl: album.coverUrl,
			coverUrl500: album.coverUrl500,
			curator: 'catalogue' as const
		});
	}
	return kept;
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
