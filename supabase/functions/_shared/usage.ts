/**
 * Usage log: one row per upstream model call, for cost and reliability tracking.
 * Rows never contain prompt or answer text (the listener's data stays out of logs).
 * Without SUPABASE_DB_URL rows go to stdout as JSON lines; a Postgres sink can implement the
 * same interface once the usage table exists.
 */

export type UsageOutcome = 'ok' | 'invalid' | 'upstream_error' | 'timeout' | 'aborted';

export interface UsageRow {
	userId: string;
	route: string;
	model: string;
	tokensIn: number;
	tokensOut: number;
	latencyMs: number;
	outcome: UsageOutcome;
	/** Upstream HTTP status when the call failed there. */
	status?: number;
	stream: boolean;
	at: string;
}

export interface UsageLog {
	record(row: UsageRow): void;
}

export class StdoutUsageLog implements UsageLog {
	record(row: UsageRow): void {
		console.log(JSON.stringify({ type: 'curator_usage', ...row }));
	}
}

/** Keeps rows in memory (tests, and a quick look during development). */
export class MemoryUsageLog implements UsageLog {
	readonly rows: UsageRow[] = [];
	record(row: UsageRow): void {
		this.rows.push(row);
	}
}
