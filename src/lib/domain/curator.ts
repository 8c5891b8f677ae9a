/**
 * The curator contract (docs/architecture.md, "Curator contract"), as types.
 *
 * This file is pure TypeScript with no imports so that both the app and the
 * Deno curator function (supabase/functions/curator) can import it.
 */

export type Direction = 'initial' | 'reinforced' | 'pivot';

export interface ArtistInput {
	name: string;
	plays?: number;
}

export interface Gap {
	label: string;
	explanation: string;
}

/** A labelled facet of the portrait: a genre, a place or an era with one line on why. */
export interface PortraitFacet {
	label: string;
	explanation: string;
}

export interface PortraitResult {
	primaryGenres: PortraitFacet[];
	geographicCenters: PortraitFacet[];
	keyEras: PortraitFacet[];
	noteworthyGaps: Gap[];
	summary: string;
}

export interface PortraitRequest {
	artists: ArtistInput[];
	source?: string;
}

export interface ChatMessage {
	role: 'user' | 'assistant';
	content: string;
}

export interface AnalysisResult {
	reinforcedThemes: string;
	strategicPivot: string;
}

export interface ConverseRequest {
	portrait: PortraitResult;
	direction: Direction;
	analysis?: AnalysisResult;
	messages: ChatMessage[];
}

export interface ConverseResult {
	message: string;
	complete: boolean;
	questionNumber: number;
}

export interface AlbumRef {
	title: string;
	artist: string;
}

export interface RecommendRequest {
	portrait: PortraitResult;
	messages: ChatMessage[];
	direction: Direction;
	exclude: AlbumRef[];
	count?: number;
	/** The last feedback analysis, so `reinforced` / `pivot` rounds can steer by it. */
	analysis?: AnalysisResult;
}

export interface RecommendedAlbum {
	title: string;
	artist: string;
	year: string;
	reason: string;
	genres: string[];
}

export interface RecommendResult {
	albums: RecommendedAlbum[];
}

export interface RatedAlbum {
	title: string;
	artist: string;
	year: string;
	rating: number;
	rationale?: string;
	resonantElement?: string;
}

export interface AnalyzeRequest {
	albums: RatedAlbum[];
}

export type CuratorErrorCode =
	| 'INVALID_INPUT'
	| 'UNAUTHORIZED'
	| 'TOO_LARGE'
	| 'RATE_LIMITED'
	| 'UPSTREAM_INVALID'
	| 'AI_NOT_CONFIGURED'
	| 'UPSTREAM_TIMEOUT'
	| 'INTERNAL'
	/** 404: no such curator route or method. */
	| 'NOT_FOUND'
	/** 503: the AI server could not be reached or kept failing (429/5xx) within the time budget. */
	| 'UPSTREAM_UNAVAILABLE';

export interface CuratorErrorBody {
	error: { code: CuratorErrorCode; message: string; details?: unknown };
}
