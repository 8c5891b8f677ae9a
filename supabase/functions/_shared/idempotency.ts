/**
 * Idempotency-Key: the same key (per user and route) within 24 h returns the stored result
 * with no second AI call — also while the first request is still running: a concurrent
 * duplicate awaits the same promise (and so also sees the same failure). Failures are not
 * stored, so a retry after an error calls the model again.
 *
 * Finished results live behind `ResultStore` (memory now; a Postgres table when
 * SUPABASE_DB_URL is set later). In-flight promises are necessarily per process.
 * A key reused with a different body is refused, since its stored answer is for another request.
 */

export interface StoredResult {
	fingerprint: string;
	value: unknown;
}

export interface ResultStore {
	get(key: string, now: number): Promise<StoredResult | undefined>;
	put(key: string, result: StoredResult, expiresAt: number): Promise<void>;
}

export class MemoryResultStore implements ResultStore {
	#rows = new Map<string, StoredResult & { expiresAt: number }>();

	get(key: string, now: number): Promise<StoredResult | undefined> {
		const row = this.#rows.get(key);
		if (row && row.expiresAt <= now) this.#rows.delete(key);
		return Promise.resolve(row && row.expiresAt > now ? row : undefined);
	}

	put(key: string, result: StoredResult, expiresAt: number): Promise<void> {
		if (this.#rows.size > 10_000) {
			const now = Date.now();
			for (const [k, r] of this.#rows) if (r.expiresAt <= now) this.#rows.delete(k);
		}
		this.#rows.set(key, { ...result, expiresAt });
		return Promise.resolve();
	}
}

export type Claim =
	| { kind: 'replay'; value: Promise<unknown> }
	| { kind: 'mismatch' }
	| { kind: 'fresh'; settle(value: unknown): Promise<void>; abandon(error: unknown): void };

export class Idempotency {
	#store: ResultStore;
	#ttlMs: number;
	#inflight = new Map<string, { fingerprint: string; promise: Promise<unknown> }>();

	constructor(store: ResultStore, ttlMs: number) {
		this.#store = store;
		this.#ttlMs = ttlMs;
	}

	#fromInflight(key: string, fingerprint: string): Claim | undefined {
		const running = this.#inflight.get(key);
		if (!running) return undefined;
		return running.fingerprint === fingerprint
			? { kind: 'replay', value: running.promise }
			: { kind: 'mismatch' };
	}

	async claim(key: string, fingerprint: string, now = Date.now()): Promise<Claim> {
		const running = this.#fromInflight(key, fingerprint);
		if (running) return running;
		const stored = await this.#store.get(key, now);
		if (stored) {
			return stored.fingerprint === fingerprint
				? { kind: 'replay', value: Promise.resolve(stored.value) }
				: { kind: 'mismatch' };
		}
		// Re-check: another request may have claimed the key while the store was being read.
		const raced = this.#fromInflight(key, fingerprint);
		if (raced) return raced;

		let resolve!: (value: unknown) => void;
		let reject!: (error: unknown) => void;
		const promise = new Promise<unknown>((res, rej) => {
			resolve = res;
			reject = rej;
		});
		promise.catch(() => {}); // waiters handle it; with none, a failure is not "unhandled"
		this.#inflight.set(key, { fingerprint, promise });
		return {
			kind: 'fresh',
			settle: async (value) => {
				try {
					await this.#store.put(key, { fingerprint, value }, Date.now() + this.#ttlMs);
				} finally {
					this.#inflight.delete(key);
					resolve(value);
				}
			},
			abandon: (error) => {
				this.#inflight.delete(key);
				reject(error);
			}
		};
	}
}

export async function fingerprintOf(text: string): Promise<string> {
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
	return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
