/**
 * The app's catalogue cache: grounding answers as rows `{ key, checkedAt, value }` in
 * `db().catalogCache`, handed to grounding by whoever calls it (the catalogue never
 * reaches for storage itself).
 */
import type { CachedGrounding, CatalogCache } from '$lib/domain/catalog-cache';
import { db } from './schema';

function isCachedGrounding(value: unknown): value is CachedGrounding {
	if (typeof value !== 'object' || value === null) return false;
	const { status, checkedAt } = value as Partial<CachedGrounding>;
	return (status === 'verified' || status === 'not-found') && typeof checkedAt === 'number';
}

export function dexieCatalogCache(database = db()): CatalogCache {
	return {
		async get(key) {
			const row = await database.catalogCache.get(key);
			// Rows written by an older shape are treated as a miss and rewritten.
			return isCachedGrounding(row?.value) ? row.value : undefined;
		},
		async put(key, value) {
			await database.catalogCache.put({ key, checkedAt: value.checkedAt, value });
		}
	};
}
