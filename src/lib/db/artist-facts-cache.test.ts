import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import { lookUpArtistFacts } from '$lib/catalog/facts';
import { RateLimiter } from '$lib/catalog/musicbrainz';
import { dexieArtistFactsCache } from './artist-facts-cache';
import { CartographerDB } from './schema';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());

describe('dexieArtistFactsCache', () => {
	it('keeps artists and areas across a reload of the database', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const first = new CartographerDB(name);
		const cache = dexieArtistFactsCache(first);
		await cache.set('artist:radiohead', {
			kind: 'artist',
			status: 'known',
			mbid: 'a74b1b7f-71a5-4011-9441-d0b5e4122711',
			country: 'GB',
			tags: [{ name: 'alternative rock', count: 25 }],
			checkedAt: 42
		});
		await cache.set('area:salford', { kind: 'area', country: 'GB', checkedAt: 42 });
		await cache.set('area:nowhere', { kind: 'area', country: null, checkedAt: 42 });
		first.close();

		const again = dexieArtistFactsCache(new CartographerDB(name));
		expect(await again.get('artist:radiohead')).toEqual({
			kind: 'artist',
			status: 'known',
			mbid: 'a74b1b7f-71a5-4011-9441-d0b5e4122711',
			country: 'GB',
			tags: [{ name: 'alternative rock', count: 25 }],
			checkedAt: 42
		});
		expect(await again.get('area:salford')).toEqual({ kind: 'area', country: 'GB', checkedAt: 42 });
		expect(await again.get('area:nowhere')).toEqual({ kind: 'area', country: null, checkedAt: 42 });
	});

	it('reads a row of an older or other shape as a miss, so the artist is asked again', async () => {
		const database = new CartographerDB(`test-${crypto.randomUUID()}`);
		await database.artistFacts.bulkPut([
			{ key: 'artist:old', checkedAt: 1, value: { mbid: 'x', country: 'GB' } },
			{ key: 'artist:nostatus', checkedAt: 1, value: { kind: 'artist', tags: [], checkedAt: 1 } },
			{ key: 'area:old', checkedAt: 1, value: { kind: 'area', checkedAt: 1 } },
			{ key: 'artist:nothing', checkedAt: 1, value: null }
		]);
		const cache = dexieArtistFactsCache(database);
		for (const key of [
			'artist:old',
			'artist:nostatus',
			'area:old',
			'artist:nothing',
			'artist:none'
		])
			expect(await cache.get(key)).toBeUndefined();
		database.close();
	});

	it('spares MusicBrainz after a reload: the second look-up asks nothing', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const look = (database: CartographerDB) =>
			lookUpArtistFacts(['Joy Division', 'Radiohead'], {
				cache: dexieArtistFactsCache(database),
				baseUrl: mb.url,
				limiter: new RateLimiter(0),
				backoffMs: 1
			});
		mb.reset();
		const first = new CartographerDB(name);
		const before = await look(first);
		first.close();
		expect(before.map((f) => [f.name, f.status, f.country])).toEqual([
			['Joy Division', 'known', 'GB'],
			['Radiohead', 'known', 'GB']
		]);
		const asked = mb.requests().length;
		expect(asked).toBeGreaterThan(1); // the search, and Salford's walk up to England

		const again = new CartographerDB(name);
		expect(await look(again)).toEqual(before);
		expect(mb.requests()).toHaveLength(asked);
		again.close();
	});
});
