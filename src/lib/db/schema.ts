/**
 * The device's database: the source of truth for everything the listener makes.
 *
 * Versioned from day one. To change the schema, add a `this.version(n + 1)`
 * block below the last one (never edit an old one) with an `upgrade` when rows
 * need rewriting. Every synced table is keyed by a client-generated UUID; the
 * outbox is an auto-incremented queue the sync engine drains in order.
 */
import { Dexie, type EntityTable } from 'dexie';
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	MessageRow,
	OutboxRow,
	PortraitRow,
	RecommendationSetRow,
	SessionRow
} from '$lib/domain/types';

/** One import of listening exports (issue 4): what was read and which artists were used. */
export interface ImportRow {
	id: string;
	createdAt: number;
	files: { name: string; format: string; rows: number; skipped: number; bytes: number }[];
	warnings: string[];
	/** The ranked artists offered, and which of them the listener kept. */
	artists: { name: string; plays: number; msPlayed: number }[];
	chosen: string[];
	sessionId?: string;
}

/** Catalogue look-ups (MusicBrainz), so an album is looked up once (issue 6). */
export interface CatalogCacheRow {
	key: string;
	checkedAt: number;
	value: unknown;
}

export interface SyncStateRow {
	key: string;
	value: unknown;
}

export class CartographerDB extends Dexie {
	sessions!: EntityTable<SessionRow, 'id'>;
	portraits!: EntityTable<PortraitRow, 'id'>;
	conversations!: EntityTable<ConversationRow, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	recommendationSets!: EntityTable<RecommendationSetRow, 'id'>;
	albumFeedback!: EntityTable<AlbumFeedbackRow, 'id'>;
	analyses!: EntityTable<AnalysisRow, 'id'>;
	outbox!: EntityTable<OutboxRow, 'seq'>;
	syncState!: EntityTable<SyncStateRow, 'key'>;
	imports!: EntityTable<ImportRow, 'id'>;
	catalogCache!: EntityTable<CatalogCacheRow, 'key'>;

	constructor(name = 'sonic-cartographer') {
		super(name);
		this.version(1).stores({
			sessions: 'id, updatedAt, createdAt',
			portraits: 'id, sessionId',
			conversations: 'id, sessionId, [sessionId+round]',
			messages: 'id, conversationId, [conversationId+seq], sessionId',
			recommendationSets: 'id, sessionId, conversationId, [sessionId+round]',
			albumFeedback: 'id, sessionId, setId, [setId+albumKey], [sessionId+round]',
			analyses: 'id, sessionId, conversationId, [sessionId+round]',
			outbox: '++seq, table, rowId',
			syncState: 'key'
		});
		this.version(2).stores({
			imports: 'id, createdAt, sessionId',
			catalogCache: 'key, checkedAt'
		});
	}
}

let instance: CartographerDB | undefined;

/** The app's one database. Tests may pass their own name for isolation. */
export function db(): CartographerDB {
	instance ??= new CartographerDB();
	return instance;
}

export function useDatabase(next: CartographerDB): void {
	instance = next;
}
