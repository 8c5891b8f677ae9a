import { describe, expect, it } from 'vitest';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import { putRows } from '$lib/db/write';
import type { JourneyRow } from '$lib/domain/types';
import { KEYS, SyncEngine, type SyncSession, type SyncStatusValue } from './engine';
import { settleDeletedAccount } from './sync-pass';
import type { PushOp } from './outbox';
import type { SyncTransport } from './transport';

const journey = (id: string): JourneyRow => ({
	id,
	createdAt: 1,
	updatedAt: 1,
	artists: [],
	source: 'typed',
	round: 1
});

/** A device signed in to an account that another device deleted: Auth says user_not_found. */
function deviceOfDeletedAccount() {
	const d = new CartographerDB(`deleted-${crypto.randomUUID()}`);
	const calls: string[] = [];
	const pushed: PushOp[][] = [];
	const transport: SyncTransport = {
		async push(ops) {
			pushed.push(ops);
			return ops.map((o) => ({ op_id: o.op_id, status: 'applied' as const, rev: 1 }));
		},
		async pull(since) {
			calls.push('pull');
			return { rows: [], next: since, more: false };
		}
	};
	let signedIn: SyncSession | null = {
		user: { userId: 'u1', email: 'u1@example.test' },
		transport
	};
	const engine = new SyncEngine({
		db: () => d,
		session: async () => signedIn,
		accountDeleted: async () => {
			calls.push('ask-auth');
			return true;
		},
		onAccountDeleted: async () => {
			signedIn = null; // as supabase-js does on signOut
		}
	});
	const status = async () =>
		(await d.syncState.get(KEYS.status))?.value as SyncStatusValue | undefined;
	return { d, engine, calls, pushed, status };
}

describe('an account deleted on another device', () => {
	it('the next pass pushes nothing, signs out, keeps the journeys, and stops asking', async () => {
		const { d, engine, calls, pushed, status } = deviceOfDeletedAccount();
		useDatabase(d);
		await putRows([{ table: 'journeys', row: journey('j1') }]);

		await engine.run();
		expect(pushed).toEqual([]);
		expect((await status())?.phase).toBe('account_deleted');
		expect(await d.journeys.count()).toBe(1);
		expect(await d.outbox.count()).toBe(1);

		// Signed out now: later passes neither ask Auth again nor replace the notice.
		await engine.run();
		await engine.run();
		expect(calls).toEqual(['ask-auth']);
		expect((await status())?.phase).toBe('account_deleted');
	});
});

describe('deleting the account on this device', () => {
	it('keeps or erases the local copy as the listener chose, and says which', async () => {
		const kept = new CartographerDB(`kept-${crypto.randomUUID()}`);
		useDatabase(kept);
		await putRows([{ table: 'journeys', row: journey('j1') }]);
		await settleDeletedAccount(kept, false);
		expect(await kept.journeys.count()).toBe(1);
		const keptStatus = (await kept.syncState.get(KEYS.status))?.value as SyncStatusValue;
		expect(keptStatus.phase).toBe('account_deleted');
		expect(keptStatus.message).toMatch(/kept on this device/);

		const erased = new CartographerDB(`erased-${crypto.randomUUID()}`);
		useDatabase(erased);
		await putRows([{ table: 'journeys', row: journey('j1') }]);
		await settleDeletedAccount(erased, true);
		expect(await erased.journeys.count()).toBe(0);
		expect(await erased.outbox.count()).toBe(0);
		const erasedStatus = (await erased.syncState.get(KEYS.status))?.value as SyncStatusValue;
		expect(erasedStatus.message).toMatch(/erased from this device/);
	});
});
