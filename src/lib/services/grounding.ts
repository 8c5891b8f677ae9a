/**
 * What the screens show of the catalogue: cover art, where to listen, and whether an album
 * that could not be checked when it was recommended has been verified since (the answer lands
 * in the catalogue cache, since recommendation sets never change once written).
 */
import { albumIdentityKey, coverUrl, listeningLinks, type CoverSize } from '$lib/catalog';
import { db } from '$lib/db/schema';
import type { RecommendedAlbumEntry } from '$lib/domain/types';

// Where MusicBrainz is and how albums are re-checked (the offline rules live there).
export { groundingOptions, recheckUnverified } from '$lib/state/grounding';
export { listeningLinks };
export type { ListeningLink } from '$lib/catalog';

/** The cache key of an album still unverified, or '' when there is nothing to look up. */
export function laterCheckKey(album: RecommendedAlbumEntry): string {
	return album.status === 'unverified' ? albumIdentityKey(album) : '';
}

/** What the catalogue said of it since (read inside a liveQuery). */
export async function laterCheck(
	key: string
): Promise<{ status?: string; mbid?: string } | undefined> {
	if (!key) return undefined;
	const row = await db().catalogCache.get(key);
	return row?.value as { status?: string; mbid?: string } | undefined;
}

export function coverOf(mbid: string, size: CoverSize): string {
	return coverUrl(mbid, size);
}
