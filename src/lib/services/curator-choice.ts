/**
 * Which curator draws a step of the journey. Two stand behind the same five calls: the AI
 * curator (the curator function), and, when the function has no AI provider, the catalogue
 * curator, which draws every step from MusicBrainz and ListenBrainz in the app
 * (docs/architecture.md, "Catalogue mode"). The steps (./portrait, ./conversation,
 * ./recommendations, ./analysis) run through `withCurator` and keep which one drew them.
 *
 * The curator and the catalogue are passed in as `StepDeps` so the steps can be exercised
 * against fakes of the outside world (the AI provider, MusicBrainz, ListenBrainz); the app uses
 * `appDeps`.
 */
import {
	createCatalogueCurator,
	type ArtistFacts,
	type CatalogueDeps,
	type CatalogueJourney,
	type GroundOptions
} from '$lib/catalog';
import { curator as curatorClient } from '$lib/curator/client';
import { albumsPlayed } from '$lib/db/imports';
import { CuratorError } from '$lib/errors/base';
import type { AlbumRef } from '$contract/curator';
import type { Journey } from '$lib/domain/journey';
import { aiConfigured, catalogueDeps, rememberAiStatus } from './catalogue';
import { artistFacts } from './facts';
import { groundingOptions } from './grounding';

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

/** What the app's steps use: the curator function, MusicBrainz, ListenBrainz, the device. */
export const appDeps: StepDeps = {
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
export async function withCurator<T>(
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
export function catalogueJourney(
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
