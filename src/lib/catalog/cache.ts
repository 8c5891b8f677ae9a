/**
 * Where grounding results are remembered, so an album is looked up once.
 *
 * A small interface (the Actual Budget habit of platform seams) that grounding
 * takes as a parameter: the app passes its IndexedDB cache (src/lib/db/catalog-cache.ts),
 * tests and scripts this one in memory.
 */
import type { CachedGrounding, CatalogCache } from '$lib/domain/catalog-cache';

export type { CachedGrounding, CatalogCache };

export function memoryCatalogCache(): CatalogCache & { size(): number } {
	const entries = new Map<string, CachedGrounding>();
	return {
		get: async (key) => entries.get(key),
		put: async (key, value) => {
			entries.set(key, value);
		},
		size: () => entries.size
	};
}
