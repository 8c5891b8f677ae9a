// The migration that renames sessions to journeys (supabase/migrations/*_journeys.sql), run on
// a database that already holds an account's rows, as a deployed project would: every row is
// still there under the new names, with the same revisions (so devices pull nothing new), and
// the ops the old sync_push logged still answer a retry. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { bootFiles } from '../../scripts/standin/db.mjs';

const RENAME = /^migrations\/\d+_journeys\.sql$/;

/** @param {PGlite} db @param {string} user @param {string} sql @param {unknown[]} [params] */
function asUser(db, user, sql, params = []) {
	return db.transaction(async (tx) => {
		await tx.query(`select set_config('request.jwt.claims', $1, true)`, [
			JSON.stringify({ sub: user, role: 'authenticated' })
		]);
		await tx.exec('set local role authenticated');
		return tx.query(sql, params);
	});
}

/** @param {PGlite} db @param {string} user @param {unknown[]} ops */
async function push(db, user, ops) {
	const r = await asUser(db, user, 'select public.sync_push($1::jsonb) as r', [
		JSON.stringify(ops)
	]);
	return /** @type {{ r: { status: string }[] }} */ (r.rows[0]).r;
}

test('renaming sessions to journeys keeps every row, revision and logged op of an account', async () => {
	const files = bootFiles();
	const at = files.findIndex(([name]) => RENAME.test(name));
	assert.ok(at > 0, 'the journeys migration is among the boot files');
	const db = new PGlite();
	try {
		for (const [, path] of files.slice(0, at)) await db.exec(readFileSync(path, 'utf8'));

		const user = randomUUID();
		await db.query(`insert into auth.users (id, email) values ($1, 'before@example.test')`, [user]);
		const journey = randomUUID();
		const setId = randomUUID();
		const clocks = { session_id: '1793527200000:0000:old', rating: '1793527205000:0001:old' };
		const opId = randomUUID();
		const ops = [
			{
				op_id: opId,
				table: 'sessions',
				row: { id: journey, artists: [{ name: 'Can' }], source: 'typed', round: 2 }
			},
			{
				op_id: randomUUID(),
				table: 'conversations',
				row: {
					id: randomUUID(),
					session_id: journey,
					round: 1,
					direction: 'initial',
					complete: true
				}
			},
			{
				op_id: randomUUID(),
				table: 'album_feedback',
				row: {
					id: randomUUID(),
					session_id: journey,
					set_id: setId,
					album_key: 'k1',
					round: 1,
					title: 'Tago Mago',
					artist: 'Can',
					rating: 5,
					field_clocks: clocks
				}
			}
		];
		assert.deepEqual(
			(await push(db, user, ops)).map((r) => r.status),
			['applied', 'applied', 'applied']
		);
		const before = await db.query(
			`select 'journeys' as t, id, rev, updated_at from public.sessions
			 union all select 'conversations', id, rev, updated_at from public.conversations
			 union all select 'album_feedback', id, rev, updated_at from public.album_feedback
			 order by rev`
		);

		for (const [, path] of files.slice(at)) await db.exec(readFileSync(path, 'utf8'));

		const after = await db.query(
			`select 'journeys' as t, id, rev, updated_at from public.journeys
			 union all select 'conversations', id, rev, updated_at from public.conversations
			 union all select 'album_feedback', id, rev, updated_at from public.album_feedback
			 order by rev`
		);
		assert.deepEqual(after.rows, before.rows, 'the same rows, revisions and times');
		const parts = await db.query(
			`select journey_id from public.conversations union all
			 select journey_id from public.album_feedback`
		);
		assert.deepEqual(
			parts.rows.map((r) => /** @type {{ journey_id: string }} */ (r).journey_id),
			[journey, journey]
		);
		const feedback = await db.query('select field_clocks from public.album_feedback');
		assert.deepEqual(/** @type {{ field_clocks: unknown }} */ (feedback.rows[0]).field_clocks, {
			journey_id: clocks.session_id,
			rating: clocks.rating
		});

		// The device that pushed them retries its first op: answered from the log.
		assert.equal((await push(db, user, [ops[0]]))[0].status, 'duplicate');
		// And pulls everything under the new names, at the revisions it already has.
		const pulled = await asUser(db, user, 'select public.sync_pull(0) as r');
		const rows = /** @type {{ r: { rows: { table: string, row: Record<string, unknown> }[] } }} */ (
			pulled.rows[0]
		).r.rows;
		assert.deepEqual(
			rows.map((r) => [r.table, r.row.id, r.row.rev]),
			before.rows.map((r) => {
				const { t, id, rev } = /** @type {{ t: string, id: string, rev: number }} */ (r);
				return [t, id, rev];
			})
		);
		assert.ok(rows.every((r) => !('session_id' in r.row)));
	} finally {
		await db.close();
	}
});
