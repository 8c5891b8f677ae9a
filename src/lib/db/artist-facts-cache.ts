/**
 * The app's artist-facts cache: MusicBrainz's answers about artists and areas as rows
 * `{ key, checkedAt, value }` in `db().artistFacts`, handed to the look-up by whoever calls
 * it (the catalogue never reaches for storage itself). Local to the device like the catalogue
 * cache: not synced, not in a backup, cleared by "Erase this device".
 */
import type { ArtistFactsCache, CachedFact } from '$lib/domain/artist-facts-cache';
import { cachedValues } from './cached-values';
import { db } from './schema';

const STATUSES = new Set(['known', 'unknown', 'ambiguous', 'unchecked']);

function isCachedFact(value: unknown): value is CachedFact {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if (typeof v.checkedAt !== 'number') return false;
	if (v.kind === 'area') return typeof v.country === 'string' || v.country === null;
	return v.kind === 'artist' && STATUSES.has(v.status as string) && Array.isArray(v.tags);
}

export function dexieArtistFactsCache(database = db()): ArtistFactsCache {
	const values = cachedValues(database.artistFacts, isCachedFact);
	return { get: values.get, set: values.put };
}
