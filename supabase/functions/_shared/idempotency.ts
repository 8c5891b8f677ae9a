/**
 * Idempotency-Key: the same key from the same user within 24 h returns the stored result with
 * no second AI call — also while the first request is still running:
 *
 * - in this process, a concurrent duplicate awaits the first request's promise (and so also
 *   sees the same failure);
 * - in another instance (a shared `ResultStore` in Postgres), it polls the store until the
 *   result is there, bounded by its own time budget (504 UPSTREAM_TIMEOUT, "still running").
 *
 * The store owns the key's life cycle: `begin` claims it (or reports it completed, in progress
 * or used for another request), `complete` stores a successful result, `release` drops a failed
 * claim so the client's retry calls the model again (failures are not stored). A claim older
 * than the lease (longer than any request's budget: its instance died) may be taken over.
 * A key reused with a different body or route is refused, since its answer is for another request.
 * When the store itself fails (database down), the request goes on with the `fallback` store
 * (this process's memory; logged): availability wins over deduplication across instances.
 */
import { inBackground } from './background.ts';
import type { Budget } from './budget.ts';
import { CuratorError } from './errors.ts';

export interface KeyRef {
	userId: string;
	route: string;
	key: string;
}

export type Begin =
	| { outcome: 'new' }
	| { outcome: 'completed'; value: unknown }
	| { outcome: 'in_progress' }
	| { outcome: 'mismatch' };

export interface BeginOptions {
	ttlMs: number;
	/** An in-progress claim older than this may be taken over. */
	leaseMs: number;
}

export interface ResultStore {
	begin(ref: KeyRef, fingerprint: string, options: BeginOptions): Promise<Begin>;
	complete(ref: KeyRef, value: unknown): Promise<void>;
	release(ref: KeyRef): Promise<void>;
}

interface MemoryRow {
	route: string;
	fingerprint: string;
	state: 'in_progress' | 'completed';
	value?: unknown;
	claimedAt: number;
	expiresAt: number;
}

/** Keys of one process (no SUPABASE_DB_URL): the same rules as the Postgres table. */
export class MemoryResultStore implements ResultStore {
	#rows = new Map<string, MemoryRow>();

	#id(ref: KeyRef): string {
		return `${ref.userId}\u0000${ref.key}`;
	}

	begin(ref: KeyRef, fingerprint: string, options: BeginOptions): Promise<Begin> {
		const now = Date.now();
		const id = this.#id(ref);
		let row = this.#rows.get(id);
		if (row && row.expiresAt <= now) {
			this.#rows.delete(id);
			row = undefined;
		}
		if (!row) {
			if (this.#rows.size > 10_000) this.#prune(now);
			this.#rows.set(id, {
				route: ref.route,
				fingerprint,
				state: 'in_progress',
				claimedAt: now,
				expiresAt: now + options.ttlMs
			});
			return Promise.resolve({ outcome: 'new' });
		}
		if (row.route !== ref.route || row.fingerprint !== fingerprint) {
			return Promise.resolve({ outcome: 'mismatch' });
		}
		if (row.state === 'completed') {
			return Promise.resolve({ outcome: 'completed', value: row.value });
		}
		if (now - row.claimedAt >= options.leaseMs) {
			row.claimedAt = now;
			return Promise.resolve({ outcome: 'new' });
		}
		return Promise.resolve({ outcome: 'in_progress' });
	}

	complete(ref: KeyRef, value: unknown): Promise<void> {
		const row = this.#rows.get(this.#id(ref));
		if (row) Object.assign(row, { state: 'completed', value });
		return Promise.resolve();
	}

	release(ref: KeyRef): Promise<void> {
		const id = this.#id(ref);
		if (this.#rows.get(id)?.state === 'in_progress') this.#rows.delete(id);
		return Promise.resolve();
	}

	#prune(now: number): void {
		for (const [id, row] of this.#rows) if (row.expiresAt <= now) this.#rows.delete(id);
	}
}

