import { afterEach, describe, expect, it } from 'vitest';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import { putRows } from '$lib/db/write';
import type { JourneyRow } from '$lib/domain/types';
import { clearDeviceData, KEYS, SyncEngine, syncOnce } from './engine';
import type { PushOp } from './outbox';
import { SyncError, type SyncTransport } from './transport';

/** A minimal exclusive Web Locks manager: requests for one name run one after another. */
class FakeLocks {
	private tails = new Map<string, Promise<unknown>>();
	request(
		name: string,
		options: { signal?: AbortSignal },
		cb: (lock: { name: string }) => Promise<unknown>
	): Promise<unknown> {
		const prev = this.tails.get(name) ?? Promise.resolve();
		const p = prev.then(() => {
			if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
			return cb({ name });
		});
		this.tails.set(
			name,
			p.catch(() => undefined)
		);
		return p;
	}
}

/** An in-memory server: applies every op, pulls nothing. Counts pushes per caller. */
function fakeServer() {
	const pushed: PushOp[][] = [];
	const transport: SyncTransport = {
		async push(ops) {
			pushed.push(ops);
			return ops.map((o) => ({ op_id: o.op_id, status: 'applied' as const, rev: 1 }));
		},
		async pull(since) {
			return { rows: [], next: since, more: false };
		}
	};
	return { pushed, transport };
}

const user = { userId: 'u1', email: 'u1@example.test' };
const journey = (id: string): JourneyRow => ({
	id,
	createdAt: 1,
	updatedAt: 1,
	artists: [],
	source: 'typed',
	round: 1
});
const settle = () => new Promise((r) => setTimeout(r, 30));

const stops: (() => void)[] = [];
afterEach(() => {
	for (const s of stops.splice(0)) s();
});

describe('one syncing tab', () => {
	it('only the tab holding the lock pushes; closing it hands over to the other', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const tab1 = new CartographerDB(name);
		const tab2 = new CartographerDB(name);
		const locks = new FakeLocks() as unknown as LockManager;
		const s1 = fakeServer();
		const s2 = fakeServer();
		const e1 = new SyncEngine({
			db: () => tab1,
			session: async () => ({ user, transport: s1.transport }),
			locks,
			debounceMs: 0,
			intervalMs: 1e9
		});
		const e2 = new SyncEngine({
			db: () => tab2,
			session: async () => ({ user, transport: s2.transport }),
			locks,
			debounceMs: 0,
			intervalMs: 1e9
		});
		stops.push(e1.start(), e2.start());
		await settle();
		expect(e1.isLeader).toBe(true);
		expect(e2.isLeader).toBe(false);

		// A write in the other tab still reaches the leader (outbox watched with liveQuery).
		useDatabase(tab2);
		await putRows([{ table: 'journeys', row: journey('a') }]);
		await settle();
		await e1.run();
		expect(s1.pushed.flat().map((o) => o.row.id)).toEqual(['a']);
		expect(s2.pushed).toEqual([]);

		e1.stop();
		await settle();
		expect(e2.isLeader).toBe(true);
		await putRows([{ table: 'journeys', row: journey('b') }]);
		await settle();
		await e2.run();
		expect(s2.pushed.flat().map((o) => o.row.id)).toEqual(['b']);
	});

	it('without Web Locks, a lease in syncState keeps passes from overlapping', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const d = new CartographerDB(name);
		await d.syncState.put({
			key: KEYS.lease,
			value: { tab: 'someone-else', until: Date.now() + 60_000 }
		});
		const s = fakeServer();
		useDatabase(d);
		await putRows([{ table: 'journeys', row: journey('a') }]);
		const e = new SyncEngine({
			db: () => d,
			session: async () => ({ user, transport: s.transport }),
			intervalMs: 1e9
		});
		await e.run(); // not started: runs a pass directly, but the lease is taken
		expect(s.pushed).toEqual([]);
		await d.syncState.delete(KEYS.lease);
		await e.run();
		expect(s.pushed).toHaveLength(1);
	});
});

describe('failures never touch local data', () => {
	it('an expired sign-in or a network error leaves rows and outbox as they were', async () => {
		const d = new CartographerDB(`test-${crypto.randomUUID()}`);
		useDatabase(d);
		await putRows([{ table: 'journeys', row: journey('a') }]);
		const failing: SyncTransport = {
			push: async () => {
				throw new SyncError('UNAUTHORIZED', 'JWT expired');
			},
			pull: async () => {
				throw new SyncError('OFFLINE', 'fetch failed');
			}
		};
		const e = new SyncEngine({
			db: () => d,
			session: async () => ({ user, transport: failing }),
			intervalMs: 1e9
		});
		await e.run();
		e.stop();
		expect(await d.journeys.count()).toBe(1);
		expect(await d.outbox.count()).toBe(1);
		expect((await d.syncState.get(KEYS.status))?.value).toMatchObject({
			phase: 'error',
			code: 'UNAUTHORIZED'
		});
	});

	it('signed out: no pass, status says so', async () => {
		const d = new CartographerDB(`test-${crypto.randomUUID()}`);
		const e = new SyncEngine({ db: () => d, session: async () => null, intervalMs: 1e9 });
		await e.run();
		expect((await d.syncState.get(KEYS.status))?.value).toMatchObject({ phase: 'signed_out' });
	});

	it('clearing the device is explicit and keeps imports and the MusicBrainz caches', async () => {
		const d = new CartographerDB(`test-${crypto.randomUUID()}`);
		useDatabase(d);
		await putRows([{ table: 'journeys', row: journey('a') }]);
		await d.imports.put({
			id: 'i',
			createdAt: 1,
			files: [],
			warnings: [],
			artists: [],
			chosen: []
		});
		await d.catalogCache.put({ key: 'k', checkedAt: 1, value: {} });
		await d.artistFacts.put({ key: 'artist:k', checkedAt: 1, value: {} });
		await syncOnce(d, fakeServer().transport, user);
		await clearDeviceData(d);
		expect(await d.journeys.count()).toBe(0);
		expect(await d.imports.count()).toBe(1);
		expect(await d.catalogCache.count()).toBe(1);
		expect(await d.artistFacts.count()).toBe(1);
		expect(await d.syncState.get(KEYS.owner)).toBeUndefined();
	});
});
