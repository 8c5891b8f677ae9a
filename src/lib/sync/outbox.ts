/**
 * The outbox as the sync engine drains it.
 *
 * Every write adds an entry { table, rowId } in the same transaction as the row
 * (src/lib/db/write.ts). Pushing sends the row as it is now, so all pending entries for one
 * row collapse into one op: the whole current row, under the op id of the row's newest
 * entry. That id is written to the entry before the first attempt and never changes, so a
 * retry after a lost response (or a reload) sends the same op id and the server answers
 * 'duplicate' without changing anything. A write made meanwhile adds a newer entry, hence a
 * new op id, and is pushed as the change it is.
 *
 * Results: applied or duplicate → the row's entries up to the pushed one are removed.
 * Rejected → the pushed entry is kept with its reason (shown to the listener, never dropped)
 * and skipped by later batches, so it never blocks the rest of the queue. A newer write of
 * the same row is pushed normally and, once applied, clears the rejection; the listener can
 * also retry it or, explicitly, discard it.
 */
import type { SyncedTable } from '$lib/domain/types';
import type { CartographerDB, OutboxEntry, OutboxRejection } from '$lib/db/schema';
import { SYNCED_TABLES } from '$lib/db/tables';
import { serverTable, toServer, type LocalRow, type ServerRow, type ServerTable } from './mapping';

export const MAX_BATCH = 500;

export interface PreparedOp {
	opId: string;
	table: SyncedTable;
	rowId: string;
	/** The newest outbox entry this op covers. */
	seq: number;
	row: ServerRow;
}

/** An op as sync_push takes it (a type, not an interface, so it is assignable to `Json`). */
export type PushOp = {
	op_id: string;
	table: ServerTable;
	row: ServerRow;
};

export interface PushResult {
	op_id: string;
	status: 'applied' | 'duplicate' | 'rejected';
	rev?: number;
	reason?: string;
	detail?: string;
}

export function toPushOps(ops: PreparedOp[]): PushOp[] {
	return ops.map((o) => ({ op_id: o.opId, table: serverTable(o.table), row: o.row }));
}

const key = (table: string, rowId: string) => `${table}\u0000${rowId}`;

/**
 * The next batch: up to `limit` rows with pending (not rejected) entries, oldest change
 * first, each with a stable op id. A row missing from its table (it cannot be pushed) is
 * marked rejected with reason 'missing_row' rather than dropped.
 */
export async function prepareBatch(
	d: CartographerDB,
	limit: number = MAX_BATCH
): Promise<PreparedOp[]> {
	const tables = SYNCED_TABLES.map((t) => d.table(t));
	return d.transaction('rw', [d.outbox, ...tables], async () => {
		// Rows in order of their oldest pending entry, and each row's newest entry. One read
		// of the whole queue (it is small in normal use, and a scan beats index look-ups).
		const order: { table: SyncedTable; rowId: string }[] = [];
		const newest = new Map<string, OutboxEntry>();
		const queue = await d.outbox.toArray();
		for (const e of queue) {
			if (e.rejected) continue;
			const k = key(e.table, e.rowId);
			const cur = newest.get(k);
			if (!cur) {
				if (order.length >= limit) continue;
				order.push({ table: e.table, rowId: e.rowId });
			}
			if (!cur || e.seq! > cur.seq!) newest.set(k, e);
		}
		if (!order.length) return [];

		// Op ids: given once, before the first attempt, and kept.
		const fresh: OutboxEntry[] = [];
		for (const { table, rowId } of order) {
			const entry = newest.get(key(table, rowId));
			if (entry && !entry.opId) {
				entry.opId = crypto.randomUUID();
				fresh.push(entry);
			}
		}
		if (fresh.length) await d.outbox.bulkPut(fresh);

		const rows = new Map<string, LocalRow>();
		for (const table of new Set(order.map((o) => o.table))) {
			const ids = order.filter((o) => o.table === table).map((o) => o.rowId);
			const found = (await d.table(table).bulkGet(ids)) as (LocalRow | undefined)[];
			found.forEach((row, i) => row && rows.set(key(table, ids[i]), row));
		}

		const ops: PreparedOp[] = [];
		const missing: OutboxEntry[] = [];
		for (const { table, rowId } of order) {
			const entry = newest.get(key(table, rowId));
			if (!entry) continue;
			const row = rows.get(key(table, rowId));
			if (!row) {
				missing.push({
					...entry,
					rejected: {
						reason: 'missing_row',
						detail: `${table} ${rowId} is no longer on this device`,
						at: Date.now()
					}
				});
				continue;
			}
			ops.push({ opId: entry.opId!, table, rowId, seq: entry.seq!, row: toServer(table, row) });
		}
		if (missing.length) await d.outbox.bulkPut(missing);
		return ops;
	});
}

