/**
 * Usage rows in Postgres (public.curator_usage): one row per upstream call with user, route,
 * model, tokens in/out, latency, outcome, whether it streamed and the upstream status —
 * never prompt or answer text (UsageRow carries none).
 *
 * Writing a row never delays or fails the listener's request: the insert runs in the
 * background (handed to EdgeRuntime.waitUntil on a hosted instance, see background.ts), and a row the database refuses or cannot take (down, unknown user) is logged
 * and written to the fallback log (stdout) instead. `flush()` waits for pending inserts.
 */
import { inBackground } from './background.ts';
import { describePgError, isUuid, type PgPool } from './pg.ts';
import type { UsageLog, UsageRow } from './usage.ts';

export class PgUsageLog implements UsageLog {
	#pool: PgPool;
	#fallback: UsageLog;
	#log: (line: string) => void;
	#pending = new Set<Promise<void>>();

	constructor(pool: PgPool, options: { fallback: UsageLog; log?: (line: string) => void }) {
		this.#pool = pool;
		this.#fallback = options.fallback;
		this.#log = options.log ?? console.warn;
	}

	record(row: UsageRow): void {
		if (!isUuid(row.userId)) {
			this.#fallback.record(row);
			return;
		}
		const count = (n: number) => Math.max(0, Math.round(Number(n) || 0));
		const status = row.status && row.status >= 100 && row.status <= 599 ? row.status : null;
		const insert = this.#pool
			.run(
				(sql) =>
					sql`
					insert into public.curator_usage
						(user_id, route, model, tokens_in, tokens_out, latency_ms, outcome, stream, upstream_status)
					values (${row.userId}::uuid, ${row.route.slice(0, 64)}, ${row.model.slice(0, 128)},
						${count(row.tokensIn)}::int, ${count(row.tokensOut)}::int, ${count(row.latencyMs)}::int,
						${row.outcome}, ${row.stream}::boolean, ${status}::int)`
			)
			.then(
				() => {},
				(error) => {
					this.#log(`[curator] usage row not stored (${describePgError(error)}); logged instead`);
					this.#fallback.record(row);
				}
			)
			.finally(() => this.#pending.delete(insert));
		this.#pending.add(insert);
		inBackground(insert, 'storing a usage row', this.#log);
	}

	/** Resolves once every row recorded so far is stored (or logged). */
	async flush(): Promise<void> {
		await Promise.all([...this.#pending]);
	}
}
