// Local Supabase stand-in (scripts/standin): data survives a restart on the same data folder,
// and the migrations are applied once. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor } from './helpers.mjs';

test('stop and restart on the same data folder: users and rows are still there', async () => {
	const dataDir = await mkdtemp(join(tmpdir(), 'standin-'));
	try {
		const rowId = randomUUID();
		let s = await startStandin({ port: 0, dataDir, quiet: true });
		let refresh;
		try {
			const c = clientFor(s);
			const { data } = await c.auth.signUp({ email: 'keep@example.test', password: 'secret-1' });
			refresh = data.session?.refresh_token;
			const push = await c.rpc('sync_push', {
				ops: [{ op_id: randomUUID(), table: 'journeys', row: { id: rowId, source: 'manual' } }]
			});
			assert.equal(push.data[0].status, 'applied');
		} finally {
			await s.stop();
		}

		// The second boot issues 1-second access tokens: one expires, is refused, and is refreshed.
		s = await startStandin({ port: 0, dataDir, quiet: true, jwtExp: 1 });
		try {
			const c = clientFor(s);
			const inn = await c.auth.signInWithPassword({
				email: 'keep@example.test',
				password: 'secret-1'
			});
			assert.equal(inn.error, null);
			const pull = await c.rpc('sync_pull', { since: 0 });
			assert.deepEqual(
				pull.data.rows.map((/** @type {any} */ r) => r.row.id),
				[rowId]
			);
			const r = await clientFor(s).auth.refreshSession({
				refresh_token: /** @type {string} */ (refresh)
			});
			assert.equal(r.error, null, 'a refresh token from before the restart still works');

			const before = /** @type {string} */ ((await c.auth.getSession()).data.session?.access_token);
			await new Promise((resolve) => setTimeout(resolve, 1500));
			const raw = await fetch(`${s.url}/rest/v1/rpc/sync_pull`, {
				method: 'POST',
				headers: {
					apikey: s.anonKey,
					authorization: `Bearer ${before}`,
					'content-type': 'application/json'
				},
				body: '{"since":0}'
			});
			assert.equal(raw.status, 401);
			assert.deepEqual(await raw.json(), {
				code: 'PGRST301',
				details: null,
				hint: null,
				message: 'JWT expired'
			});
			// supabase-js notices the expired session and refreshes it before the call.
			const pulled = await c.rpc('sync_pull', { since: 0 });
			assert.equal(pulled.status, 200);
			assert.notEqual((await c.auth.getSession()).data.session?.access_token, before);
		} finally {
			await s.stop();
		}
	} finally {
		await rm(dataDir, { recursive: true, force: true });
	}
});
