/**
 * What the catalogue curator is given: its edge on the outside world (`CatalogueDeps`: artist
 * facts, similar artists, an artist's albums, so tests point it at the shared fakes), what it
 * knows of the journey beyond a request (`CatalogueJourney`), and what it answers a
 * recommendation with (`CatalogueAlbum`, grounded already). `CuratorContext` is one curator's
 * hold on both, shared by its steps.
 */
import type { ArtistInput, PortraitResult, RecommendedAlbum } from '$contract/curator';
import type { ArtistFacts } from '../facts';
import type { SimilarArtist } from '../similar';
import type { MbReleaseGroup } from '../types';

export interface CatalogueDeps {
	/** Facts per name (never throws for MusicBrainz being down: those come back `unchecked`). */
	facts(names: readonly string[], signal?: AbortSignal): Promise<ArtistFacts[]>;
	/** ListenBrainz's similar artists (throws a CatalogError when it cannot be asked). */
	similar(mbids: readonly string[], signal?: AbortSignal): Promise<SimilarArtist[]>;
	/** An artist's albums, oldest first (throws a CatalogError when MusicBrainz cannot be asked). */
	albums(artistMbid: string, signal?: AbortSignal): Promise<MbReleaseGroup[]>;
}

/** What the curator knows of the journey beyond the request (the AI curator keeps no state either). */
export interface CatalogueJourney {
	/** The artists the listener gave. */
	artists: readonly ArtistInput[];
	/** Albums rated in this journey, for the seeds of a "go deeper" round. */
	rated?: readonly { artist: string; rating: number }[];
	/** The portrait's gaps, for the analysis's pivot. */
	portrait?: PortraitResult;
	/** Why an album is not new to the listener (the never-again rules), or undefined. */
	notNew?: (album: { title: string; artist: string; mbid?: string }) => string | undefined;
}

/** A recommended album that is grounded already: its release group and cover are known. */
export interface CatalogueAlbum extends RecommendedAlbum {
	mbid: string;
	coverUrl: string;
	coverUrl500: string;
}

export interface Opts {
	signal?: AbortSignal;
}

/** One curator's hold on the outside world for one journey (made by createCatalogueCurator). */
export interface CuratorContext {
	deps: CatalogueDeps;
	journey: CatalogueJourney;
	/** The listener's own artists, as keys: never their neighbours. */
	listenerKeys: ReadonlySet<string>;
	/** Facts of the listener's best-known artists (a CatalogueError when too few could be asked). */
	listenerFacts(signal?: AbortSignal): Promise<ArtistFacts[]>;
	/** ListenBrainz's similar artists (a CatalogueError when it cannot be asked). */
	similar(mbids: readonly string[], signal?: AbortSignal): Promise<SimilarArtist[]>;
}