export type Claim =
	| { kind: 'replay'; value: Promise<unknown> }
	| { kind: 'mismatch' }
	| { kind: 'fresh'; settle(value: unknown): Promise<void>; abandon(error: unknown): void };

export interface IdempotencyOptions {
	ttlMs: number;
	leaseMs: number;
	log?: (line: string) => void;
	/** Used while `store` fails (e.g. its database is down): this process's own keys. */
	fallback?: ResultStore;
	/** First wait between polls of a key another instance is working on (doubles, ≤ 250 ms). */
	pollMs?: number;
}

export class Idempotency {
	#store: ResultStore;
	#options: IdempotencyOptions;
	#log: (line: string) => void;
	#inflight = new Map<string, { fingerprint: string; route: string; promise: Promise<unknown> }>();

	constructor(store: ResultStore, options: IdempotencyOptions) {
		this.#store = store;
		this.#options = options;
		this.#log = options.log ?? console.warn;
	}

	#fromInflight(id: string, ref: KeyRef, fingerprint: string): Claim | undefined {
		const running = this.#inflight.get(id);
		if (!running) return undefined;
		return running.fingerprint === fingerprint && running.route === ref.route
			? { kind: 'replay', value: running.promise }
			: { kind: 'mismatch' };
	}

	/**
	 * Claims `ref` for this request, or says how to answer without calling the model.
	 * Waiting for another instance's result stops when `budget` ends (timeout or disconnect).
	 */
	async claim(ref: KeyRef, fingerprint: string, budget: Budget): Promise<Claim> {
		const id = `${ref.userId}\u0000${ref.key}`;
		let wait = this.#options.pollMs ?? 25;
		for (;;) {
			const running = this.#fromInflight(id, ref, fingerprint);
			if (running) return running;
			let begun: Begin;
			let store: ResultStore | undefined = this.#store;
			try {
				begun = await store.begin(ref, fingerprint, this.#options);
			} catch (error) {
				store = this.#options.fallback;
				this.#log(
					`[curator] idempotency: database unavailable (${String(error)}); ` +
						(store ? 'keeping keys in memory' : 'going on without it')
				);
				begun = store ? await store.begin(ref, fingerprint, this.#options) : { outcome: 'new' };
			}
			switch (begun.outcome) {
				case 'new':
					return this.#fresh(id, ref, fingerprint, store);
				case 'completed':
					return { kind: 'replay', value: Promise.resolve(begun.value) };
				case 'mismatch':
					return { kind: 'mismatch' };
			}
			// In progress: in this process the in-flight map answers on the next turn; elsewhere,
			// poll until the other instance stores its result or releases the key.
			if (!this.#inflight.has(id)) {
				if (budget.remainingMs() <= wait) {
					throw new CuratorError(
						'UPSTREAM_TIMEOUT',
						'An earlier request with the same Idempotency-Key is still running; please try again in a moment.'
					);
				}
				await budget.sleep(wait);
				wait = Math.min(wait * 2, 250);
			}
		}
	}

	#fresh(id: string, ref: KeyRef, fingerprint: string, store?: ResultStore): Claim {
		let resolve!: (value: unknown) => void;
		let reject!: (error: unknown) => void;
		const promise = new Promise<unknown>((res, rej) => {
			resolve = res;
			reject = rej;
		});
		promise.catch(() => {}); // waiters handle it; with none, a failure is not "unhandled"
		this.#inflight.set(id, { fingerprint, route: ref.route, promise });
		const done = () => {
			if (this.#inflight.get(id)?.promise === promise) this.#inflight.delete(id);
		};
		return {
			kind: 'fresh',
			settle: async (value) => {
				try {
					await store?.complete(ref, value);
				} catch (error) {
					this.#log(`[curator] idempotent result not stored (${String(error)})`);
				} finally {
					done();
					resolve(value);
				}
			},
			abandon: (error) => {
				done();
				reject(error);
				if (store) inBackground(store.release(ref), 'releasing an idempotency key', this.#log);
			}
		};
	}
}

export async function fingerprintOf(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
