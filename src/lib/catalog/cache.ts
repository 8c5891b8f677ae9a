/**
 * Where grounding results are remembered, so an album is looked up once.
 *
 * A small interface with two implementations (the Actual Budget habit of
 * platform seams): Dexie for the app, memory for tests and scripts. Only
 * definite answers are stored — 'verified' and 'not-found' — because an
 * 'unverified' album must be checked again when MusicBrainz is reachable.
 */
import type { GroundingStatus } from './types';
import { db } from '$lib/db/schema';

export interface CachedGrounding {
	status: Exclude<GroundingStatus, 'unverified'>;
	mbid?: string;
	firstReleaseYear?: string;
	matchedTitle?: string;
	matchedArtist?: string;
	/** When MusicBrainz gave this answer (ms since epoch). */
	checkedAt: number;
}

export interface CatalogCache {
	get(key: string): Promise<CachedGrounding | undefined>;
	put(key: string, value: CachedGrounding): Promise<void>;
}

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

function isCachedGrounding(value: unknown): value is CachedGrounding {
	if (typeof value !== 'object' || value === null) return false;
	const { status, checkedAt } = value as Partial<CachedGrounding>;
	return (status === 'verified' || status === 'not-found') && typeof checkedAt === 'number';
}

/** The app's cache: rows `{ key, checkedAt, value }` in `db().catalogCache`. */
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
