/**
 * The edge the artist-facts tests share: the shared fake MusicBrainz, started once per file and
 * reset before each test, a fresh real store (Dexie over fake-indexeddb) per test, and a look-up
 * request aimed at the fake with no pacing or back-off to wait for.
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startFakeMusicBrainz, type FakeMusicBrainz } from '../fakes/fake-musicbrainz.mjs';
import { RateLimiter } from '$lib/catalog';
import { CartographerDB, useDatabase } from '$lib/db/schema';

export interface FactsEdge {
	/** The running fake (valid inside tests). */
	readonly mb: FakeMusicBrainz;
	/** A look-up request against the fake, unpaced. */
	request(): { baseUrl: string; limiter: RateLimiter; backoffMs: number };
}

export function useFactsEdge(): FactsEdge {
	let mb: FakeMusicBrainz | undefined;
	beforeAll(async () => {
		mb = await startFakeMusicBrainz();
	});
	afterAll(() => mb?.close());
	beforeEach(() => {
		mb!.reset();
		useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
	});
	return {
		get mb() {
			return mb!;
		},
		request: () => ({ baseUrl: mb!.url, limiter: new RateLimiter(0), backoffMs: 1 })
	};
}
