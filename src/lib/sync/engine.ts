/**
 * The runtime (`SyncEngine`): one tab syncs. Tabs queue for a Web Lock and the holder
 * keeps it while it lives, so closing that tab hands over to the next. Without Web Locks a
 * short lease in syncState keeps passes from overlapping. The syncing tab runs a pass when
 * it gets online, on focus, when the page becomes visible, on an interval, and (debounced)
 * after any write in any tab (the outbox's last seq, watched with liveQuery). Failures back
 * off; nothing here ever deletes local data on an auth or network error.
 */
import { liveQuery } from 'dexie';
import type { CartographerDB } from '$lib/db/schema';
import { getValue, KEYS, syncOnce, type Owner } from './sync-pass';
import { SyncError, type SyncErrorCode, type SyncTransport } from './transport';

// One pass lives in sync-pass.ts; re-exported so callers keep one entry point.
export { clearDeviceData, deviceOwner, KEYS, syncOnce } from './sync-pass';
export type { Owner, SyncOptions, SyncReport } from './sync-pass';

/* ------------------------------------------------------------------------------------
 * Runtime: one syncing tab, triggers, backoff, status in syncState.
 * ---------------------------------------------------------------------------------- */

export type SyncPhase =
	'idle' | 'syncing' | 'error' | 'other_user' | 'signed_out' | 'account_deleted';

export interface SyncStatusValue {
	phase: SyncPhase;
	at: number;
	/** Why the last pass failed (phase 'error'). */
	code?: SyncErrorCode;
	/** The same in lower case, as builds before the codes stored it; read, never written. */
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
	/**
	 * Whether Auth says the signed-in account is gone (deleted on another device); asked once
	 * per pass. Then the pass pushes nothing, `onAccountDeleted` ends the session here, and the
	 * status stays 'account_deleted' until someone signs in again: no retry loop.
	 */
	accountDeleted?: () => Promise<boolean>;
	onAccountDeleted?: () => Promise<void>;
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
			// The deleted-account notice stays until someone signs in again.
			const current = await getValue<SyncStatusValue>(d, KEYS.status).catch(() => undefined);
			if (current?.phase !== 'account_deleted') await this.setStatus({ phase: 'signed_out' });
			return;
		}
		if (!this.opts.locks && !(await this.takeLease(d))) return;
		try {
			const check = this.opts.accountDeleted;
			if (check && (await check().catch(() => false))) {
				// Deleted here, the status already says what happened to this device's copy.
				const current = await getValue<SyncStatusValue>(d, KEYS.status);
				if (current?.phase !== 'account_deleted')
					await this.setStatus({ phase: 'account_deleted' });
				await this.opts.onAccountDeleted?.().catch(() => undefined);
				return;
			}
			await this.setStatus({ phase: 'syncing' });
			const report = await syncOnce(d, session.transport, session.user);
			this.failures = 0;
			await this.setStatus({ phase: report.outcome === 'other_user' ? 'other_user' : 'idle' });
		} catch (e) {
			this.failures++;
			const err = e instanceof SyncError ? e : new SyncError('SERVER', String(e));
			await this.setStatus({ phase: 'error', code: err.code, message: err.message });
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
