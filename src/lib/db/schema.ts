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

/** Per-field hybrid logical clocks of album feedback (src/lib/sync/hlc.ts), by server column. */
export type FieldClocks = Record<string, string>;

/** Album feedback as stored since version 3: with its field clocks and soft delete. */
export type StoredAlbumFeedback = AlbumFeedbackRow & {
	fieldClocks?: FieldClocks;
	deletedAt?: number;
};

/** A rejected push, kept (never dropped) until a newer change of the row or the listener clears it. */
export interface OutboxRejection {
	reason: string;
	detail?: string;
	at: number;
}

/**
 * An outbox entry as the sync engine uses it: `opId` is given when the entry is first
 * pushed and then kept, so a retry after a lost response sends the same op id.
 */
export interface OutboxEntry extends OutboxRow {
	opId?: string;
	rejected?: OutboxRejection;
}

/**
 * Set when another tab opened a newer version of the database: this tab's connection is
 * closed (so the upgrade can run) and the app should ask the listener to reload.
 */
export const dbVersionState = {
	newerVersionOpened: false,
	listeners: new Set<() => void>(),
	notify(): void {
		this.newerVersionOpened = true;
		for (const l of this.listeners) l();
	}
};

export class CartographerDB extends Dexie {
	sessions!: EntityTable<SessionRow, 'id'>;
	portraits!: EntityTable<PortraitRow, 'id'>;
	conversations!: EntityTable<ConversationRow, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	recommendationSets!: EntityTable<RecommendationSetRow, 'id'>;
	albumFeedback!: EntityTable<StoredAlbumFeedback, 'id'>;
	analyses!: EntityTable<AnalysisRow, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
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
		// Sync (issue 5): outbox entries are collapsed per row ([table+rowId]). Album
		// feedback gains fieldClocks and other tables deletedAt, neither indexed, so no
		// store changes there; syncState holds 'hlc', 'owner', 'cursor:<user>',
		// 'lastSyncAt'.
		this.version(3).stores({
			outbox: '++seq, table, rowId, [table+rowId]'
		});
		// Another tab opened a newer version: close so its upgrade is not blocked, and
		// ask for a reload rather than silently reopening with old code.
		this.on('versionchange', () => {
			this.close({ disableAutoOpen: true });
			dbVersionState.notify();
			return false;
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
