/**
 * Applying pulled rows to the device with the server's rules, so that both ends reach the
 * same row whatever order changes arrive in.
 *
 * - album feedback: per field, the side with the higher hybrid logical clock wins and the
 *   merged row keeps the higher clock per field (the server's album_feedback_merge trigger,
 *   with the local row in the role of the stored one). A field neither side has a clock for
 *   keeps the local value, as the server keeps its stored value.
 * - messages (append-only), portraits and recommendation sets (immutable): content never
 *   changes once written, so an existing local row is kept; the one change taken is the soft
 *   delete, and it sticks.
 * - journeys, conversations, analyses: last writer wins by row, in the order pushes reach the
 *   server. A pulled row therefore replaces the local one — unless the device has a change to
 *   that row still in its outbox: that change will reach the server after the pulled one and
 *   win there, so the device keeps it now rather than flickering back and forth. A delete is
 *   the exception: the server keeps tombstones, so a pulled one is taken even then.
 *
 * Everything here runs inside the pull's Dexie transaction (rows and cursor together).
 */
import type { SyncedTable } from '$lib/domain/types';
import type { CartographerDB, FieldClocks } from '$lib/db/schema';
import { observe } from '$lib/clock/hlc';
import { camel, fromServer, localTable, TABLES, type LocalRow } from './mapping';

/**
 * Album feedback's merged columns (server names), as in album_feedback_merge_fields():
 * every synced column but the id and the clocks themselves.
 */
export const FEEDBACK_FIELDS = TABLES.albumFeedback.columns.filter(
	(c) => c !== 'id' && c !== 'field_clocks'
);

export const IMMUTABLE_TABLES: ReadonlySet<SyncedTable> = new Set([
	'messages',
	'portraits',
	'recommendationSets'
]);

function clocksOf(row: LocalRow | undefined): FieldClocks {
	const c = row?.fieldClocks;
	return c && typeof c === 'object' ? (c as FieldClocks) : {};
}

/** Per-field merge of two versions of one album feedback row. Pure; commutative in result. */
export function mergeFeedback(local: LocalRow | undefined, incoming: LocalRow): LocalRow {
	if (!local) return incoming;
	const merged: LocalRow = { ...local };
	const localClocks = clocksOf(local);
	const incomingClocks = clocksOf(incoming);
	const clocks: FieldClocks = {};
	for (const field of FEEDBACK_FIELDS) {
		const key = camel(field);
		const mine = localClocks[field] ?? '';
		const theirs = incomingClocks[field] ?? '';
		if (theirs > mine) {
			if (incoming[key] === undefined) delete merged[key];
			else merged[key] = incoming[key];
			clocks[field] = theirs;
		} else if (mine) {
			clocks[field] = mine;
		}
	}
	merged.fieldClocks = clocks;
	const a = typeof local.updatedAt === 'number' ? local.updatedAt : 0;
	const b = typeof incoming.updatedAt === 'number' ? incoming.updatedAt : 0;
	if (a || b) merged.updatedAt = Math.max(a, b);
	return merged;
}

/**
 * The row to store for one pulled row, or undefined to leave the local row as it is.
 * `pending`: the device has an outbox entry for this row.
 */
export function mergeRow(
	table: SyncedTable,
	local: LocalRow | undefined,
	incoming: LocalRow,
	pending: boolean
): LocalRow | undefined {
	if (table === 'albumFeedback') {
		const merged = mergeFeedback(local, incoming);
		return local && sameRow(local, merged) ? undefined : merged;
	}
	if (!local) return incoming;
	if (IMMUTABLE_TABLES.has(table)) {
		if (incoming.deletedAt !== undefined && local.deletedAt === undefined) {
			return { ...local, deletedAt: incoming.deletedAt };
		}
		return undefined;
	}
	if (pending) {
		// The server keeps a tombstone for good (sync_10_tombstone): the pending change will not
		// undo it, so the delete shows now instead of after the next round trip.
		if (incoming.deletedAt !== undefined && local.deletedAt === undefined) {
			return { ...local, deletedAt: incoming.deletedAt };
		}
		return undefined;
	}
	// The echo of the device's own push differs only in the server's updated_at: skip it.
	const { updatedAt: _a, ...l } = local;
	const { updatedAt: _b, ...r } = incoming;
	return sameRow(l, r) ? undefined : incoming;
}

/** Structural equality of stored rows (absent and undefined fields are the same). */
export function sameRow(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a) !== Array.isArray(b)) return false;
	const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
	const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
	if (ka.length !== kb.length) return false;
	return ka.every((k) =>
		sameRow((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])
	);
}

export interface PulledRow {
	table: string;
	row: Record<string, unknown>;
}

/**
 * Stores a page of pulled rows. Must run inside a rw transaction over the synced tables,
 * the outbox and syncState. Returns how many rows changed locally and the server table
 * names it did not know (kept out, reported rather than guessed at).
 */
export async function applyPulled(
	d: CartographerDB,
	rows: PulledRow[]
): Promise<{ changed: number; unknownTables: string[] }> {
	const byTable = new Map<SyncedTable, LocalRow[]>();
	const unknownTables = new Set<string>();
	for (const { table, row } of rows) {
		const local = localTable(table);
		if (!local) {
			unknownTables.add(table);
			continue;
		}
		const list = byTable.get(local) ?? [];
		list.push(fromServer(local, row));
		byTable.set(local, list);
	}
	let changed = 0;
	const clocks: string[] = [];
	for (const [table, incoming] of byTable) {
		// A row may come twice in one page only if it changed twice; the later one wins.
		const latest = new Map(incoming.map((r) => [r.id, r]));
		const ids = [...latest.keys()];
		const locals = (await d.table(table).bulkGet(ids)) as (LocalRow | undefined)[];
		const pending = new Set<string>();
		if (!IMMUTABLE_TABLES.has(table) && table !== 'albumFeedback') {
			const entries = await d.outbox.where('rowId').anyOf(ids).toArray();
			for (const e of entries) if (e.table === table) pending.add(e.rowId);
		}
		const puts: LocalRow[] = [];
		ids.forEach((id, i) => {
			const row = latest.get(id)!;
			if (table === 'albumFeedback') clocks.push(...Object.values(clocksOf(row)));
			const next = mergeRow(table, locals[i], row, pending.has(id));
			if (next) puts.push(next);
		});
		if (puts.length) await d.table(table).bulkPut(puts);
		changed += puts.length;
	}
	if (clocks.length) await observe(d, clocks);
	return { changed, unknownTables: [...unknownTables] };
}
