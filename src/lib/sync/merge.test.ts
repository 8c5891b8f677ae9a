import { beforeEach, describe, expect, it } from 'vitest';
import { CartographerDB } from '$lib/db/schema';
import { applyPulled, mergeFeedback, mergeRow } from './merge';
import { toServer } from './mapping';
import { tick } from '$lib/clock/hlc';

const c = (ms: number, node = 'n1', counter = 0) =>
	`${ms}:${String(counter).padStart(4, '0')}:${node}`;

const base = {
	id: 'f1',
	journeyId: 's',
	setId: 'set',
	albumKey: '1-0',
	round: 1,
	title: 'T',
	artist: 'A',
	year: '1999',
	listened: false,
	createdAt: 1,
	updatedAt: 1
};

describe('album feedback merge (per field, by clock)', () => {
	it('keeps the later edit of each field, whatever the order of arrival', () => {
		const phone = {
			...base,
			rating: 2,
			listened: true,
			fieldClocks: { rating: c(2000), listened: c(2000) }
		};
		const laptop = {
			...base,
			rating: 5,
			rationale: 'brass',
			fieldClocks: { rating: c(3000, 'n2'), rationale: c(1000, 'n2') }
		};
		const ab = mergeFeedback(phone, laptop);
		const ba = mergeFeedback(laptop, phone);
		expect(ab).toEqual(ba);
		expect(ab).toMatchObject({ rating: 5, rationale: 'brass', listened: true });
		expect(ab.fieldClocks).toEqual({
			rating: c(3000, 'n2'),
			rationale: c(1000, 'n2'),
			listened: c(2000)
		});
	});

	it('a cleared field with a newer clock wins', () => {
		const local = { ...base, rating: 4, fieldClocks: { rating: c(1000) } };
		const incoming = { ...base, fieldClocks: { rating: c(2000) } };
		expect(mergeFeedback(local, incoming).rating).toBeUndefined();
	});

	it('a field with no clock on either side keeps the local value', () => {
		const local = { ...base, title: 'Mine', fieldClocks: {} };
		const incoming = { ...base, title: 'Theirs', fieldClocks: {} };
		expect(mergeFeedback(local, incoming).title).toBe('Mine');
	});

	it('ties in time break by node id, the same way as the server', () => {
		const x = { ...base, rating: 1, fieldClocks: { rating: c(1000, 'aaa') } };
		const y = { ...base, rating: 3, fieldClocks: { rating: c(1000, 'bbb') } };
		expect(mergeFeedback(x, y).rating).toBe(3);
		expect(mergeFeedback(y, x).rating).toBe(3);
	});

	it('is idempotent: merging a row with itself changes nothing', () => {
		const row = { ...base, rating: 4, fieldClocks: { rating: c(1000) } };
		expect(mergeRow('albumFeedback', row, { ...row }, false)).toBeUndefined();
	});
});

describe('other tables', () => {
	const msg = {
		id: 'm',
		conversationId: 'c',
		journeyId: 's',
		seq: 1,
		role: 'user',
		content: 'hi',
		createdAt: 1
	};

	it('messages, portraits and sets never change once written; a soft delete sticks', () => {
		expect(mergeRow('messages', msg, { ...msg, content: 'edited' }, false)).toBeUndefined();
		expect(mergeRow('messages', msg, { ...msg, deletedAt: 5 }, false)).toEqual({
			...msg,
			deletedAt: 5
		});
		expect(mergeRow('portraits', undefined, { id: 'p' }, false)).toEqual({ id: 'p' });
	});

	it('last writer wins by row, unless the device has a pending change of that row', () => {
		const local = { id: 's', round: 1, updatedAt: 1 };
		const server = { id: 's', round: 2, updatedAt: 9 };
		expect(mergeRow('journeys', local, server, false)).toEqual(server);
		expect(mergeRow('journeys', local, server, true)).toBeUndefined();
		// An echo that differs only in the server's updated_at is skipped.
		expect(mergeRow('journeys', local, { ...local, updatedAt: 99 }, false)).toBeUndefined();
	});

	it('a pulled delete of a journey wins even over a pending local change (tombstones stick)', () => {
		const local = { id: 's', round: 3, updatedAt: 1 };
		const deleted = { id: 's', round: 2, updatedAt: 9, deletedAt: 8 };
		expect(mergeRow('journeys', local, deleted, true)).toEqual({ ...local, deletedAt: 8 });
		expect(mergeRow('analyses', { id: 'a' }, { id: 'a', deletedAt: 8 }, true)).toEqual({
			id: 'a',
			deletedAt: 8
		});
	});
});

describe('applyPulled', () => {
	let d: CartographerDB;
	beforeEach(() => {
		d = new CartographerDB(`test-${crypto.randomUUID()}`);
	});

	it('stores server rows, skips unknown tables, and moves the clock past pulled clocks', async () => {
		const future = c(1999999999999, 'far');
		const feedback = {
			...toServer('albumFeedback', {
				...base,
				id: crypto.randomUUID(),
				rating: 3,
				fieldClocks: { rating: future }
			}),
			user_id: 'u',
			rev: 3,
			updated_at: '2026-11-21T22:00:00.000Z'
		};
		const all = [
			d.albumFeedback,
			d.journeys,
			d.portraits,
			d.conversations,
			d.messages,
			d.recommendationSets,
			d.analyses,
			d.outbox,
			d.syncState
		];
		const result = await d.transaction('rw', all, () =>
			applyPulled(d, [
				{ table: 'album_feedback', row: feedback },
				{ table: 'mystery', row: { id: 'x' } }
			])
		);
		expect(result).toEqual({ changed: 1, unknownTables: ['mystery'] });
		const stored = await d.albumFeedback.get(feedback.id as string);
		expect(stored?.rating).toBe(3);
		expect(stored?.updatedAt).toBe(Date.parse('2026-11-21T22:00:00.000Z'));
		expect(await d.transaction('rw', d.syncState, () => tick(d))).toMatch(/^1999999999999:0002:/);
	});

	it('keeps a local journey with a pending outbox entry', async () => {
		await d.journeys.put({
			id: 's1',
			createdAt: 1,
			updatedAt: 1,
			artists: [],
			source: 'typed',
			round: 3
		});
		await d.outbox.add({ table: 'journeys', rowId: 's1', op: 'put', at: 1 });
		const all = [
			d.albumFeedback,
			d.journeys,
			d.portraits,
			d.conversations,
			d.messages,
			d.recommendationSets,
			d.analyses,
			d.outbox,
			d.syncState
		];
		await d.transaction('rw', all, () =>
			applyPulled(d, [
				{
					table: 'journeys',
					row: { id: 's1', round: 1, artists: [], source: 'typed', created_at: 1, updated_at: 2 }
				}
			])
		);
		expect((await d.journeys.get('s1'))?.round).toBe(3);
	});
});
