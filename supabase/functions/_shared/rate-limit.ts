/**
 * Per-user rate limit (100 requests per minute by default).
 *
 * A fixed window that starts at the user's first request: one row of (user, window start,
 * count) is all a shared store needs, so a Postgres implementation (when SUPABASE_DB_URL is
 * set and the table exists) is a single upsert. In memory it is per process, which is enough
 * for one local server.
 */

export interface RateDecision {
	allowed: boolean;
	/** Seconds until the window resets (for Retry-After). */
	retryAfterSeconds: number;
}

export interface RateLimiter {
	hit(userId: string, now?: number): Promise<RateDecision>;
}

export class MemoryRateLimiter implements RateLimiter {
	#windows = new Map<string, { start: number; count: number }>();
	#limit: number;
	#windowMs: number;

	constructor(limit: number, windowMs = 60_000) {
		this.#limit = limit;
		this.#windowMs = windowMs;
	}

	hit(userId: string, now = Date.now()): Promise<RateDecision> {
		let w = this.#windows.get(userId);
		if (!w || now - w.start >= this.#windowMs) {
			if (this.#windows.size > 10_000) this.#prune(now);
			w = { start: now, count: 0 };
			this.#windows.set(userId, w);
		}
		w.count++;
		const retryAfterSeconds = Math.max(1, Math.ceil((w.start + this.#windowMs - now) / 1000));
		return Promise.resolve({ allowed: w.count <= this.#limit, retryAfterSeconds });
	}

	#prune(now: number): void {
		for (const [user, w] of this.#windows) {
			if (now - w.start >= this.#windowMs) this.#windows.delete(user);
		}
	}
}
