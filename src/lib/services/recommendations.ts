/**
 * A round of recommendations: ask the curator, keep only albums that exist and are new to the
 * listener, and store the batch. The AI curator's albums are checked against MusicBrainz
 * (invented ones replaced from its spare candidates, or by asking again); the catalogue
 * curator's are MusicBrainz's own release groups already. The same never-again rules decide
 * what is shown while the answer streams in and what is kept.
 */
import { groundRecommendations, neverAgain, type CatalogueAlbum } from '$lib/catalog';
import { albumsGivenBefore, loadMessages, saveRecommendations, transcript } from '$lib/db/journeys';
import { LIMITS, type AlbumRef, type RecommendedAlbum } from '$contract/curator';
import { albumMatcher, artistKey } from '$contract/identity';
import {
	currentConversation,
	recommendedSoFar,
	setsOfRound,
	type Journey
} from '$lib/domain/journey';
import { analysisFor } from './conversation';
import { appDeps, catalogueJourney, withCurator, type StepDeps } from './curator-choice';

export type { RecommendedAlbum };

/** How many albums a round shows. */
export const RECOMMENDATION_COUNT = 5;

/** Played albums worth telling the AI curator: not by the listener's own artists, most played first. */
const PLAYED_TO_EXCLUDE = 300;
function playedToExclude(played: readonly AlbumRef[], listenerArtists: readonly string[]) {
	const own = new Set(listenerArtists.map(artistKey));
	return played
		.filter((a) => !own.has(artistKey(a.artist)))
		.slice(0, PLAYED_TO_EXCLUDE)
		.map(({ title, artist }) => ({ title: title.slice(0, 300), artist: artist.slice(0, 300) }));
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
	deps: StepDeps = appDeps
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
