/**
 * The synced tables, written out once. Each entry says what the device and the server call
 * the table, which columns travel between them, how Dexie indexes it, and what one row is in
 * the listener's words. Everything that lists the synced tables derives from here: the Dexie
 * stores (schema.ts), the row mapping (sync/mapping.ts), the sync status wording, backup
 * export, import and erase, and journey deletes. A test checks this list against the tables
 * sync_push and sync_pull name in the newest migration, so the two cannot drift.
 *
 * Order matters: it is the order journeys are written, deleted, exported and imported in —
 * the journey first, then its parts.
 */
import type { Database } from './database.types';
import type { SyncedTable } from '$lib/domain/types';

type ServerTables = Database['public']['Tables'];

/** Each synced Dexie table's server table (each must exist in the generated types). */
interface ServerOf {
	journeys: 'journeys';
	portraits: 'portraits';
	conversations: 'conversations';
	messages: 'messages';
	recommendationSets: 'recommendation_sets';
	albumFeedback: 'album_feedback';
	analyses: 'analyses';
}

export type ServerTable = ServerOf[SyncedTable];

/** A column the server accepts for `T` (from the generated types). */
export type ServerColumn<T extends ServerTable> = keyof ServerTables[T]['Insert'] & string;

export interface TableSpec<T extends ServerTable = ServerTable> {
	server: T;
	/**
	 * Columns the device sends, snake_case (the Dexie field is their camelCase); checked
	 * against the generated types, so a column the server lacks does not compile.
	 */
	columns: readonly ServerColumn<T>[];
	/** Whether the Dexie row keeps an `updatedAt` (filled from the server's updated_at). */
	updatedAt: boolean;
	/** The Dexie store's indexes (primary key first), as in the newest schema version. */
	indexes: string;
	/** One row in the listener's words ("a rejected change: …"). */
	word: string;
}

export const TABLES: { [K in SyncedTable]: TableSpec<ServerOf[K]> } = {
	journeys: {
		server: 'journeys',
		columns: [
			'id',
			'artists',
			'source',
			'import_id',
			'portrait_id',
			'round',
			'created_at',
			'deleted_at'
		],
		updatedAt: true,
		indexes: 'id, updatedAt, createdAt',
		word: 'a journey'
	},
	portraits: {
		server: 'portraits',
		columns: ['id', 'journey_id', 'artists', 'source', 'result', 'created_at', 'deleted_at'],
		updatedAt: false,
		indexes: 'id, journeyId',
		word: 'a listener portrait'
	},
	conversations: {
		server: 'conversations',
		columns: [
			'id',
			'journey_id',
			'round',
			'direction',
			'analysis_id',
			'complete',
			'created_at',
			'deleted_at'
		],
		updatedAt: true,
		indexes: 'id, journeyId, [journeyId+round]',
		word: 'a conversation'
	},
	messages: {
		server: 'messages',
		columns: [
			'id',
			'conversation_id',
			'journey_id',
			'seq',
			'role',
			'content',
			'question_number',
			'created_at',
			'deleted_at'
		],
		updatedAt: false,
		indexes: 'id, conversationId, [conversationId+seq], journeyId',
		word: 'a message in a conversation'
	},
	recommendationSets: {
		server: 'recommendation_sets',
		columns: [
			'id',
			'journey_id',
			'conversation_id',
			'round',
			'batch',
			'albums',
			'created_at',
			'deleted_at'
		],
		updatedAt: false,
		indexes: 'id, journeyId, conversationId, [journeyId+round]',
		word: 'a set of recommendations'
	},
	albumFeedback: {
		server: 'album_feedback',
		columns: [
			'id',
			'journey_id',
			'set_id',
			'album_key',
			'round',
			'title',
			'artist',
			'year',
			'listened',
			'rating',
			'rationale',
			'resonant_element',
			'field_clocks',
			'created_at',
			'deleted_at'
		],
		updatedAt: true,
		indexes: 'id, journeyId, setId, [setId+albumKey], [journeyId+round]',
		word: 'an album rating or note'
	},
	analyses: {
		server: 'analyses',
		columns: [
			'id',
			'journey_id',
			'conversation_id',
			'round',
			'average_rating',
			'rated_count',
			'top_albums',
			'result',
			'chosen_direction',
			'created_at',
			'deleted_at'
		],
		updatedAt: false,
		indexes: 'id, journeyId, conversationId, [journeyId+round]',
		word: 'an analysis of your ratings'
	}
};

/** Every synced table, the journey first (the order of writes, deletes, export and import). */
export const SYNCED_TABLES = Object.keys(TABLES) as SyncedTable[];

export type JourneyPart = Exclude<SyncedTable, 'journeys'>;

/** The tables whose rows belong to one journey (by `journeyId`), in registry order. */
export const JOURNEY_PARTS = SYNCED_TABLES.filter((t): t is JourneyPart => t !== 'journeys');

/** The Dexie stores of the synced tables, for the newest schema version. */
export function syncedStores(): Record<SyncedTable, string> {
	return Object.fromEntries(SYNCED_TABLES.map((t) => [t, TABLES[t].indexes])) as Record<
		SyncedTable,
		string
	>;
}
