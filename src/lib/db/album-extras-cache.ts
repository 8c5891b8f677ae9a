/**
 * What the app learnt about grounded albums after their round (domain/album-extras.ts), kept in
 * the catalogue cache beside the groundings, under keys of their own (`links:<MBID>`,
 * `tracks:<MBID>`, `spotify:<album key>`; grounding keys always hold a "|", these never do).
 * Local to the device, cleared by "Erase this device", never in a backup.
 */
import type { AlbumExtrasCache, CachedAlbumExtra } from '$lib/domain/album-extras';
import { cachedValues } from './cached-values';
import { db } from './schema';

function isExtra(value: unknown): value is CachedAlbumExtra {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	if (typeof v.checkedAt !== 'number') return false;
	if (v.kind === 'tracks') return Array.isArray(v.recordings) && Array.isArray(v.barcodes);
	return v.kind === 'links' || v.kind === 'spotify';
}

export function dexieAlbumExtrasCache(database = db()): AlbumExtrasCache {
	return cachedValues(database.catalogCache, isExtra);
}
