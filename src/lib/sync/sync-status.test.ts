import { describe, expect, it } from 'vitest';
import { describeRejected, SyncStatus } from './sync-status.svelte';

describe('sync status in the listener’s words', () => {
	it('explains each state', () => {
		const s = new SyncStatus();
		expect(s.message).toMatch(/this device only/);
		s.user = { id: 'u1', email: 'a@example.test', anonymous: false };
		s.owner = { userId: 'u1', email: 'a@example.test' };
		expect(s.message).toBe('Everything is synced.');
		s.unsynced = 3;
		expect(s.message).toBe('3 changes waiting to sync.');
		s.status = { phase: 'error', reason: 'offline', at: 1 };
		expect(s.message).toMatch(/Offline/);
		s.status = { phase: 'error', reason: 'unauthorized', at: 1 };
		expect(s.message).toMatch(/sign-in has expired.*nothing on this device is lost/i);
		s.owner = { userId: 'u0', email: 'old@example.test' };
		expect(s.otherOwner?.email).toBe('old@example.test');
		expect(s.message).toMatch(/another account \(old@example.test\)/);
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
			describeRejected({ seq: 1, table: 'messages', rowId: 'x', reason: 'something_new', at: 1 })
				.why
		).toBe('something_new');
	});
});
