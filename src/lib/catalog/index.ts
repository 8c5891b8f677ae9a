/**
 * Catalogue grounding (issue 6): checks the curator's albums against
 * MusicBrainz, and gives each its cover art and listening links; artist facts
 * (issue 13): where and when each artist comes from; and the catalogue curator
 * (issue 14), which answers the curator's steps from MusicBrainz and ListenBrainz
 * when no AI provider is configured.
 */
export type { AlbumQuery, GroundedAlbum, GroundingStatus, UnverifiedReason } from './types';
export { groundAlbums, type GroundOptions } from './ground';
export {
	groundRecommendations,
	neverAgain,
	type GroundRecommendationsOptions,
	type GroundedRecommendation,
	type GroundedRecommendations,
	type GivenAlbum,
	type RejectedReason
} from './recommendations';
export { memoryCatalogCache, type CatalogCache, type CachedGrounding } from './cache';
export { coverUrl, type CoverSize } from './cover';
export { listeningLinks, type ListeningLink, type ListeningService } from './links';
export {
	lookUpArtistFacts,
	memoryArtistFactsCache,
	type AreaRef,
	type ArtistCandidate,
	type ArtistFacts,
	type ArtistFactsCache,
	type ArtistFactsStatus,
	type CachedArtistFacts,
	type CachedArea,
	type CachedFact,
	type FactsOptions
} from './facts';
export { RateLimiter, sharedLimiter, USER_AGENT } from './musicbrainz';
export { albumIdentityKey } from '$contract/identity';
export { similarArtists, SIMILAR_ARTISTS_ALGORITHM, type SimilarArtist } from './similar';
export { artistAlbums } from './albums';
export {
	createCatalogueCurator,
	type CatalogueAlbum,
	type CatalogueCurator,
	type CatalogueDeps,
	type CatalogueJourney
} from './catalogue/curator';
export { lookUpAlbumLink, lookUpTracklist, readAlbumLink, readTracklist } from './releases';
