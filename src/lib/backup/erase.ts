/**
 * "Erase this device": every local row goes (journeys, import history, the catalogue and
 * artist-facts caches, outbox, sync state). Only this device: an account keeps its copy on
 * the server, and the device gets it back by signing in to it. What would be lost for good is
 * what the account does not have yet — the outbox — so the listener is told before confirming.
 */
import { db, type CartographerDB } from '$lib/db/schema';
import { summarise } from '$lib/sync/outbox';
import { deviceOwner, type Owner } from '$lib/sync/sync-pass';

export interface EraseWarning {
	/** Journeys on this device (not deleted). */
	journeys: number;
	/** Rows changed here and not on the account yet (0 when there is no account). */
	unsynced: number;
	/** What those changes are, in the listener's words ("2 journeys and 1 rating"). */
	what: string;
	owner?: Owner;
}

export async function eraseWarning(d: CartographerDB = db()): Promise<EraseWarning> {
	const [journeys, summary, owner] = await Promise.all([
		d.journeys.filter((s) => s.deletedAt === undefined).count(),
		summarise(d),
		deviceOwner(d)
	]);
	if (!owner) return { journeys, unsynced: 0, what: '', owner };
	// Every change inside a journey also touches its journey row, so changed journeys are the
	// journey rows waiting; feedback rows are ratings and notes.
	const rows = new Map<string, Set<string>>();
	await d.outbox.each((e) => {
		const set = rows.get(e.table) ?? new Set<string>();
		set.add(e.rowId);
		rows.set(e.table, set);
	});
	const count = (n: number, one: string, many: string) => (n ? `${n} ${n === 1 ? one : many}` : '');
	const what = [
		count(rows.get('journeys')?.size ?? 0, 'journey', 'journeys'),
		count(rows.get('albumFeedback')?.size ?? 0, 'rating or note', 'ratings or notes')
	]
		.filter(Boolean)
		.join(' and ');
	return { journeys, unsynced: summary.unsynced + summary.rejected.length, what, owner };
}

export async function eraseDevice(d: CartographerDB = db()): Promise<void> {
	await d.transaction('rw', d.tables, async () => {
		await Promise.all(d.tables.map((t) => t.clear()));
	});
}
