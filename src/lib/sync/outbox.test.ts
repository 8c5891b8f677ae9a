import { beforeEach, describe, expect, it } from 'vitest';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import { putRows } from '$lib/db/write';
import type { JourneyRow } from '$lib/domain/types';
import {
	applyResults,
	discardRejected,
	prepareBatch,
	retryRejected,
	summarise,
	toPushOps
} from './outbox';

let d: CartographerDB;
beforeEach(() => {
	d = new CartographerDB(`test-${crypto.randomUUID()}`);
	useDatabase(d);
});

const journey = (id: string, round = 1): JourneyRow => ({
	id,
	createdAt: 1,
	updatedAt: 1,
	artists: [],
	source: 'typed',
	round
});

describe('the outbox', () => {
	it('collapses entries for one row into one op carrying the current row', async () => {
		await putRows([{ table: 'journeys', row: journey('a') }]);
		await putRows([{ table: 'journeys', row: journey('b') }]);
		await putRows([{ table: 'journeys', row: journey('a', 2) }]);
		const ops = await prepareBatch(d);
		expect(ops.map((o) => o.rowId)).toEqual(['a', 'b']);
		expect(ops[0].row).toMatchObject({ id: 'a', round: 2 });
		expect(toPushOps(ops)[0]).toMatchObject({ table: 'journeys', row: { id: 'a' } });
		expect(await summarise(d)).toEqual({ unsynced: 2, rejected: [] });
	});

	it('keeps op ids stable across retries and reloads; a newer write gets a new one', async () => {
		await putRows([{ table: 'journeys', row: journey('a') }]);
		const first = await prepareBatch(d);
		const reopened = new CartographerDB(d.name);
		expect((await prepareBatch(reopened)).map((o) => o.opId)).toEqual(first.map((o) => o.opId));
		await putRows([{ table: 'journeys', row: journey('a', 2) }]);
		const next = await prepareBatch(d);
		expect(next[0].opId).not.toBe(first[0].opId);
	});

	it('batches at most the limit of rows', async () => {
		await putRows(
			Array.from({ length: 12 }, (_, i) => ({ table: 'journeys' as const, row: journey(`s${i}`) }))
		);
		expect(await prepareBatch(d, 5)).toHaveLength(5);
		const all = await prepareBatch(d);
		expect(all).toHaveLength(12);
	});

	it('removes applied ops, keeps only changes made after the push', async () => {
		await putRows([{ table: 'journeys', row: journey('a') }]);
		const ops = await prepareBatch(d);
		await putRows([{ table: 'journeys', row: journey('a', 2) }]); // written while in flight
		await applyResults(d, ops, [{ op_id: ops[0].opId, status: 'applied', rev: 1 }]);
		expect((await summarise(d)).unsynced).toBe(1);
		const again = await prepareBatch(d);
		expect(again[0].row).toMatchObject({ round: 2 });
	});

	it('keeps rejected ops with their reason, skips them, and lets the listener retry or discard', async () => {
		await putRows([
			{ table: 'journeys', row: journey('bad') },
			{ table: 'journeys', row: journey('good') }
		]);
		const ops = await prepareBatch(d);
		const counts = await applyResults(d, ops, [
			{ op_id: ops[0].opId, status: 'rejected', reason: 'invalid_value', detail: 'round' },
			{ op_id: ops[1].opId, status: 'duplicate', rev: 4 }
		]);
		expect(counts).toEqual({ applied: 0, duplicate: 1, rejected: 1 });
		const summary = await summarise(d);
		expect(summary.unsynced).toBe(0);
		expect(summary.rejected).toMatchObject([
			{ rowId: 'bad', reason: 'invalid_value', detail: 'round' }
		]);
		expect(await prepareBatch(d)).toEqual([]);

		await retryRejected(d, summary.rejected[0].seq);
		const retried = await prepareBatch(d);
		expect(retried.map((o) => o.opId)).toEqual([ops[0].opId]); // same op id
		await applyResults(d, retried, [
			{ op_id: ops[0].opId, status: 'rejected', reason: 'invalid_value' }
		]);
		await discardRejected(d, (await summarise(d)).rejected[0].seq);
		expect(await summarise(d)).toEqual({ unsynced: 0, rejected: [] });
		expect(await d.journeys.get('bad')).toBeDefined(); // the row itself stays
	});

	it('marks an entry whose row is gone as rejected (missing_row) instead of dropping it', async () => {
		await putRows([{ table: 'journeys', row: journey('gone') }]);
		await d.journeys.delete('gone');
		expect(await prepareBatch(d)).toEqual([]);
		expect((await summarise(d)).rejected).toMatchObject([{ rowId: 'gone', reason: 'missing_row' }]);
	});

	it('leaves unanswered ops pending', async () => {
		await putRows([{ table: 'journeys', row: journey('a') }]);
		const ops = await prepareBatch(d);
		await applyResults(d, ops, []);
		expect((await summarise(d)).unsynced).toBe(1);
	});
});