/** Records the server's answers: removes what was applied, keeps rejections with their reason. */
export async function applyResults(
	d: CartographerDB,
	ops: PreparedOp[],
	results: PushResult[]
): Promise<{ applied: number; duplicate: number; rejected: number }> {
	const byId = new Map(results.map((r) => [r.op_id, r]));
	const counts = { applied: 0, duplicate: 0, rejected: 0 };
	await d.transaction('rw', d.outbox, async () => {
		const at = Date.now();
		const last = Math.max(...ops.map((o) => o.seq));
		const entries = await d.outbox.where('seq').belowOrEqual(last).toArray();
		const byRow = new Map<string, OutboxEntry[]>();
		for (const e of entries) {
			const k = key(e.table, e.rowId);
			byRow.set(k, [...(byRow.get(k) ?? []), e]);
		}
		const deletes: number[] = [];
		const rejections: OutboxEntry[] = [];
		for (const op of ops) {
			const result = byId.get(op.opId);
			if (!result) continue; // unanswered: stays pending, retried with the same op id
			const rowEntries = byRow.get(key(op.table, op.rowId)) ?? [];
			if (result.status === 'applied' || result.status === 'duplicate') {
				counts[result.status]++;
				for (const e of rowEntries) if (e.seq! <= op.seq) deletes.push(e.seq!);
			} else {
				counts.rejected++;
				const rejected: OutboxRejection = { reason: result.reason ?? 'error', at };
				if (result.detail) rejected.detail = result.detail;
				for (const e of rowEntries) {
					if (e.seq! < op.seq) deletes.push(e.seq!);
					else if (e.seq === op.seq) rejections.push({ ...e, rejected });
				}
			}
		}
		if (deletes.length) await d.outbox.bulkDelete(deletes);
		if (rejections.length) await d.outbox.bulkPut(rejections);
	});
	return counts;
}

export interface RejectedChange {
	seq: number;
	table: SyncedTable;
	rowId: string;
	reason: string;
	detail?: string;
	at: number;
}

export interface OutboxSummary {
	/** Rows with changes not yet on the server (rejected ones excluded). */
	unsynced: number;
	rejected: RejectedChange[];
}

/** Unsynced rows and rejected changes (reads only the outbox; fine inside a liveQuery). */
export async function summarise(d: CartographerDB): Promise<OutboxSummary> {
	const pending = new Set<string>();
	const rejected: RejectedChange[] = [];
	await d.outbox.each((e) => {
		if (e.rejected) {
			rejected.push({
				seq: e.seq!,
				table: e.table,
				rowId: e.rowId,
				reason: e.rejected.reason,
				detail: e.rejected.detail,
				at: e.rejected.at
			});
		} else {
			pending.add(key(e.table, e.rowId));
		}
	});
	return { unsynced: pending.size, rejected };
}

/** The listener asked to try a rejected change again (same op id; the server re-checks it). */
export async function retryRejected(d: CartographerDB, seq: number): Promise<void> {
	await d.outbox.update(seq, { rejected: undefined });
}

/** The listener chose to discard a rejected change: the local row stays, the push is dropped. */
export async function discardRejected(d: CartographerDB, seq: number): Promise<void> {
	await d.outbox.delete(seq);
}
