import { describe, expect, it } from 'vitest';
import { CartographerDB } from '$lib/db/schema';
import type { SyncedTable } from '$lib/domain/types';
import { describeRejected, describeUnsynced, pendingRows, SyncStatus } from './sync-status.svelte';

describe('sync status in the listener’s words', () => {
	it('explains each state', () => {
		const s = new SyncStatus();
		expect(s.message).toMatch(/this device only/);
		s.user = { id: 'u1', email: 'a@example.test', anonymous: false };
		s.owner = { userId: 'u1', email: 'a@example.test' };
		expect(s.message).toBe('Everything is synced.');
		s.pending = { albumFeedback: 3, journeys: 1 };
		expect(s.message).toBe('3 ratings not yet on your account.');
		s.status = { phase: 'error', code: 'OFFLINE', at: 1 };
		expect(s.message).toMatch(/Offline/);
		s.status = { phase: 'error', code: 'UNAUTHORIZED', at: 1 };
		expect(s.message).toMatch(/sign-in has expired.*nothing on this device is lost/i);
		// What a build before the codes left in syncState reads the same.
		s.status = { phase: 'error', reason: 'offline', at: 1 };
		expect(s.message).toMatch(/Offline/);
		s.status = { phase: 'error', reason: 'user_changed', at: 1 };
		expect(s.message).toBe('Another account signed in. Syncing is paused.');
		s.owner = { userId: 'u0', email: 'old@example.test' };
		expect(s.otherOwner?.email).toBe('old@example.test');
		expect(s.message).toMatch(/another account \(old@example.test\)/);
	});

	it('counts what the listener made, not the rows behind it', () => {
		// Two journeys made before the account: journeys, portraits, conversations, recommendations…
		const twoJourneys = {
			journeys: 2,
			portraits: 2,
			conversations: 2,
			messages: 22,
			recommendationSets: 2,
			albumFeedback: 10,
			analyses: 2
		};
		expect(describeUnsynced(twoJourneys)).toBe('2 journeys and 10 ratings not yet on your account');
		// Rating an album also touches its journey's row: still just a rating.
		expect(describeUnsynced({ albumFeedback: 1, journeys: 1 })).toBe(
			'1 rating not yet on your account'
		);
		expect(describeUnsynced({ messages: 2, journeys: 1 })).toBe(
			'1 journey not yet on your account'
		);
		expect(describeUnsynced({ portraits: 1 })).toBe('1 journey not yet on your account');
		expect(describeUnsynced({ journeys: 3 })).toBe('3 journeys not yet on your account');
		expect(describeUnsynced({})).toBe('');
	});

	it('groups the outbox by row: five edits of one rating are one rating', async () => {
		const d = new CartographerDB(`test-${crypto.randomUUID()}`);
		const entry = (table: SyncedTable, rowId: string) => ({
			table,
			rowId,
			op: 'put' as const,
			at: 1
		});
		await d.outbox.bulkAdd([
			...Array.from({ length: 5 }, () => entry('albumFeedback', 'f1')),
			entry('albumFeedback', 'f2'),
			entry('journeys', 's1'),
			entry('journeys', 's1'),
			{ ...entry('albumFeedback', 'f3'), rejected: { reason: 'invalid_value', at: 1 } }
		]);
		const pending = await pendingRows(d);
		expect(pending).toEqual({ albumFeedback: 2, journeys: 1 });
		expect(describeUnsynced(pending)).toBe('2 ratings not yet on your account');
	});

	it('shows no count without an account, and what waits with one', () => {
		const s = new SyncStatus();
		s.pending = { journeys: 2, messages: 22, albumFeedback: 3 };
		expect(s.unsyncedWords).toBe('');
		s.user = { id: 'u1', anonymous: true };
		expect(s.unsyncedWords).toBe('');
		s.user = { id: 'u1', email: 'a@example.test', anonymous: false };
		expect(s.unsynced).toBe(5);
		expect(s.unsyncedWords).toBe('2 journeys and 3 ratings not yet on your account');
	});

	it('describes rejected changes', () => {
		expect(
			describeRejected({
				seq: 1,
				table: 'albumFeedback',
				rowId: 'x',
				reason: 'invalid_value',
				at: 1
			})
		).toEqual({
			what: 'an album rating or note',
			why: 'the server found a value it cannot store'
		});
		expect(
			describeRejected({ seq: 1, table: 'messages', rowId: 'x', reason: 'too_large', at: 1 })
		).toEqual({
			what: 'a message in a conversation',
			why: 'it is too long for the server to keep'
		});
		expect(
			describeRejected({ seq: 1, table: 'messages', rowId: 'x', reason: 'something_new', at: 1 })
				.why
		).toBe('something_new');
	});
});
