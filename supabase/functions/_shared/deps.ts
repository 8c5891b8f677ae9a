/**
 * Wires the curator's collaborators from its configuration. Tests pass overrides (a usage log
 * they can read, a fast retry base) instead of mocking modules.
 *
 * Stores: with SUPABASE_DB_URL (and auth on), rate limits, idempotency keys and usage rows live
 * in Postgres, shared by every instance of the function; without it they stay in this process
 * (usage rows go to stdout as JSON lines). With a database but auth off (no
 * SUPABASE_URL / CURATOR_JWT_SECRET) every caller is the same local user, who has no
 * auth.users row, so the stores stay in memory and the log says so.
 */
import { CuratorAI } from './ai.ts';
import { type Authenticator, createAuthenticator } from './auth.ts';
import { authConfigured, type CuratorConfig } from './config.ts';
import { PgResultStore } from './idempotency-pg.ts';
import { Idempotency, MemoryResultStore } from './idempotency.ts';
import { PgPool } from './pg.ts';
import { PgRateLimiter } from './rate-limit-pg.ts';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.ts';
import { PgUsageLog } from './usage-pg.ts';
import { StdoutUsageLog, type UsageLog } from './usage.ts';

export type StoreKind = 'postgres' | 'memory';

export interface CuratorDeps {
	config: CuratorConfig;
	auth: Authenticator;
	limiter: RateLimiter;
	idempotency: Idempotency;
	ai: CuratorAI;
	usage: UsageLog;
	/** Where rate limits, idempotency keys and usage rows are kept. */
	stores: StoreKind;
	/** Closes the database pool, if any. */
	close(): Promise<void>;
}

export interface DepsOptions {
	usage?: UsageLog;
	/** First backoff step for upstream retries (doubles each retry). */
	retryBaseMs?: number;
	log?: (line: string) => void;
	/** Where unusable upstream answers are reported (default: stderr). */
	aiLog?: (line: string) => void;
	/** Chance 1/n per request of purging expired keys and windows (Postgres only; 0: never). */
	purgeEvery?: number;
}

/** An in-progress idempotency claim older than this belongs to a request that died. */
export function leaseMs(config: CuratorConfig): number {
	return config.timeoutMs + 30_000;
}

export function createDeps(config: CuratorConfig, options: DepsOptions = {}): CuratorDeps {
	const log = options.log ?? console.warn;
	const authOn = authConfigured(config);
	let pool: PgPool | undefined;
	if (config.supabaseDbUrl && authOn) {
		pool = new PgPool(config.supabaseDbUrl);
		log('[curator] rate limits, idempotency keys and usage rows: Postgres (SUPABASE_DB_URL).');
	} else if (config.supabaseDbUrl) {
		log(
			'[curator] SUPABASE_DB_URL is set but auth is off (no SUPABASE_URL or CURATOR_JWT_SECRET): ' +
				'rate limits, idempotency keys and usage rows stay in memory/stdout.'
		);
	}
	const memoryLimiter = new MemoryRateLimiter(config.rateLimitPerMinute);
	const usage = options.usage ??
		(pool ? new PgUsageLog(pool, { fallback: new StdoutUsageLog(), log }) : new StdoutUsageLog());
	const idempotencyOptions = {
		ttlMs: config.idempotencyTtlMs,
		leaseMs: leaseMs(config),
		log,
		fallback: pool ? new MemoryResultStore() : undefined
	};
	return {
		config,
		auth: createAuthenticator(config, log),
		limiter: pool
			? new PgRateLimiter(pool, config.rateLimitPerMinute, {
				fallback: memoryLimiter,
				log,
				purgeEvery: options.purgeEvery
			})
			: memoryLimiter,
		idempotency: new Idempotency(
			pool ? new PgResultStore(pool) : new MemoryResultStore(),
			idempotencyOptions
		),
		ai: new CuratorAI(config, usage, { retryBaseMs: options.retryBaseMs, log: options.aiLog }),
		usage,
		stores: pool ? 'postgres' : 'memory',
		close: () => pool?.end() ?? Promise.resolve()
	};
}
