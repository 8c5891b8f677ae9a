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
 *
 * The runtime (`SyncEngine`): one tab syncs. Tabs queue for a Web Lock and the holder
 * keeps it while it lives, so closing that tab hands over to the next. Without Web Locks a
 * short lease in syncState keeps passes from overlapping. The syncing tab runs a pass when
 * it gets online, on focus, when the page becomes visible, on an interval, and (debounced)
 * after any write in any tab (the outbox's last seq, watched with liveQuery). Failures back
 * off; nothing here ever deletes local data on an auth or network error.
 */
import { liveQuery } from 'dexie';
import { SYNCED_TABLES } from '$lib/db/write';
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

async function getValue<T>(d: CartographerDB, key: string): Promise<T | undefined> {
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
			throw new SyncError('bad_response', 'sync_push answered none of the ops');
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
 * account). Never called by the engine itself. Import history and the catalogue cache are
 * kept (they are not part of any account).
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

/* ------------------------------------------------------------------------------------
 * Runtime: one syncing tab, triggers, backoff, status in syncState.
 * ---------------------------------------------------------------------------------- */

export type SyncPhase = 'idle' | 'syncing' | 'error' | 'other_user' | 'signed_out';

export interface SyncStatusValue {
	phase: SyncPhase;
	at: number;
	reason?: string;
	message?: string;
}

export interface SyncSession {
	user: Owner;
	transport: SyncTransport;
}

export interface EngineOptions {
	db: () => CartographerDB;
	/** The signed-in (non-anonymous) account and a transport pinned to it, or null. */
	session: () => Promise<SyncSession | null>;
	intervalMs?: number;
	debounceMs?: number;
	/** Window-like target for online/focus/visibilitychange (omitted in tests). */
	events?: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
		document?: Pick<Document, 'visibilityState'>;
	};
	locks?: LockManager;
}

const LEASE_MS = 60_000;

export class SyncEngine {
	private timer: ReturnType<typeof setTimeout> | undefined;
	private interval: ReturnType<typeof setInterval> | undefined;
	private running: Promise<void> | undefined;
	private again = false;
	private failures = 0;
	private leader = false;
	private stopLeading: (() => void) | undefined;
	private readonly tab = crypto.randomUUID();
	private readonly cleanups: (() => void)[] = [];

	constructor(private readonly opts: EngineOptions) {}

	/** Queues for leadership; the leader wires the triggers. Returns stop(). */
	start(): () => void {
		const locks = this.opts.locks;
		if (locks) {
			const abort = new AbortController();
			locks
				.request('sonic-cartographer-sync', { signal: abort.signal }, () => {
					return new Promise<void>((resolve) => {
						this.lead();
						this.stopLeading = resolve;
					});
				})
				.catch(() => undefined); // aborted on stop()
			this.cleanups.push(() => abort.abort());
		} else {
			this.lead();
		}
		return () => this.stop();
	}

	stop(): void {
		this.leader = false;
		for (const c of this.cleanups.splice(0)) c();
		clearTimeout(this.timer);
		clearInterval(this.interval);
		this.stopLeading?.();
	}

	get isLeader(): boolean {
		return this.leader;
	}

	private lead(): void {
		this.leader = true;
		const ev = this.opts.events;
		if (ev) {
			const now = () => this.request(0);
			const onVisible = () => {
				if (ev.document?.visibilityState !== 'hidden') this.request(0);
			};
			ev.addEventListener('online', now);
			ev.addEventListener('focus', now);
			ev.addEventListener('visibilitychange', onVisible);
			this.cleanups.push(() => {
				ev.removeEventListener('online', now);
				ev.removeEventListener('focus', now);
				ev.removeEventListener('visibilitychange', onVisible);
			});
		}
		this.interval = setInterval(() => this.request(0), this.opts.intervalMs ?? 60_000);
		let lastSeq: number | undefined;
		const sub = liveQuery(() => this.opts.db().outbox.orderBy('seq').lastKey()).subscribe({
			next: (seq) => {
				const n = typeof seq === 'number' ? seq : 0;
				if (lastSeq !== undefined && n > lastSeq) this.request(this.opts.debounceMs ?? 1500);
				lastSeq = n;
			},
			error: () => undefined
		});
		this.cleanups.push(() => sub.unsubscribe());
		this.request(0);
	}

	/** Asks for a pass after `delayMs` (debounced: the latest request sets the time). */
	request(delayMs = 0): void {
		if (!this.leader) return;
		clearTimeout(this.timer);
		this.timer = setTimeout(() => void this.run(), delayMs);
	}

	/** Runs a pass now (or once more after the current one). Resolves when done. */
	async run(): Promise<void> {
		if (this.running) {
			this.again = true;
			return this.running;
		}
		this.running = (async () => {
			do {
				this.again = false;
				await this.pass();
			} while (this.again);
		})();
		try {
			await this.running;
		} finally {
			this.running = undefined;
		}
	}

	private async setStatus(value: Omit<SyncStatusValue, 'at'>): Promise<void> {
		await this.opts
			.db()
			.syncState.put({ key: KEYS.status, value: { ...value, at: Date.now() } })
			.catch(() => undefined);
	}

	private async pass(): Promise<void> {
		const d = this.opts.db();
		let session: SyncSession | null;
		try {
			session = await this.opts.session();
		} catch {
			session = null;
		}
		if (!session) {
			await this.setStatus({ phase: 'signed_out' });
			return;
		}
		if (!this.opts.locks && !(await this.takeLease(d))) return;
		try {
			await this.setStatus({ phase: 'syncing' });
			const report = await syncOnce(d, session.transport, session.user);
			this.failures = 0;
			await this.setStatus({ phase: report.outcome === 'other_user' ? 'other_user' : 'idle' });
		} catch (e) {
			this.failures++;
			const err = e instanceof SyncError ? e : new SyncError('server', String(e));
			await this.setStatus({ phase: 'error', reason: err.reason, message: err.message });
			// Back off: 5 s, 10 s, 20 s … up to 5 minutes; any trigger may run sooner.
			const delay = Math.min(5_000 * 2 ** (this.failures - 1), 300_000);
			this.request(delay);
		} finally {
			if (!this.opts.locks) await this.releaseLease(d);
		}
	}

	private async takeLease(d: CartographerDB): Promise<boolean> {
		return d.transaction('rw', d.syncState, async () => {
			const lease = await getValue<{ tab: string; until: number }>(d, KEYS.lease);
			if (lease && lease.tab !== this.tab && lease.until > Date.now()) return false;
			await d.syncState.put({
				key: KEYS.lease,
				value: { tab: this.tab, until: Date.now() + LEASE_MS }
			});
			return true;
		});
	}

	private async releaseLease(d: CartographerDB): Promise<void> {
		await d.transaction('rw', d.syncState, async () => {
			const lease = await getValue<{ tab: string }>(d, KEYS.lease);
			if (lease?.tab === this.tab) await d.syncState.delete(KEYS.lease);
		});
	}
}
