/**
 * The app's catalogue cache: grounding answers as rows `{ key, checkedAt, value }` in
 * `db().catalogCache`, handed to grounding by whoever calls it (the catalogue never
 * reaches for storage itself).
 */
import type { CachedGrounding, CatalogCache } from '$lib/domain/catalog-cache';
import { cachedValues } from './cached-values';
import { db } from './schema';

function isCachedGrounding(value: unknown): value is CachedGrounding {
	if (typeof value !== 'object' || value === null) return false;
	const { status, checkedAt } = value as Partial<CachedGrounding>;
	return (status === 'verified' || status === 'not-found') && typeof checkedAt === 'number';
}

export function dexieCatalogCache(database = db()): CatalogCache {
	return cachedValues(database.catalogCache, isCachedGrounding);
}
