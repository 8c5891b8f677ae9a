/**
 * The listener's world as stored on the device (Dexie) and, later, on the server.
 *
 * A *journey* is the artists a listener started from, the portrait drawn from
 * them, and one or more *rounds*. Each round is a conversation with
 * the curator (initial, reinforced or pivot), one or more recommendation sets,
 * the listener's feedback on those albums, and an analysis that steers the next
 * round. Rows carry client-generated UUIDs so they can sync without renumbering.
 */
import type {
	AnalysisResult,
	ArtistInput,
	Direction,
	PortraitResult,
	RecommendedAlbum
} from '$contract/curator';

/**
 * Which curator drew a step: absent for the AI curator, `catalogue` for catalogue mode (no AI
 * provider; drawn from MusicBrainz and ListenBrainz). Kept inside the step's own JSON (a
 * portrait's or an analysis's result, each recommended album), so it syncs and backs up with it.
 */
export interface Drawn {
	curator?: 'catalogue';
}

export interface JourneyRow {
	id: string;
	createdAt: number;
	updatedAt: number;
	/** The artists the listener gave, kept even when the portrait step fails. */
	artists: ArtistInput[];
	source: string;
	importId?: string;
	portraitId?: string;
	/** The round the listener is on (1-based). */
	round: number;
	deletedAt?: number;
}

/** Immutable once written. */
export interface PortraitRow {
	id: string;
	journeyId: string;
	createdAt: number;
	artists: ArtistInput[];
	source: string;
	result: PortraitResult & Drawn;
}

export interface ConversationRow {
	id: string;
	journeyId: string;
	round: number;
	direction: Direction;
	/** The analysis that steered this round (reinforced / pivot). */
	analysisId?: string;
	createdAt: number;
	complete: boolean;
	updatedAt: number;
}

/** Append-only. */
export interface MessageRow {
	id: string;
	conversationId: string;
	journeyId: string;
	seq: number;
	role: 'user' | 'assistant';
	content: string;
	questionNumber?: number;
	createdAt: number;
}

export interface RecommendedAlbumEntry extends RecommendedAlbum, Drawn {
	/** Stable within its set; feedback points at it. */
	key: string;
	/** Catalogue check when the set was made (issue 6); 'unverified' is re-checked later. */
	status?: 'verified' | 'unverified';
	/** MusicBrainz release-group id, when verified. */
	mbid?: string;
	coverUrl?: string;
	coverUrl500?: string;
}

/** Immutable once written. */
export interface RecommendationSetRow {
	id: string;
	journeyId: string;
	conversationId: string;
	round: number;
	/** 1 for the first five of a round, 2 after "5 new recommendations", … */
	batch: number;
	createdAt: number;
	albums: RecommendedAlbumEntry[];
}

export type Rating = 1 | 2 | 3 | 4 | 5;

export interface AlbumFeedbackRow {
	id: string;
	journeyId: string;
	setId: string;
	albumKey: string;
	round: number;
	title: string;
	artist: string;
	year: string;
	listened: boolean;
	rating?: Rating;
	rationale?: string;
	resonantElement?: string;
	createdAt: number;
	updatedAt: number;
}

export interface AnalysisRow {
	id: string;
	journeyId: string;
	conversationId: string;
	round: number;
	createdAt: number;
	averageRating: number;
	ratedCount: number;
	topAlbums: { title: string; artist: string; rating: number }[];
	result: AnalysisResult & Drawn;
	/** Set once the listener picks "Go deeper" or "Pivot". */
	chosenDirection?: Exclude<Direction, 'initial'>;
}

export type SyncedTable =
	| 'journeys'
	| 'portraits'
	| 'conversations'
	| 'messages'
	| 'recommendationSets'
	| 'albumFeedback'
	| 'analyses';

export interface OutboxRow {
	seq?: number;
	table: SyncedTable;
	rowId: string;
	op: 'put';
	at: number;
}
