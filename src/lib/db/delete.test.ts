import { beforeEach, describe, expect, it } from 'vitest';
import { sampleAlbums, samplePortrait } from '../../../tests/unit/samples';
import { CartographerDB, db, useDatabase } from './schema';
import {
	appendMessage,
	createJourney,
	listJourneys,
	loadJourney,
	saveRecommendations,
	savePortrait,
	setFeedback
} from './journeys';
import {
	clearFeedback,
	deleteJourney,
	pendingDelete,
	settleOverdueDelete,
	settlePendingDelete,
	undoDelete,
	UNDO_WINDOW_MS
} from './delete';

beforeEach(() => {
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

/** A journey with a portrait, two messages, five albums and one rated album. */
async function makeJourney() {
	const id = await createJourney([{ name: 'Radiohead' }, { name: 'Björk' }]);
	await savePortrait(id, samplePortrait);
	let j = (await loadJourney(id))!;
	await appendMessage(j.conversations[0], 'assistant', 'Question 1?', { questionNumber: 1 });
	await appendMessage(j.conversations[0], 'user', 'Long moody records');
	await saveRecommendations(j.conversations[0], 1, sampleAlbums);
	j = (await loadJourney(id))!;
	await setFeedback(j.sets[0], j.sets[0].albums[0].key, {
		rating: 5,
		rationale: 'The strings',
		resonantElement: 'The drums'
	});
	return id;
}

async function snapshot() {
	const d = db();
	const out: Record<string, unknown[]> = {};
	for (const t of [
		'journeys',
		'portraits',
		'conversations',
		'messages',
		'recommendationSets',
		'albumFeedback',
		'analyses'
	]) {
		out[t] = await d.table(t).orderBy('id').toArray();
	}
	return out;
}

async function outboxRows() {
	return (await db().outbox.toArray()).map((e) => `${e.table}:${e.rowId}`);
}

describe('deleting a journey', () => {
	it('hides it at once and undo restores every row and queued change exactly', async () => {
		const id = await makeJourney();
		const keep = await makeJourney();
		const before = await snapshot();
		const queued = await outboxRows();

		const p = await deleteJourney(id);
		expect(p?.rows.length).toBe(7); // journey, portrait, conversation, 2 messages, set, feedback
		expect(await loadJourney(id)).toBeUndefined();
		expect((await listJourneys()).map((j) => j.row.id)).toEqual([keep]);
		// Nothing of the deleted journey can be pushed while undo is offered.
		expect((await outboxRows()).filter((r) => p!.rows.some((x) => r.endsWith(x.id)))).toEqual([]);

		expect(await undoDelete(p!.id)).toBe(true);
		expect(await snapshot()).toEqual(before);
		expect((await outboxRows()).sort()).toEqual([...queued].sort());
		expect(await pendingDelete()).toBeUndefined();
	});

	it('once settled, every row is a tombstone with an outbox entry, and undo is refused', async () => {
		const id = await makeJourney();
		const p = (await deleteJourney(id))!;
		await settlePendingDelete();
		expect(await undoDelete(p.id)).toBe(false);
		const d = db();
		for (const { table, id: rowId } of p.rows) {
			const row = (await d.table(table).get(rowId)) as { deletedAt?: number };
			expect(row.deletedAt).toBe(p.at);
			expect(await d.outbox.where('[table+rowId]').equals([table, rowId]).count()).toBeGreaterThan(
				0
			);
		}
		expect(await loadJourney(id)).toBeUndefined();
		// Feedback merges deleted_at by clock on the server: its tombstone carries one.
		const fb = p.rows.find((r) => r.table === 'albumFeedback')!;
		const stored = (await d.albumFeedback.get(fb.id))!;
		expect((stored.fieldClocks?.deleted_at ?? '') > (fb.before!.fieldClocks?.rating ?? '')).toBe(
			true
		);
	});

	it('the next delete settles the previous one; an overdue delete settles on its own', async () => {
		const a = await makeJourney();
		const b = await makeJourney();
		const first = (await deleteJourney(a))!;
		const second = (await deleteJourney(b))!;
		expect(await undoDelete(first.id)).toBe(false);
		await settleOverdueDelete(db(), second.at + 10);
		expect((await pendingDelete())?.id).toBe(second.id);
		await settleOverdueDelete(db(), second.at + UNDO_WINDOW_MS);
		expect(await pendingDelete()).toBeUndefined();
		expect(await listJourneys()).toEqual([]);
	});
});

describe('removing one rating', () => {
	it('clears rating and answers with newer clocks, and undo puts them back', async () => {
		const id = await makeJourney();
		const j = (await loadJourney(id))!;
		const fb = j.feedback[0];
		const p = (await clearFeedback(j.sets[0], fb.albumKey))!;
		const cleared = (await loadJourney(id))!.feedback[0];
		expect(cleared.rating).toBeUndefined();
		expect(cleared.rationale).toBeUndefined();
		expect(cleared.resonantElement).toBeUndefined();
		expect(cleared.listened).toBe(false);
		const clocks = (await db().albumFeedback.get(fb.id))!.fieldClocks!;
		const old = (p.rows[0].before as typeof cleared & { fieldClocks: Record<string, string> })
			.fieldClocks;
		expect(clocks.rating > old.rating).toBe(true);

		expect(await undoDelete(p.id)).toBe(true);
		expect((await loadJourney(id))!.feedback[0]).toEqual(fb);
	});

	it('after settling, the album can be rated again', async () => {
		const id = await makeJourney();
		const j = (await loadJourney(id))!;
		await clearFeedback(j.sets[0], j.feedback[0].albumKey);
		await settlePendingDelete();
		await setFeedback(j.sets[0], j.feedback[0].albumKey, { rating: 3 });
		expect((await loadJourney(id))!.feedback[0].rating).toBe(3);
	});
});
