/**
 * The catalogue curator: the same five steps as the AI curator's client (portrait, converse,
 * recommend, recommendStream, analyze), answered from open music data when no AI provider is
 * configured. It runs in the app: MusicBrainz and the ListenBrainz labs API both answer browsers
 * (CORS) and each listener's device keeps within their rate limits, which a shared server could
 * not do for everyone at once.
 *
 * The portrait (./portrait), the questions (the domain's catalogue conversation) and the
 * analysis (./analysis) are worked out from what the services answer; the recommendations are
 * chosen in ./recommend. The outside world comes in as `CatalogueDeps` (./types), so tests
 * point it at the shared fakes; a service that cannot be asked ends a step in the listener's
 * words (./failures).
 */
import type {
	AnalysisResult,
	ConverseResult,
	PortraitResult,
	RecommendedAlbum,
	RecommendResult,
	Sent
} from '$contract/curator';
import { artistKey } from '$contract/identity';
import { catalogueTurn } from '$lib/domain/catalogue-conversation';
import { CatalogueError, isAbort } from '$lib/errors/base';
import type { ArtistFacts } from '../facts';
import { CatalogError } from '../musicbrainz';
import type { SimilarArtist } from '../similar';
import { catalogueAnalysis } from './analysis';
import { unavailable, whenFactsFailed } from './failures';
import { cataloguePortrait, listWords, neighbourhood } from './portrait';
import { recommendFromCatalogue } from './recommend';
import type {
	CatalogueAlbum,
	CatalogueDeps,
	CatalogueJourney,
	CuratorContext,
	Opts
} from './types';

export type { CatalogueAlbum, CatalogueDeps, CatalogueJourney };

/** Artists looked up for a portrait; the rest of a long list adds little and costs requests. */
const PORTRAIT_ARTISTS = 40;

export function createCatalogueCurator(deps: CatalogueDeps, journey: CatalogueJourney) {
	const listenerKeys = new Set(journey.artists.map((a) => artistKey(a.name)));
	const topNames = journey.artists.slice(0, PORTRAIT_ARTISTS).map((a) => a.name);

	async function listenerFacts(signal?: AbortSignal) {
		const facts = await deps.facts(topNames, signal);
		whenFactsFailed(facts, Math.min(3, topNames.length));
		return facts;
	}

	async function similar(mbids: readonly string[], signal?: AbortSignal) {
		try {
			return await deps.similar(mbids, signal);
		} catch (err) {
			if (isAbort(err) || signal?.aborted) throw err;
			return unavailable(err, 'ListenBrainz');
		}
	}

	const context: CuratorContext = { deps, journey, listenerKeys, listenerFacts, similar };

	async function portrait(req: Sent<'portrait'>, opts: Opts = {}): Promise<PortraitResult> {
		const facts = await listenerFacts(opts.signal);
		const known = facts.filter((f) => f.status === 'known' && f.mbid);
		if (known.length < 3) {
			const unsure = facts.filter((f) => f.status !== 'known').map((f) => `“${f.name}”`);
			throw new CatalogueError(
				'TOO_FEW_KNOWN',
				`MusicBrainz knows only ${known.length} of your artists for sure${unsure.length ? ` (it cannot tell who ${listWords(unsure.slice(0, 4))} ${unsure.length === 1 ? 'is' : 'are'})` : ''}. ` +
					'Catalogue mode needs at least three: add a few more artists, spelled as on their records, and start again. Your list is kept.'
			);
		}
		let neighbours: SimilarArtist[] | undefined;
		let neighbourFacts: ArtistFacts[] = [];
		try {
			neighbours = await deps.similar(
				known.slice(0, 10).map((f) => f.mbid!),
				opts.signal
			);
			const near = neighbourhood(known, listenerKeys, neighbours).slice(0, 12);
			neighbourFacts = await deps.facts(
				near.map((n) => n.name),
				opts.signal
			);
		} catch (err) {
			if (isAbort(err) || opts.signal?.aborted) throw err;
			if (!(err instanceof CatalogError)) throw err;
			// The portrait stands without its gaps; recommendations ask ListenBrainz again.
			neighbours = undefined;
		}
		return cataloguePortrait({
			artists: req.artists.map((a) => ({ name: a.name, plays: a.plays ?? undefined })),
			facts,
			neighbours,
			neighbourFacts
		});
	}

	async function converse(
		req: Sent<'converse'>,
		onText: (textSoFar: string) => void
	): Promise<ConverseResult> {
		const turn = catalogueTurn({
			portrait: req.portrait,
			direction: req.direction,
			messages: req.messages ?? []
		});
		onText(turn.message);
		return turn;
	}

	async function recommendStream(
		req: Sent<'recommend'>,
		opts: Opts & { onAlbum: (album: RecommendedAlbum) => void }
	): Promise<RecommendResult & { albums: CatalogueAlbum[] }> {
		return recommendFromCatalogue(context, req, opts);
	}

	async function recommend(
		req: Sent<'recommend'>,
		opts: Opts = {}
	): Promise<RecommendResult & { albums: CatalogueAlbum[] }> {
		return recommendStream(req, { ...opts, onAlbum: () => {} });
	}

	async function analyze(req: Sent<'analyze'>, opts: Opts = {}): Promise<AnalysisResult> {
		const albums = req.albums.map((a) => ({
			title: a.title,
			artist: a.artist,
			year: String(a.year ?? ''),
			rating: a.rating,
			rationale: a.rationale ?? undefined,
			resonantElement: a.resonantElement ?? undefined
		}));
		// From the device's facts where it has them; a failing MusicBrainz only thins the reading.
		const facts = await deps.facts(
			albums.map((a) => a.artist),
			opts.signal
		);
		return catalogueAnalysis(albums, facts, journey.portrait?.noteworthyGaps ?? []);
	}

	return { kind: 'catalogue' as const, portrait, converse, recommend, recommendStream, analyze };
}

export type CatalogueCurator = ReturnType<typeof createCatalogueCurator>;
