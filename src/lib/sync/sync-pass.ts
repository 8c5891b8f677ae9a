/**
 * The sync engine: push the outbox, then pull what changed since the cursor.
 *
 * One pass (`syncOnce`):
 * 1. Whose data is this? The device's synced data belongs to one account (syncState
 *    'owner'). The first account to sync adopts whatever the device holds (local-only work
 *    made before signing in, or an anonymous session upgraded to a real account). If a
 *    different account is signed in, the pass stops with 'other_user' and pushes nothing:
 *    the listener chooses (sign back in, or explicitly clear this device's copy) — the
 *    queue is held, nothing is lost and nothing goes to the wrong account.
 * 2. Push: batches of ≤ 500 collapsed ops with stable op ids (outbox.ts), each answer
 *    recorded as it comes. A network failure leaves the outbox as it was; the next pass
 *    resends the same op ids and the server answers 'duplicate' for what it already has.
 * 3. Pull: pages of ≤ 500 rows after the cursor. Each page's rows and the new cursor are
 *    stored in ONE Dexie transaction, so a reload mid-way resumes at the last stored page
 *    and never skips or half-applies one. The cursor is per account ('cursor:<user id>').
 *    If the stored cursor moved while a page was in flight (another tab synced), the page
 *    is dropped and the pull restarts from the stored cursor: an old page never overwrites
 *    newer rows.
 */
import { SYNCED_TABLES } from '$lib/db/tables';
import type { CartographerDB } from '$lib/db/schema';
import { applyPulled } from './merge';
import { applyResults, MAX_BATCH, prepareBatch, toPushOps } from './outbox';
import { SyncError, type SyncTransport } from './transport';

export const KEYS = {
	owner: 'owner',
	lastSyncAt: 'lastSyncAt',
	status: 'status',
	lease: 'lease',
	cursor: (userId: string) => `cursor:${userId}`
} as const;

export interface Owner {
	userId: string;
	email?: string;
}

export interface SyncReport {
	outcome: 'synced' | 'other_user';
	applied: number;
	duplicate: number;
	rejected: number;
	pulled: number;
	pages: number;
}

export interface SyncOptions {
	/** Rows per pull page (server caps at 500). */
	pageSize?: number;
	/** Ops per push batch (≤ 500). */
	batchSize?: number;
	/** Stop after this many pull pages (tests: simulate a reload mid-way). */
	maxPages?: number;
	onProgress?: (p: { phase: 'push' | 'pull'; done: number }) => void;
}

export async function getValue<T>(d: CartographerDB, key: string): Promise<T | undefined> {
	return (await d.syncState.get(key))?.value as T | undefined;
}

export async function deviceOwner(d: CartographerDB): Promise<Owner | undefined> {
	return getValue<Owner>(d, KEYS.owner);
}

/** Claims the device's data for `user` unless another account already owns it. */
async function claim(d: CartographerDB, user: Owner): Promise<boolean> {
	return d.transaction('rw', d.syncState, async () => {
		const owner = await getValue<Owner>(d, KEYS.owner);
		if (owner && owner.userId !== user.userId) return false;
		if (!owner || (user.email && owner.email !== user.email)) {
			await d.syncState.put({ key: KEYS.owner, value: { ...owner, ...user } });
		}
		return true;
	});
}

/** One full pass for `user` over `transport`. Throws SyncError on network/auth failures. */
export async function syncOnce(
	d: CartographerDB,
	transport: SyncTransport,
	user: Owner,
	opts: SyncOptions = {}
): Promise<SyncReport> {
	const report: SyncReport = {
		outcome: 'synced',
		applied: 0,
		duplicate: 0,
		rejected: 0,
		pulled: 0,
		pages: 0
	};
	if (!(await claim(d, user))) return { ...report, outcome: 'other_user' };

	// Push: every batch either clears or marks each op it sent, so this ends.
	for (;;) {
		const ops = await prepareBatch(d, Math.min(opts.batchSize ?? MAX_BATCH, MAX_BATCH));
		if (!ops.length) break;
		const results = await transport.push(toPushOps(ops));
		const counts = await applyResults(d, ops, results);
		report.applied += counts.applied;
		report.duplicate += counts.duplicate;
		report.rejected += counts.rejected;
		opts.onProgress?.({ phase: 'push', done: report.applied + report.duplicate });
		if (counts.applied + counts.duplicate + counts.rejected === 0) {
			throw new SyncError('BAD_RESPONSE', 'sync_push answered none of the ops');
		}
	}

	// Pull.
	const cursorKey = KEYS.cursor(user.userId);
	const tables = SYNCED_TABLES.map((t) => d.table(t));
	let since = (await getValue<number>(d, cursorKey)) ?? 0;
	for (;;) {
		if (opts.maxPages !== undefined && report.pages >= opts.maxPages) break;
		const page = await transport.pull(since, opts.pageSize ?? 500);
		const stored = await d.transaction('rw', [...tables, d.outbox, d.syncState], async () => {
			const current = (await getValue<number>(d, cursorKey)) ?? 0;
			if (current !== since) return { restartFrom: current };
			await applyPulled(d, page.rows);
			if (page.next > since) await d.syncState.put({ key: cursorKey, value: page.next });
			return { restartFrom: undefined };
		});
		if (stored.restartFrom !== undefined) {
			since = stored.restartFrom;
			continue;
		}
		report.pages++;
		report.pulled += page.rows.length;
		opts.onProgress?.({ phase: 'pull', done: report.pulled });
		if (!page.more || page.next <= since) break;
		since = page.next;
	}
	await d.syncState.put({ key: KEYS.lastSyncAt, value: Date.now() });
	return report;
}

/**
 * The listener chose to remove the synced data from this device (e.g. to load another
 * account). Never called by the engine itself. Import history and the catalogue and
 * artist-facts caches are kept (they are not part of any account).
 */
export async function clearDeviceData(d: CartographerDB): Promise<void> {
	const tables = SYNCED_TABLES.map((t) => d.table(t));
	await d.transaction('rw', [...tables, d.outbox, d.syncState], async () => {
		await Promise.all(tables.map((t) => t.clear()));
		await d.outbox.clear();
		const keys = (await d.syncState.toCollection().primaryKeys()) as string[];
		await d.syncState.bulkDelete(
			keys.filter((k) => k === KEYS.owner || k === KEYS.lastSyncAt || k.startsWith('cursor:'))
		);
	});
}

/**
 * The listener deleted their account on this device: erase its copy or keep it, as they
 * chose, and say which (the status stays until someone signs in again; see engine.ts).
 * Kept rows stay marked as the deleted account's, so no other account adopts them unasked.
 */
export async function settleDeletedAccount(d: CartographerDB, erase: boolean): Promise<void> {
	if (erase) await clearDeviceData(d);
	await d.syncState.put({
		key: KEYS.status,
		value: {
			phase: 'account_deleted',
			at: Date.now(),
			message: erase
				? 'Your account is deleted, and its journeys were erased from this device.'
				: 'Your account is deleted. Its journeys are kept on this device only.'
		}
	});
}
