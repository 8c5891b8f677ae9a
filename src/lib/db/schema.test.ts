import { describe, expect, it } from 'vitest';
import { Dexie } from 'dexie';
import { applyPulled } from '$lib/sync/merge';
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
const v3 = { outbox: '++seq, table, rowId, [table+rowId]' };
const v4 = {
	sessions: null,
	journeys: 'id, updatedAt, createdAt',
	portraits: 'id, journeyId',
	conversations: 'id, journeyId, [journeyId+round]',
	messages: 'id, conversationId, [conversationId+seq], journeyId',
	recommendationSets: 'id, journeyId, conversationId, [journeyId+round]',
	albumFeedback: 'id, journeyId, setId, [setId+albumKey], [journeyId+round]',
	analyses: 'id, journeyId, conversationId, [journeyId+round]',
	imports: 'id, createdAt, journeyId',
	artistFacts: 'key, checkedAt'
};
const v5 = { connections: 'service' };

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
		expect(d.verno).toBe(5);
		expect(await d.journeys.get('s')).toBeDefined();
		expect(await d.outbox.where('[table+rowId]').equals(['journeys', 's']).count()).toBe(1);
		d.close();
	});

	it('version 4 moves every session to journeys, renames sessionId and the outbox, loses nothing', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores(v1);
		old.version(2).stores(v2);
		old.version(3).stores(v3);
		const j = 'j1';
		const session = {
			id: j,
			createdAt: 1,
			updatedAt: 9,
			artists: [{ name: 'Can' }],
			source: 'typed',
			portraitId: 'p1',
			round: 2
		};
		const other = {
			id: 'j2',
			createdAt: 2,
			updatedAt: 3,
			artists: [],
			source: 'lastfm',
			round: 1,
			deletedAt: 5
		};
		const clocks = { session_id: '0000000000001:0000:a', rating: '0000000000002:0000:a' };
		const rows = {
			portraits: [
				{ id: 'p1', sessionId: j, createdAt: 1, artists: [], source: 'typed', result: {} }
			],
			conversations: [
				{
					id: 'c1',
					sessionId: j,
					round: 1,
					direction: 'initial',
					createdAt: 2,
					complete: true,
					updatedAt: 2
				},
				{
					id: 'c2',
					sessionId: j,
					round: 2,
					direction: 'pivot',
					createdAt: 6,
					complete: false,
					updatedAt: 6
				}
			],
			messages: [
				{
					id: 'm1',
					conversationId: 'c1',
					sessionId: j,
					seq: 0,
					role: 'assistant',
					content: 'Hi',
					createdAt: 2
				}
			],
			recommendationSets: [
				{
					id: 's1',
					sessionId: j,
					conversationId: 'c1',
					round: 1,
					batch: 1,
					createdAt: 3,
					albums: []
				}
			],
			albumFeedback: [
				{
					id: 'f1',
					sessionId: j,
					setId: 's1',
					albumKey: 'k',
					round: 1,
					title: 'Tago Mago',
					artist: 'Can',
					year: '1971',
					listened: true,
					rating: 5,
					createdAt: 4,
					updatedAt: 4,
					fieldClocks: clocks
				}
			],
			analyses: [
				{
					id: 'a1',
					sessionId: j,
					conversationId: 'c1',
					round: 1,
					createdAt: 5,
					averageRating: 5,
					ratedCount: 1,
					topAlbums: [],
					result: {}
				}
			],
			imports: [
				{ id: 'i1', createdAt: 0, files: [], warnings: [], artists: [], chosen: [], sessionId: j }
			]
		};
		await old.table('sessions').bulkPut([session, other]);
		for (const [table, list] of Object.entries(rows)) await old.table(table).bulkPut(list);
		await old.table('outbox').bulkAdd([
			{ table: 'sessions', rowId: j, op: 'put', at: 7, opId: 'op-1' },
			{ table: 'albumFeedback', rowId: 'f1', op: 'put', at: 8 },
			{ table: 'sessions', rowId: 'j2', op: 'put', at: 9, rejected: { reason: 'error', at: 9 } }
		]);
		await old.table('syncState').bulkPut([
			{ key: 'cursor:u', value: 42 },
			{ key: 'owner', value: { userId: 'u' } }
		]);
		old.close();

		const d = new CartographerDB(name);
		await d.open();
		expect(d.verno).toBe(5);
		expect(d.tables.map((t) => t.name)).not.toContain('sessions');
		expect(await d.journeys.orderBy('updatedAt').toArray()).toEqual([other, session]);

		// Every row is there under journeyId, and the renamed indexes find it.
		const renamed = (list: Record<string, unknown>[]) =>
			list.map(({ sessionId, ...rest }) => ({ ...rest, journeyId: sessionId }));
		for (const [table, list] of Object.entries(rows)) {
			const expected = renamed(list);
			if (table === 'albumFeedback') {
				(expected[0] as Record<string, unknown>).fieldClocks = {
					journey_id: clocks.session_id,
					rating: clocks.rating
				};
			}
			expect(await d.table(table).where('journeyId').equals(j).sortBy('id')).toEqual(expected);
		}
		expect(await d.conversations.where('[journeyId+round]').equals([j, 2]).count()).toBe(1);
		expect(await d.recommendationSets.where('[journeyId+round]').equals([j, 1]).count()).toBe(1);
		expect(await d.albumFeedback.where('[journeyId+round]').equals([j, 1]).count()).toBe(1);
		expect(await d.analyses.where('[journeyId+round]').equals([j, 1]).count()).toBe(1);
		expect(await d.albumFeedback.where('[setId+albumKey]').equals(['s1', 'k']).count()).toBe(1);

		// The queue keeps its order, op ids and rejections, under the new table name.
		expect(await d.outbox.orderBy('seq').toArray()).toMatchObject([
			{ table: 'journeys', rowId: j, opId: 'op-1' },
			{ table: 'albumFeedback', rowId: 'f1' },
			{ table: 'journeys', rowId: 'j2', rejected: { reason: 'error' } }
		]);
		expect(await d.outbox.where('[table+rowId]').equals(['journeys', j]).count()).toBe(1);
		expect(await d.syncState.get('owner')).toEqual({ key: 'owner', value: { userId: 'u' } });
		d.close();
	});

	it('version 4 heals what a version-3 tab pulled after the server renamed its tables', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores(v1);
		old.version(2).stores(v2);
		old.version(3).stores(v3);
		// The old tab knew session_id, not journey_id: pulled rows came without their journey.
		const pulled = { createdAt: 1, artists: [], source: 'typed', result: {} };
		await old.table('portraits').bulkPut([
			{ id: 'mine', sessionId: 'j', ...pulled },
			{ id: 'pulled', ...pulled }
		]);
		const conversation = {
			round: 1,
			direction: 'initial',
			createdAt: 2,
			complete: true,
			updatedAt: 2
		};
		await old.table('conversations').put({ id: 'c-pulled', ...conversation });
		await old
			.table('imports')
			.put({ id: 'i', createdAt: 0, files: [], warnings: [], artists: [], chosen: [] });
		await old.table('syncState').bulkPut([
			{ key: 'cursor:u', value: 900 },
			{ key: 'cursor:other', value: 12 },
			{ key: 'hlc', value: { node: 'n' } }
		]);
		old.close();

		const d = new CartographerDB(name);
		// The next pull starts over for every account, and brings the lost rows back whole.
		expect(await d.syncState.where('key').startsWith('cursor:').count()).toBe(0);
		expect(await d.syncState.get('hlc')).toEqual({ key: 'hlc', value: { node: 'n' } });
		// An immutable pulled copy would never be replaced by that pull: it goes, to come back.
		expect((await d.portraits.toArray()).map((p) => p.id)).toEqual(['mine']);
		// A mutable one stays (the pull replaces it); an import without a journey is normal.
		expect(await d.conversations.get('c-pulled')).toEqual({ id: 'c-pulled', ...conversation });
		expect(await d.imports.get('i')).toBeDefined();
		d.close();
	});

	it('version 4: a rating a version-3 tab pulled without its journey gets it back from the next pull', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores(v1);
		old.version(2).stores(v2);
		old.version(3).stores(v3);
		// The server had already renamed the column and its clock; the old tab kept the clocks
		// it was sent but not the column it did not know.
		const clocks = { journey_id: '1700000000000:0000:aa', rating: '1700000000001:0000:aa' };
		const fields = { setId: 's', albumKey: '0-0', round: 1, title: 'T', artist: 'A', year: '1999' };
		await old.table('albumFeedback').put({
			id: 'f',
			...fields,
			listened: true,
			rating: 4,
			createdAt: 1,
			updatedAt: 2,
			fieldClocks: clocks
		});
		old.close();

		const d = new CartographerDB(name);
		const server = {
			id: 'f',
			journey_id: 'j',
			set_id: 's',
			album_key: '0-0',
			round: 1,
			title: 'T',
			artist: 'A',
			year: '1999',
			listened: true,
			rating: 4,
			created_at: 1,
			field_clocks: clocks,
			rev: 7,
			updated_at: '2026-12-01T23:00:00.000Z'
		};
		const tables = [
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
		await d.transaction('rw', tables, () =>
			applyPulled(d, [{ table: 'album_feedback', row: server }])
		);
		const stored = await d.albumFeedback.get('f');
		expect(stored?.journeyId).toBe('j');
		expect(stored?.rating).toBe(4);
		expect(await d.albumFeedback.where('[journeyId+round]').equals(['j', 1]).count()).toBe(1);
		d.close();
	});

	it('version 5 adds the local connections table and keeps every row of version 4', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const old = new Dexie(name);
		old.version(1).stores(v1);
		old.version(2).stores(v2);
		old.version(3).stores(v3);
		old.version(4).stores(v4);
		const journey = { id: 'j', createdAt: 1, updatedAt: 2, artists: [], source: 'typed', round: 1 };
		await old.table('journeys').put(journey);
		await old.table('outbox').add({ table: 'journeys', rowId: 'j', op: 'put', at: 2 });
		await old.table('catalogCache').put({ key: 'blue|joni mitchell', checkedAt: 1, value: {} });
		await old.table('artistFacts').put({ key: 'artist:can', checkedAt: 1, value: {} });
		old.close();

		const d = new CartographerDB(name);
		expect(d.verno).toBe(5);
		expect(await d.journeys.get('j')).toEqual(journey);
		expect(await d.outbox.count()).toBe(1);
		expect(await d.catalogCache.count()).toBe(1);
		expect(await d.artistFacts.count()).toBe(1);
		expect(await d.connections.count()).toBe(0);
		await d.connections.put({ service: 'spotify', connectedAt: 1, updatedAt: 1 });
		expect(await d.connections.get('spotify')).toBeDefined();
		d.close();
	});

	it('a newer version opened in another tab closes this one and raises the reload flag', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const d = new CartographerDB(name);
		await d.journeys.put({
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
		newer.version(3).stores(v3);
		newer.version(4).stores(v4);
		newer.version(5).stores(v5);
		newer.version(6).stores({ journeys: 'id, updatedAt, createdAt, source' });
		expect(await newer.table('journeys').get('s')).toBeDefined(); // not blocked, no data lost
		expect(heard).toBe(true);
		expect(dbVersionState.newerVersionOpened).toBe(true);
		expect(d.isOpen()).toBe(false);
		newer.close();
	});
});
