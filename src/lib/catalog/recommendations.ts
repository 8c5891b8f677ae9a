/**
 * Recommendations that exist: ground the curator's candidates in order, drop
 * the ones MusicBrainz has never heard of, and top up from the curator.
 *
 * The curator proposes more than it needs, so a dropped album is usually
 * replaced by a spare at no cost: the spares ride in the same batched query.
 * Only when the spares run out do we ask the curator for more (excluding every
 * album already tried), and at most twice, so a model that keeps inventing
 * can't hold the screen forever. 'unverified' albums (MusicBrainz unreachable)
 * are kept and shown as "not yet verified" — hiding them would empty the
 * screen whenever the listener is offline.
 */
import type { AlbumQuery } from './types';
import { groundAlbums, type GroundOptions, type Grounded } from './ground';
import { albumKey } from './match';

export interface GroundRecommendationsOptions<T extends AlbumQuery> extends GroundOptions {
	/** How many albums the screen shows (default 5). */
	need?: number;
	/** Asks the curator for more albums, none of which should be in `exclude`. */
	requestMore?: (exclude: AlbumQuery[]) => Promise<readonly T[]>;
	/** Rounds of `requestMore` before settling for fewer (default 2). */
	maxExtraRounds?: number;
}

export type GroundedRecommendation<T> = Grounded<T>;

export interface GroundedRecommendations<T> {
	/** Up to `need` albums to show, in the curator's order. */
	kept: GroundedRecommendation<T>[];
	/** Albums with no match in MusicBrainz, in the order they were tried. */
	dropped: GroundedRecommendation<T>[];
	/** Candidates the screen doesn't need: unchecked, or checked and surplus. */
	spare: T[];
	extraRounds: number;
	/** Set when `requestMore` failed; `kept` then holds fewer than `need`. */
	moreError?: unknown;
}

const isAbort = (err: unknown) => err instanceof Error && err.name === 'AbortError';

export async function groundRecommendations<T extends AlbumQuery>(
	candidates: readonly T[],
	opts: GroundRecommendationsOptions<T> = {}
): Promise<GroundedRecommendations<T>> {
	const { need = 5, requestMore, maxExtraRounds = 2, ...groundOpts } = opts;
	const chunk = Math.max(need, opts.batchSize ?? 8);
	const offered = new Map<string, T>();
	const tried: AlbumQuery[] = [];
	const kept: GroundedRecommendation<T>[] = [];
	const dropped: GroundedRecommendation<T>[] = [];
	let pending: T[] = [];
	let extraRounds = 0;
	let moreError: unknown;

	const offer = (albums: readonly T[]) => {
		for (const album of albums) {
			const key = albumKey(album);
			if (offered.has(key)) continue;
			offered.set(key, album);
			tried.push({ title: album.title, artist: album.artist });
			pending.push(album);
		}
	};

	offer(candidates);
	for (;;) {
		while (kept.length < need && pending.length) {
			// The next few candidates in order: usually all of them, in one request.
			const next = pending.slice(0, chunk);
			pending = pending.slice(chunk);
			for (const album of await groundAlbums(next, groundOpts)) {
				(album.status === 'not-found' ? dropped : kept).push(album);
			}
		}
		if (kept.length >= need || !requestMore || extraRounds >= maxExtraRounds) break;
		extraRounds++;
		try {
			offer(await requestMore([...tried]));
		} catch (err) {
			if (isAbort(err)) throw err;
			moreError = err;
			break;
		}
	}

	const surplus = kept.splice(need);
	const spare = [
		...surplus.map((a) => offered.get(albumKey(a))).filter((a): a is T => !!a),
		...pending
	];
	return { kept, dropped, spare, extraRounds, ...(moreError ? { moreError } : {}) };
}
