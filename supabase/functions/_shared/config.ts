/**
 * The curator's configuration, read once from the environment into a typed object.
 *
 * Tests build a `CuratorConfig` directly (or through `readConfig` with a plain map), so nothing
 * below the entry point touches `Deno.env`. Every variable here is documented in .env.example.
 */

export interface CuratorConfig {
	/** OPENAI_API_KEY; a placeholder is sent when only a base URL is set (local servers ignore it). */
	openaiApiKey?: string;
	/** OPENAI_BASE_URL: any OpenAI-compatible server (OpenAI when unset). */
	openaiBaseUrl?: string;
	model: string;
	fallbackModel?: string;
	/** Overall budget for one request's upstream work, retries included. */
	timeoutMs: number;
	/** Allowed CORS origins; `*` allows any. */
	appOrigins: string[];
	/** SUPABASE_URL: the project (hosted functions always get it); its Auth checks tokens. */
	supabaseUrl?: string;
	/** SUPABASE_ANON_KEY: sent as `apikey` when Auth confirms a legacy HS256 token. */
	supabaseAnonKey?: string;
	/**
	 * CURATOR_JWT_SECRET: an HS256 secret to check tokens locally (the stand-in). Hosted
	 * functions get no JWT secret, and `supabase secrets set` refuses names starting SUPABASE_.
	 */
	curatorJwtSecret?: string;
	/**
	 * SUPABASE_DB_URL: Postgres for rate limits, idempotency keys and usage rows, shared by every
	 * instance (with auth on; see deps.ts). Unset: kept in memory, usage rows on stdout.
	 */
	supabaseDbUrl?: string;
	/**
	 * SUPABASE_SERVICE_ROLE_KEY (hosted functions always get it): only for Auth's admin API, to
	 * delete the caller's own account (account.ts). Unset: account deletion is refused.
	 */
	supabaseServiceRoleKey?: string;
	/** LASTFM_API_KEY: the Last.fm API account's key, for the listener's top artists (lastfm.ts). */
	lastfmApiKey?: string;
	/** LASTFM_API_URL: Last.fm's API root (default https://ws.audioscrobbler.com/2.0/). */
	lastfmApiUrl: string;
	/** Requests per minute per user. */
	rateLimitPerMinute: number;
	idempotencyTtlMs: number;
	maxBodyBytes: number;
}

export const DEFAULT_APP_ORIGINS = [
	'http://127.0.0.1:4173',
	'http://localhost:4173',
	'http://127.0.0.1:5173',
	'http://localhost:5173'
];

export type EnvReader = (name: string) => string | undefined;

function nonEmpty(value: string | undefined): string | undefined {
	const v = value?.trim();
	return v ? v : undefined;
}

function positiveInt(value: string | undefined, fallback: number): number {
	const n = Number(value);
	return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: EnvReader): CuratorConfig {
	const origins = nonEmpty(env('APP_ORIGINS'));
	return {
		openaiApiKey: nonEmpty(env('OPENAI_API_KEY')),
		openaiBaseUrl: nonEmpty(env('OPENAI_BASE_URL')),
		model: nonEmpty(env('CURATOR_MODEL')) ?? 'gpt-4o-mini',
		fallbackModel: nonEmpty(env('CURATOR_FALLBACK_MODEL')),
		timeoutMs: positiveInt(env('CURATOR_TIMEOUT_MS'), 60_000),
		appOrigins: origins
			? origins
				.split(',')
				.map((o) => o.trim().replace(/\/$/, ''))
				.filter(Boolean)
			: DEFAULT_APP_ORIGINS,
		supabaseUrl: nonEmpty(env('SUPABASE_URL'))?.replace(/\/$/, ''),
		supabaseAnonKey: nonEmpty(env('SUPABASE_ANON_KEY')),
		curatorJwtSecret: nonEmpty(env('CURATOR_JWT_SECRET')),
		supabaseDbUrl: nonEmpty(env('SUPABASE_DB_URL')),
		supabaseServiceRoleKey: nonEmpty(env('SUPABASE_SERVICE_ROLE_KEY')),
		lastfmApiKey: nonEmpty(env('LASTFM_API_KEY')),
		lastfmApiUrl: nonEmpty(env('LASTFM_API_URL')) ?? 'https://ws.audioscrobbler.com/2.0/',
		rateLimitPerMinute: positiveInt(env('CURATOR_RATE_LIMIT_PER_MINUTE'), 100),
		idempotencyTtlMs: 24 * 60 * 60 * 1000,
		maxBodyBytes: 256 * 1024
	};
}

/** Whether tokens are checked at all (otherwise every caller is the local development user). */
export function authConfigured(config: CuratorConfig): boolean {
	return Boolean(config.curatorJwtSecret || config.supabaseUrl);
}

export function aiConfigured(config: CuratorConfig): boolean {
	return Boolean(config.openaiApiKey || config.openaiBaseUrl);
}
