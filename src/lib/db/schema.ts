/**
 * The device's database: the source of truth for everything the listener makes.
 *
 * Versioned from day one. To change the schema, add a `this.version(n + 1)`
 * block below the last one (never edit an old one) with an `upgrade` when rows
 * need rewriting. Every synced table is keyed by a client-generated UUID; the
 * outbox is an auto-incremented queue the sync engine drains in order.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	MessageRow,
	OutboxRow,
	PortraitRow,
	RecommendationSetRow,
	JourneyRow
} from '$lib/domain/types';
import { syncedStores } from './tables';
import { DB_NAME, dbVersionState } from './device';

export { dbVersionState };

/** One import of listening exports (issue 4): what was read and which artists were used. */
export interface ImportRow {
	id: string;
	createdAt: number;
	files: { name: string; format: string; rows: number; skipped: number; bytes: number }[];
	warnings: string[];
	/** The ranked artists offered, and which of them the listener kept. */
	artists: { name: string; plays: number; msPlayed: number }[];
	chosen: string[];
	/** Albums the files show played or saved (most played first): never recommended. */
	albums?: { title: string; artist: string; plays: number }[];
	journeyId?: string;
}

/**
 * A cached MusicBrainz answer, so it is looked up once: in `catalogCache` an album's grounding,
 * in `artistFacts` an artist's facts (`artist:<artist key>`) or an area (`area:<MBID>`).
 */
export interface CachedRow {
	key: string;
	checkedAt: number;
	value: unknown;
}

/**
 * A music service connected on this device (docs/connect.md): Spotify's tokens, a ListenBrainz
 * user token, the usernames last used. Secrets of the listener's accounts, so they stay here:
 * never synced, never in a backup, erased by "Erase this device", and "Disconnect" deletes the row.
 */
export interface ConnectionRow {
	service: 'spotify' | 'listenbrainz' | 'lastfm';
	/** Who is connected, as the service names them (display name or username). */
	user?: string;
	/** Spotify's account id. */
	userId?: string;
	accessToken?: string;
	refreshToken?: string;
	/** When the access token expires (ms since epoch). */
	expiresAt?: number;
	scope?: string;
	/** ListenBrainz's user token (Authorization: Token …). */
	token?: string;
	/** Last.fm, ListenBrainz: the username whose top artists were last read here. */
	lookedUp?: string;
	connectedAt: number;
	updatedAt: number;
}

export interface SyncStateRow {
	key: string;
	value: unknown;
}

/** Per-field hybrid logical clocks of album feedback (src/lib/clock/hlc.ts), by server column. */
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

export class CartographerDB extends Dexie {
	journeys!: EntityTable<JourneyRow, 'id'>;
	portraits!: EntityTable<PortraitRow, 'id'>;
	conversations!: EntityTable<ConversationRow, 'id'>;
	messages!: EntityTable<MessageRow, 'id'>;
	recommendationSets!: EntityTable<RecommendationSetRow, 'id'>;
	albumFeedback!: EntityTable<StoredAlbumFeedback, 'id'>;
	analyses!: EntityTable<AnalysisRow, 'id'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	syncState!: EntityTable<SyncStateRow, 'key'>;
	imports!: EntityTable<ImportRow, 'id'>;
	catalogCache!: EntityTable<CachedRow, 'key'>;
	artistFacts!: EntityTable<CachedRow, 'key'>;
	connections!: EntityTable<ConnectionRow, 'service'>;

	constructor(name = DB_NAME) {
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
		// One word for one thing (issue 11): the listener's journey was stored as a
		// "session". The table becomes `journeys` and every `sessionId` a `journeyId`
		// (indexes follow); rows are copied in this upgrade, so nothing is lost, and queued
		// outbox entries are renamed so their changes still reach the server. The synced
		// stores come from the registry (tables.ts); a later version that changes one of
		// them writes this version's strings out here first. `artistFacts` is local like
		// `catalogCache`: a cache of MusicBrainz answers, never synced or backed up.
		this.version(4)
			.stores({
				sessions: null,
				...syncedStores(),
				imports: 'id, createdAt, journeyId',
				artistFacts: 'key, checkedAt'
			})
			.upgrade(upgradeToJourneys);
		// Music services (issue 15): tokens and usernames of the listener's connected accounts,
		// one row per service, local to the device like the caches. No rows to rewrite.
		this.version(5).stores({ connections: 'service' });
		// Another tab opened a newer version: close so its upgrade is not blocked, and
		// ask for a reload rather than silently reopening with old code.
		this.on('versionchange', () => {
			this.close({ disableAutoOpen: true });
			dbVersionState.notify();
			return false;
		});
	}
}

/** The tables whose rows named their journey `sessionId` before version 4 (as they were then). */
const NAMING_THEIR_JOURNEY = [
	'portraits',
	'conversations',
	'messages',
	'recommendationSets',
	'albumFeedback',
	'analyses',
	'imports'
];
const IMMUTABLE_THEN = new Set(['portraits', 'messages', 'recommendationSets']);

/**
 * Version 3 → 4: `sessions` → `journeys`, `sessionId` → `journeyId` (see the version block).
 *
 * A tab still on version 3 that synced after the server's tables were renamed skipped the
 * pulled journeys (a table it did not know), stored the other pulled rows without their
 * journey (journey_id was not among its columns) and moved its cursor past them all. So the
 * pull cursors start over: the next sync pulls everything again, skips what is the same and
 * puts back what is not. Pulled copies of immutable rows that lost their journey are removed
 * first (a pull never replaces an immutable row), for that pull to bring them back whole; a
 * row written on this device always had its sessionId.
 */
async function upgradeToJourneys(tx: Transaction): Promise<void> {
	const journeys = await tx.table('sessions').toArray();
	await tx.table('journeys').bulkPut(journeys);
	for (const name of NAMING_THEIR_JOURNEY) {
		await tx
			.table(name)
			.toCollection()
			.modify((row: Record<string, unknown>, ctx: { value?: unknown }) => {
				if (!('sessionId' in row)) {
					if (IMMUTABLE_THEN.has(name)) delete ctx.value; // Dexie deletes the row
					// A pulled album feedback row kept the server's journey_id clock but not the
					// column: without the clock, the next pull's journey_id wins the merge.
					const kept = row.fieldClocks as FieldClocks | undefined;
					if (kept) {
						delete kept.journey_id;
						delete kept.session_id;
					}
					return;
				}
				row.journeyId = row.sessionId;
				delete row.sessionId;
				// Field clocks are keyed by server column, which is renamed too.
				const clocks = row.fieldClocks as FieldClocks | undefined;
				if (clocks && 'session_id' in clocks) {
					clocks.journey_id = clocks.session_id;
					delete clocks.session_id;
				}
			});
	}
	await tx.table('outbox').where('table').equals('sessions').modify({ table: 'journeys' });
	await tx.table('syncState').where('key').startsWith('cursor:').delete();
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
