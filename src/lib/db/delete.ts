/**
 * Deleting a journey or one album's feedback, with undo.
 *
 * Why the delete stays local for a moment: the server keeps tombstones forever (a delete of
 * a portrait, message or recommendation set can never be taken back there, see
 * sync_guard_immutable), so an undo that had already been pushed could not be honoured on
 * the account. A delete is therefore applied on the device at once — every screen stops
 * showing it through liveQuery — but recorded as *pending* (syncState 'pendingDelete') with
 * no outbox entry. Any outbox entries the affected rows already had are lifted out of the
 * queue and kept in the pending record, so the sync engine cannot push the tombstoned rows
 * early either. Then:
 * - undo puts the rows back exactly as they were and returns the lifted entries to the queue;
 * - once the undo window closes (or the next delete, or a reload finds it overdue), the
 *   delete is *settled*: the tombstones are written again (a pull meanwhile may have replaced
 *   a mutable row) and each row gets its outbox entry, so it syncs as `deleted_at`.
 *
 * A journey delete sets `deletedAt` on the journey and every row of it. One album's feedback
 * is not tombstoned: its id is derived from the set and the album (the same on every
 * device), so a tombstone would hide any later rating of that album for good. Instead its
 * rating, answers and "listened" are cleared with fresh field clocks, which beat older
 * values on every device by the usual per-field merge.
 */
import type { RecommendationSetRow, SyncedTable } from '$lib/domain/types';
import { tick } from '$lib/clock/hlc';
import { db, type CartographerDB, type OutboxEntry, type StoredAlbumFeedback } from './schema';
import { feedbackId } from './journeys';
import { SYNCED_TABLES } from './tables';

/** How long "Undo" is offered. */
export const UNDO_WINDOW_MS = 8000;

const PENDING_KEY = 'pendingDelete';

export interface PendingDelete {
	id: string;
	kind: 'journey' | 'feedback';
	/** What was deleted, in the listener's words (for the undo message). */
	label: string;
	at: number;
	/** The rows the delete changed; `before`: feedback as it was (undo puts it back whole). */
	rows: { table: SyncedTable; id: string; before?: StoredAlbumFeedback }[];
	/** Outbox entries the rows had, held back while undo is possible. */
	held: OutboxEntry[];
}

type Stored = { id: string; deletedAt?: number } & Record<string, unknown>;

/**
 * A row marked deleted. Album feedback merges deleted_at per field like everything else,
 * so its tombstone carries a clock (`clock`), or the server would keep the row alive.
 */
export function tombstone<T extends Stored>(row: T, at: number, clock?: string): T {
	if (!clock) return { ...row, deletedAt: at };
	const clocks = (row.fieldClocks ?? {}) as Record<string, string>;
	return { ...row, deletedAt: at, fieldClocks: { ...clocks, deleted_at: clock } };
}

function tables(d: CartographerDB) {
	return [...SYNCED_TABLES.map((t) => d.table(t)), d.outbox, d.syncState];
}

export async function pendingDelete(d: CartographerDB = db()): Promise<PendingDelete | undefined> {
	return (await d.syncState.get(PENDING_KEY))?.value as PendingDelete | undefined;
}

/** Lifts the rows' outbox entries out of the queue (rejected ones stay, shown as they are). */
async function hold(d: CartographerDB, rows: PendingDelete['rows']): Promise<OutboxEntry[]> {
	const ids = [...new Set(rows.map((r) => r.id))];
	const keys = new Set(rows.map((r) => `${r.table}\u0000${r.id}`));
	const entries = (await d.outbox.where('rowId').anyOf(ids).toArray()).filter(
		(e) => keys.has(`${e.table}\u0000${e.rowId}`) && !e.rejected
	);
	await d.outbox.bulkDelete(entries.map((e) => e.seq!));
	return entries;
}

/** Writes the pending delete for good: tombstones (again) and one outbox entry per row. */
async function settleInside(d: CartographerDB, p: PendingDelete): Promise<void> {
	for (const { table, id } of p.rows) {
		if (p.kind === 'journey') {
			const row = (await d.table(table).get(id)) as Stored | undefined;
			if (row && row.deletedAt === undefined) {
				const clock = table === 'albumFeedback' ? await tick(d) : undefined;
				await d.table(table).put(tombstone(row, p.at, clock));
			}
		}
	}
	await d.outbox.bulkAdd(p.rows.map((r) => ({ table: r.table, rowId: r.id, op: 'put', at: p.at })));
	await d.syncState.delete(PENDING_KEY);
}

/** Settles the pending delete, if any (the undo window closed, or another action began). */
export async function settlePendingDelete(d: CartographerDB = db()): Promise<void> {
	await d.transaction('rw', tables(d), async () => {
		const p = await pendingDelete(d);
		if (p) await settleInside(d, p);
	});
}

