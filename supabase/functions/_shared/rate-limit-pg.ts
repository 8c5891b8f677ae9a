/**
 * The per-user rate limit in Postgres (public.curator_rate_limit_hit, one upsert per request),
 * so every instance of the function counts against the same window. All routes share one
 * counter per user (route 'all'), as the in-memory limiter does.
 *
 * - A user id that is not an auth.users row (not a uuid, or a deleted user whose token is
 *   still valid) is refused with 401: there is no such listener to count.
 * - If the database cannot be reached, the request is not failed: this instance falls back
 *   to its in-memory limiter (logged), so a listener is still limited, per instance.
 * - About one request in `purgeEvery` also runs public.curator_purge_expired() in the
 *   background, which removes expired idempotency keys and day-old rate-limit windows.
 */
import { inBackground } from './background.ts';
import { CuratorError } from './errors.ts';
import { describePgError, isUuid, type PgPool } from './pg.ts';
import type { RateDecision, RateLimiter } from './rate-limit.ts';

export interface PgRateLimiterOptions {
	windowS?: number;
	/** Used while the database is unreachable. */
	fallback: RateLimiter;
	log?: (line: string) => void;
	/** Purge expired rows on about 1 request in this many (0: never). Default 100. */
	purgeEvery?: number;
}

const ROUTE = 'all';

export function notAUser(): CuratorError {
	return new CuratorError(
		'UNAUTHORIZED',
		'Your session does not belong to a known account; please sign in again.'
	);
}

export class PgRateLimiter implements RateLimiter {
	#pool: PgPool;
	#limit: number;
	#windowS: number;
	#fallback: RateLimiter;
	#log: (line: string) => void;
	#purgeEvery: number;

	constructor(pool: PgPool, limit: number, options: PgRateLimiterOptions) {
		this.#pool = pool;
		this.#limit = limit;
		this.#windowS = options.windowS ?? 60;
		this.#fallback = options.fallback;
		this.#log = options.log ?? console.warn;
		this.#purgeEvery = options.purgeEvery ?? 100;
	}

	async hit(userId: string): Promise<RateDecision> {
		if (!isUuid(userId)) throw notAUser();
		let decision: { allowed: boolean; retry_after_s: number };
		try {
			const rows = await this.#pool.run(
				(sql) =>
					sql`select public.curator_rate_limit_hit(${userId}::uuid, ${ROUTE}, ${this.#limit}::int, ${this.#windowS}::int) as r`
			);
			decision = rows[0].r;
		} catch (error) {
			if ((error as { code?: string }).code === '23503') throw notAUser(); // no auth.users row
			this.#log(
				`[curator] rate limit: database unavailable (${describePgError(error)}); counting in memory`
			);
			return this.#fallback.hit(userId);
		}
		if (this.#purgeEvery > 0 && Math.random() * this.#purgeEvery < 1) {
			inBackground(this.purge(), 'purging expired keys', this.#log);
		}
		return { allowed: decision.allowed, retryAfterSeconds: decision.retry_after_s };
	}

	/** Removes expired idempotency keys and old windows; never throws (logged). */
	purge(): Promise<number> {
		return this.#pool
			.run((sql) => sql`select public.curator_purge_expired() as n`)
			.then(
				(rows) => Number(rows[0].n),
				(error) => {
					this.#log(`[curator] purge failed (${describePgError(error)})`);
					return 0;
				}
			);
	}
}
