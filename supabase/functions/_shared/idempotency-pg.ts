/**
 * Idempotency keys in Postgres (public.curator_idempotency_keys), shared by every instance:
 * `begin` is public.curator_idempotency_claim (curator_idempotency_begin plus the takeover of a
 * claim whose instance died, see the *_curator_stores migration), `complete` and `release` are
 * the migration's helpers. Keys expire 24 h after their claim; curator_purge_expired() removes
 * them (the Postgres rate limiter calls it now and then).
 * Errors propagate: Idempotency logs them and goes on without the store.
 */
import type { Begin, BeginOptions, KeyRef, ResultStore } from './idempotency.ts';
import { isUuid, type JSONValue, type PgPool } from './pg.ts';

function seconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000));
}

export class PgResultStore implements ResultStore {
	#pool: PgPool;

	constructor(pool: PgPool) {
		this.#pool = pool;
	}

	async begin(ref: KeyRef, fingerprint: string, options: BeginOptions): Promise<Begin> {
		if (!isUuid(ref.userId)) throw new Error('idempotency keys need a Supabase user id (uuid)');
		const rows = await this.#pool.run(
			(sql) =>
				sql`
				select public.curator_idempotency_claim(${ref.userId}::uuid, ${ref.key}, ${ref.route},
					${fingerprint}, ${seconds(options.leaseMs)}::int, ${seconds(options.ttlMs)}::int) as r`
		);
		const r = rows[0].r as { outcome: Begin['outcome']; response_body?: unknown };
		return r.outcome === 'completed'
			? { outcome: 'completed', value: r.response_body }
			: { outcome: r.outcome };
	}

	async complete(ref: KeyRef, value: unknown): Promise<void> {
		await this.#pool.run(
			(sql) =>
				sql`
				select public.curator_idempotency_complete(${ref.userId}::uuid, ${ref.key}, 200,
					${sql.json(value as JSONValue)})`
		);
	}

	async release(ref: KeyRef): Promise<void> {
		await this.#pool.run(
			(sql) => sql`select public.curator_idempotency_release(${ref.userId}::uuid, ${ref.key})`
		);
	}
}