/** Settles a pending delete whose undo window has passed (e.g. the tab was closed meanwhile). */
export async function settleOverdueDelete(
	d: CartographerDB = db(),
	now = Date.now()
): Promise<void> {
	await d.transaction('rw', tables(d), async () => {
		const p = await pendingDelete(d);
		if (p && now - p.at >= UNDO_WINDOW_MS) await settleInside(d, p);
	});
}

/** Deletes a journey and everything in it (undoable until settled). Returns the pending delete. */
export async function deleteJourney(
	journeyId: string,
	label = 'Journey deleted'
): Promise<PendingDelete | undefined> {
	const d = db();
	return d.transaction('rw', tables(d), async () => {
		const previous = await pendingDelete(d);
		if (previous) await settleInside(d, previous);
		const journey = await d.journeys.get(journeyId);
		if (!journey || journey.deletedAt !== undefined) return undefined;
		const at = Date.now();
		const rows: PendingDelete['rows'] = [];
		const clock = await tick(d, at);
		const mark = async (table: SyncedTable, found: Stored[]) => {
			const live = found.filter((r) => r.deletedAt === undefined);
			if (!live.length) return;
			const stamp = table === 'albumFeedback' ? clock : undefined;
			await d.table(table).bulkPut(live.map((r) => tombstone(r, at, stamp)));
			// Feedback gained a clock with its tombstone: undo puts back the row as it was.
			for (const r of live) {
				rows.push(
					stamp
						? { table, id: r.id, before: r as unknown as StoredAlbumFeedback }
						: { table, id: r.id }
				);
			}
		};
		await mark('journeys', [journey as unknown as Stored]);
		for (const table of SYNCED_TABLES) {
			if (table === 'journeys') continue;
			const found = (await d
				.table(table)
				.where('journeyId')
				.equals(journeyId)
				.toArray()) as Stored[];
			await mark(table, found);
		}
		const pending: PendingDelete = {
			id: crypto.randomUUID(),
			kind: 'journey',
			label,
			at,
			rows,
			held: await hold(d, rows)
		};
		await d.syncState.put({ key: PENDING_KEY, value: pending });
		return pending;
	});
}

/** Clears one album's rating, why and what resonated (undoable until settled). */
export async function clearFeedback(
	set: RecommendationSetRow,
	albumKey: string,
	label = 'Rating removed'
): Promise<PendingDelete | undefined> {
	const d = db();
	const id = await feedbackId(set.id, albumKey);
	return d.transaction('rw', tables(d), async () => {
		const previous = await pendingDelete(d);
		if (previous) await settleInside(d, previous);
		const existing = await d.albumFeedback.get(id);
		if (!existing || existing.deletedAt !== undefined) return undefined;
		const at = Date.now();
		const clock = await tick(d, at);
		const cleared: StoredAlbumFeedback = {
			...existing,
			listened: false,
			updatedAt: at,
			fieldClocks: {
				...existing.fieldClocks,
				listened: clock,
				rating: clock,
				rationale: clock,
				resonant_element: clock
			}
		};
		delete cleared.rating;
		delete cleared.rationale;
		delete cleared.resonantElement;
		await d.albumFeedback.put(cleared);
		const rows: PendingDelete['rows'] = [{ table: 'albumFeedback', id, before: existing }];
		const pending: PendingDelete = {
			id: crypto.randomUUID(),
			kind: 'feedback',
			label,
			at,
			rows,
			held: await hold(d, rows)
		};
		await d.syncState.put({ key: PENDING_KEY, value: pending });
		return pending;
	});
}

/**
 * Undoes the pending delete `id`: the rows as they were, their outbox entries back in the
 * queue. False when it is no longer pending (settled, or replaced by a newer delete).
 */
export async function undoDelete(id: string): Promise<boolean> {
	const d = db();
	return d.transaction('rw', tables(d), async () => {
		const p = await pendingDelete(d);
		if (!p || p.id !== id) return false;
		for (const { table, id: rowId, before } of p.rows) {
			if (before) {
				await d.table(table).put(before);
				continue;
			}
			const row = (await d.table(table).get(rowId)) as Stored | undefined;
			if (!row) continue;
			const restored: Stored = { ...row };
			delete restored.deletedAt;
			await d.table(table).put(restored);
		}
		if (p.held.length) {
			await d.outbox.bulkAdd(
				p.held.map((e) => {
					const entry: OutboxEntry = { ...e };
					delete entry.seq;
					return entry;
				})
			);
		}
		await d.syncState.delete(PENDING_KEY);
		return true;
	});
}
