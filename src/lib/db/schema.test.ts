import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { CartographerDB, dbVersionState } from './schema';

const v1 = {
	sessions: 'id, updatedAt, createdAt',
	portraits: 'id, sessionId',
	conversations: 'id, sessionId, [sessionId+round]',
	messages: 'id, conversationId, [conversationId+seq], sessionId',
	recommendationSets: 'id, sessionId, conversationId, [sessionId+round]',
	albumFeedback: 'id, sessionId, setId, [setId+albumKey], [sessionId+round]',
	analyses: 'id, sessionId, conversationId, [sessionId+round]',
	outbox: '++seq, table, rowId',
	syncState: 'key'
};
const v2 = { imports: 'id, createdAt, sessionId', catalogCache: 'key, checkedAt' };

describe('schema upgrades', () => {
	it('version 3 keeps every row written by version 2 and indexes the outbox per row', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores(v1);
		old.version(2).stores(v2);
		await old
			.table('sessions')
			.put({ id: 's', createdAt: 1, updatedAt: 1, artists: [], source: 'typed', round: 1 });
		await old.table('outbox').add({ table: 'sessions', rowId: 's', op: 'put', at: 1 });
		old.close();

		const d = new CartographerDB(name);
		expect(d.verno).toBe(3);
		expect(await d.sessions.get('s')).toBeDefined();
		expect(await d.outbox.where('[table+rowId]').equals(['sessions', 's']).count()).toBe(1);
		d.close();
	});

	it('a newer version opened in another tab closes this one and raises the reload flag', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const d = new CartographerDB(name);
		await d.sessions.put({
			id: 's',
			createdAt: 1,
			updatedAt: 1,
			artists: [],
			source: 'typed',
			round: 1
		});
		let heard = false;
		dbVersionState.listeners.add(() => (heard = true));

		const newer = new Dexie(name);
		newer.version(1).stores(v1);
		newer.version(2).stores(v2);
		newer.version(3).stores({ outbox: '++seq, table, rowId, [table+rowId]' });
		newer.version(4).stores({ sessions: 'id, updatedAt, createdAt, source' });
		expect(await newer.table('sessions').get('s')).toBeDefined(); // not blocked, no data lost
		expect(heard).toBe(true);
		expect(dbVersionState.newerVersionOpened).toBe(true);
		expect(d.isOpen()).toBe(false);
		newer.close();
	});
});
