import { describe, expect, it } from 'vitest';
import { dexieCatalogCache } from './catalog-cache';
import { CartographerDB } from './schema';

describe('dexieCatalogCache', () => {
	it('keeps an answer across a reload of the database', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const first = new CartographerDB(name);
		await dexieCatalogCache(first).put('blue|joni mitchell', {
			status: 'verified',
			mbid: 'rg-1',
			checkedAt: 42
		});
		first.close();
		const again = new CartographerDB(name);
		expect(await dexieCatalogCache(again).get('blue|joni mitchell')).toEqual({
			status: 'verified',
			mbid: 'rg-1',
			checkedAt: 42
		});
		again.close();
	});

	it('reads a row of an older shape as a miss, so the album is looked up again', async () => {
		const database = new CartographerDB(`test-${crypto.randomUUID()}`);
		await database.catalogCache.bulkPut([
			{ key: 'old', checkedAt: 1, value: { verified: true, mbid: 'rg-1' } },
			{ key: 'unverified', checkedAt: 1, value: { status: 'unverified', checkedAt: 1 } }
		]);
		const cache = dexieCatalogCache(database);
		expect(await cache.get('old')).toBeUndefined();
		expect(await cache.get('unverified')).toBeUndefined();
		database.close();
	});
});
