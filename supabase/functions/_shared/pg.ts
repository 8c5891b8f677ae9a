/**
 * The curator's own small Postgres pool (SUPABASE_DB_URL), for rate limits, idempotency keys
 * and usage rows — the function's only database work, all through the SQL helpers in
 * supabase/migrations/*_curator_*.sql.
 *
 * - Lazy: nothing connects until the first query, so an instance that only answers
 *   preflights or 401s never opens a connection.
 * - Small and short: a few connections, a 2 s statement timeout and a 3 s connect timeout,
 *   so a slow database costs a request seconds, not its whole budget.
 * - A breaker: after a connection-level failure the pool reports itself down for a few
 *   seconds (`PgUnavailable`), and callers fall back at once instead of each waiting for the
 *   connect timeout again.
 * - No prepared statements, so it also works through a transaction-mode pooler (Supavisor).
 */
import postgres from 'postgres';

export type Sql = postgres.Sql;
export type JSONValue = postgres.JSONValue;

export interface PgOptions {
	/** Connections per instance (default 4). */
	max?: number;
	statementTimeoutMs?: number;
	connectTimeoutS?: number;
	/** How long the pool stays "down" after a connection failure (default 5000 ms). */
	cooldownMs?: number;
}

/** Thrown instead of querying while the breaker is open. */
export class PgUnavailable extends Error {
	constructor(cause?: unknown) {
		super('the curator database is unavailable', { cause });
		this.name = 'PgUnavailable';
	}
}

/** SQLSTATE classes that say "the connection or server", not "this statement". */
function isConnectionFailure(error: unknown): boolean {
	const code = (error as { code?: unknown })?.code;
	// A SQLSTATE from the server: only connection exceptions, resource limits and shutdowns.
	if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
		return /^(08|53|57P0[1-3])/.test(code);
	}
	return true; // socket errors, CONNECT_TIMEOUT, CONNECTION_CLOSED… from the client
}

export class PgPool {
	#url: string;
	#options: PgOptions;
	#sql?: Sql;
	#downUntil = 0;

	constructor(url: string, options: PgOptions = {}) {
		this.#url = url;
		this.#options = options;
	}

	#client(): Sql {
		this.#sql ??= postgres(this.#url, {
			max: this.#options.max ?? 4,
			idle_timeout: 30,
			connect_timeout: this.#options.connectTimeoutS ?? 3,
			prepare: false,
			fetch_types: false,
			onnotice: () => {},
			connection: {
				application_name: 'curator',
				statement_timeout: this.#options.statementTimeoutMs ?? 2000
			}
		});
		return this.#sql;
	}

	/** Runs `fn` with the pool; fails fast with PgUnavailable while the breaker is open. */
	async run<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
		if (Date.now() < this.#downUntil) throw new PgUnavailable();
		try {
			return await fn(this.#client());
		} catch (error) {
			if (isConnectionFailure(error)) {
				this.#downUntil = Date.now() + (this.#options.cooldownMs ?? 5000);
			}
			throw error;
		}
	}

	/** Closes every connection (tests, shutdown). */
	async end(): Promise<void> {
		const sql = this.#sql;
		this.#sql = undefined;
		await sql?.end({ timeout: 1 });
	}
}

/** A Supabase user id: auth.users.id is a uuid, so anything else cannot be a row's user. */
export function isUuid(value: string): boolean {
	return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A short description of a database error for the log (never a query's parameters). */
export function describePgError(error: unknown): string {
	const e = error as { code?: string; message?: string };
	return e?.code ? `${e.code} ${e.message ?? ''}`.trim() : String(e?.message ?? error);
}
