/**
 * Grounding: turning the curator's proposed albums into albums that exist.
 *
 * Cached answers first (an album is looked up once), then the rest in as few
 * MusicBrainz requests as possible. Network trouble never throws: the albums a
 * failed request covered come back 'unverified' with a reason, are not cached,
 * and the remaining batches aren't attempted (they would only fail slower).
 * Only the caller's own abort propagates.
 */
import type { AlbumQuery, GroundedAlbum } from './types';
import type { CachedGrounding, CatalogCache } from './cache';
import { coverUrl } from './cover';
import { albumIdentityKey } from '$contract/identity';
import { firstReleaseYear, pickReleaseGroup, printedCredit } from './match';
import { CatalogError, batchQuery, searchReleaseGroups, type SearchOptions } from './musicbrainz';

export interface GroundOptions extends SearchOptions {
	/**
	 * Where answers are remembered; without one nothing is. The app passes its
	 * IndexedDB cache, tests their own, so a fake's answers never mix with the
	 * real catalogue's, nor one test's with another's.
	 */
	cache?: CatalogCache;
	now?: () => number;
	/** Most albums per MusicBrainz query (default 8). */
	batchSize?: number;
	/** A 'not-found' answer is re-checked after this long (default 30 days); 'verified' is kept. */
	notFoundTtlMs?: number;
}

const MAX_QUERY_CHARS = 1500;
const DAY = 24 * 60 * 60 * 1000;
/** The fields grounding sets; the caller's own fields (reason, genres, …) pass through. */
type GroundingKey = Exclude<keyof GroundedAlbum, keyof AlbumQuery>;
export type Grounded<T> = Omit<T, GroundingKey> & GroundedAlbum;

/** The input without any grounding fields from an earlier check, so stale ones can't survive. */
function base<T extends AlbumQuery>(album: T) {
	const {
		status: _s,
		mbid: _m,
		coverUrl: _c,
		coverUrl500: _c5,
		firstReleaseYear: _f,
		matchedTitle: _mt,
		matchedArtist: _ma,
		unverifiedReason: _r,
		...rest
	} = album as T & Partial<GroundedAlbum>;
	return rest;
}

function fromAnswer<T extends AlbumQuery>(album: T, answer: CachedGrounding): Grounded<T> {
	if (answer.status === 'not-found') return { ...base(album), status: 'not-found' };
	const mbid = answer.mbid ?? '';
	return {
		...base(album),
		year: answer.firstReleaseYear ?? album.year,
		status: 'verified',
		mbid,
		coverUrl: coverUrl(mbid, 250),
		coverUrl500: coverUrl(mbid, 500),
		firstReleaseYear: answer.firstReleaseYear,
		matchedTitle: answer.matchedTitle,
		matchedArtist: answer.matchedArtist
	};
}

/** Consecutive albums whose query stays short enough for one URL. */
function batches<T extends AlbumQuery>(albums: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	let current: T[] = [];
	for (const album of albums) {
		const next = [...current, album];
		if (current.length && (next.length > size || batchQuery(next).length > MAX_QUERY_CHARS)) {
			out.push(current);
			current = [album];
		} else current = next;
	}
	if (current.length) out.push(current);
	return out;
}

/** One result per input, in the same order. */
export async function groundAlbums<T extends AlbumQuery>(
	albums: readonly T[],
	opts: GroundOptions = {}
): Promise<Grounded<T>[]> {
	const cache = opts.cache;
	const now = opts.now ?? Date.now;
	const ttl = opts.notFoundTtlMs ?? 30 * DAY;
	const answers = new Map<string, CachedGrounding>();
	let failure: CatalogError | undefined;

	// Unique albums (the curator may repeat one), looked up in the cache first.
	const todo = new Map<string, T>();
	for (const album of albums) {
		const key = albumIdentityKey(album);
		if (answers.has(key) || todo.has(key)) continue;
		const cached = await cache?.get(key);
		const fresh = cached && (cached.status === 'verified' || now() - cached.checkedAt < ttl);
		if (cached && fresh) answers.set(key, cached);
		else todo.set(key, album);
	}

	const search = async (group: T[], alone: T[]) => {
		const { groups, truncated } = await searchReleaseGroups(group, opts);
		for (const album of group) {
			const rg = pickReleaseGroup(album, groups);
			// A full page may have pushed this album's match off it: ask again on its own.
			if (!rg && truncated && group.length > 1) {
				alone.push(album);
				continue;
			}
			const answer: CachedGrounding = rg
				? {
						status: 'verified',
						mbid: rg.id,
						firstReleaseYear: firstReleaseYear(rg),
						matchedTitle: rg.title,
						matchedArtist: printedCredit(rg),
						checkedAt: now()
					}
				: { status: 'not-found', checkedAt: now() };
			answers.set(albumIdentityKey(album), answer);
			await cache?.put(albumIdentityKey(album), answer);
		}
	};

	const alone: T[] = [];
	const queue = batches([...todo.values()], opts.batchSize ?? 8);
	for (let i = 0; i < queue.length && !failure; i++) {
		try {
			await search(queue[i], alone);
			if (i === queue.length - 1) queue.push(...alone.splice(0).map((a) => [a]));
		} catch (err) {
			if (!(err instanceof CatalogError)) throw err;
			failure = err;
		}
	}

	return albums.map((album) => {
		const answer = answers.get(albumIdentityKey(album));
		if (answer) return fromAnswer(album, answer);
		return {
			...base(album),
			status: 'unverified',
			unverifiedReason: failure?.unverifiedReason ?? 'unavailable'
		};
	});
}
