/**
 * Wires the curator's collaborators from its configuration. Tests pass overrides (a usage log
 * they can read, a fast retry base) instead of mocking modules.
 */
import { CuratorAI } from './ai.ts';
import { type Authenticator, createAuthenticator } from './auth.ts';
import type { CuratorConfig } from './config.ts';
import { Idempotency, MemoryResultStore } from './idempotency.ts';
import { MemoryRateLimiter, type RateLimiter } from './rate-limit.ts';
import { StdoutUsageLog, type UsageLog } from './usage.ts';

export interface CuratorDeps {
	config: CuratorConfig;
	auth: Authenticator;
	limiter: RateLimiter;
	idempotency: Idempotency;
	ai: CuratorAI;
}

export interface DepsOptions {
	usage?: UsageLog;
	/** First backoff step for upstream retries (doubles each retry). */
	retryBaseMs?: number;
	log?: (line: string) => void;
}

export function createDeps(config: CuratorConfig, options: DepsOptions = {}): CuratorDeps {
	const log = options.log ?? console.warn;
	if (config.supabaseDbUrl) {
		// The rate-limit, idempotency and usage tables arrive with a later migration; until then
		// these stay in memory even when a database is configured.
		log(
			'[curator] SUPABASE_DB_URL is set, but rate limits, idempotency and usage still use memory/stdout.'
		);
	}
	const usage = options.usage ?? new StdoutUsageLog();
	return {
		config,
		auth: createAuthenticator(config, log),
		limiter: new MemoryRateLimiter(config.rateLimitPerMinute),
		idempotency: new Idempotency(new MemoryResultStore(), config.idempotencyTtlMs),
		ai: new CuratorAI(config, usage, { retryBaseMs: options.retryBaseMs })
	};
}
