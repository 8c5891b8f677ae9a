// Erasing this device: the warning first, then nothing left, caches included.
import { beforeEach, describe, expect, it } from 'vitest';
import { db, useDatabase } from '$lib/db/schema';
import { listJourneys } from '$lib/db/journeys';
import { dexieArtistFactsCache } from '$lib/db/artist-facts-cache';
import { dexieCatalogCache } from '$lib/db/catalog-cache';
import { saveConnection } from '$lib/db/connections';
import { eraseDevice, eraseWarning } from './erase';

import {
	backupText,
	freshDevice,
	importText,
	makeJourney
} from '../../../tests/unit/backup-device';

beforeEach(() => {
	freshDevice();
});

describe('erasing this device', () => {
	it('warns about changes the account does not have yet, then removes every row', async () => {
		await makeJourney(true);
		expect(await eraseWarning()).toMatchObject({ journeys: 1, unsynced: 0 });
		await db().syncState.put({ key: 'owner', value: { userId: 'u', email: 'a@example.com' } });
		const w = await eraseWarning();
		expect(w.unsynced).toBeGreaterThan(0);
		expect(w.owner?.email).toBe('a@example.com');
		expect(w.what).toBe('1 journey and 3 ratings or notes');

		await eraseDevice();
		for (const t of db().tables) expect(await t.count()).toBe(0);
		expect(await listJourneys()).toEqual([]);
	});

	it('the MusicBrainz caches are not backed up, and erasing clears them', async () => {
		const here = db();
		await makeJourney();
		await dexieCatalogCache().put('ok computer|radiohead', {
			status: 'verified',
			mbid: 'rg-ok-computer',
			checkedAt: 1
		});
		await dexieArtistFactsCache().set('artist:radiohead', {
			kind: 'artist',
			status: 'known',
			mbid: 'mbid-radiohead',
			country: 'GB',
			tags: [],
			checkedAt: 1
		});
		await dexieArtistFactsCache().set('area:mbid-salford', {
			kind: 'area',
			country: 'GB',
			checkedAt: 1
		});
		const text = await backupText();
		expect(text).not.toMatch(/rg-ok-computer|mbid-radiohead|mbid-salford/);

		const elsewhere = freshDevice();
		await importText(text);
		expect(await elsewhere.catalogCache.count()).toBe(0);
		expect(await elsewhere.artistFacts.count()).toBe(0);

		useDatabase(here);
		expect(await here.catalogCache.count()).toBe(1);
		expect(await here.artistFacts.count()).toBe(2);
		await eraseDevice();
		expect(await here.catalogCache.count()).toBe(0);
		expect(await here.artistFacts.count()).toBe(0);
	});

	it('music-service tokens stay on the device: not in a backup, gone when it is erased', async () => {
		const here = db();
		await makeJourney();
		await saveConnection('spotify', {
			accessToken: 'BQ-secret-access',
			refreshToken: 'AQ-secret-refresh',
			expiresAt: 1,
			scope: 'user-top-read',
			user: 'Ada Listener'
		});
		await saveConnection('listenbrainz', { token: 'lb-secret-token', user: 'ada-brainz' });
		const text = await backupText();
		expect(text).not.toMatch(/secret|Ada Listener|ada-brainz/);

		const elsewhere = freshDevice();
		await importText(text);
		expect(await elsewhere.connections.count()).toBe(0);

		useDatabase(here);
		expect(await here.connections.count()).toBe(2);
		await eraseDevice();
		expect(await here.connections.count()).toBe(0);
	});
});
