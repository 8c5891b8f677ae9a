/**
 * The app's artist-facts cache: MusicBrainz's answers about artists and areas as rows
 * `{ key, checkedAt, value }` in `db().artistFacts`, handed to the look-up by whoever calls
 * it (the catalogue never reaches for storage itself). Local to the device like the catalogue
 * cache: not synced, not in a backup, cleared by "Erase this device".
 */
import type { ArtistFactsCache, CachedFact } from '$lib/domain/artist-facts-cache';
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
	return {
		async get(key) {
			const row = await database.artistFacts.get(key);
			// Rows written by an older shape are treated as a miss and rewritten.
			return isCachedFact(row?.value) ? row.value : undefined;
		},
		async set(key, value) {
			await database.artistFacts.put({ key, checkedAt: value.checkedAt, value });
		}
	};
}
