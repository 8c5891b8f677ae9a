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
 *
 * Albums that exist but are not new to the listener are set aside the same
 * way: by an artist the listener gave, by an artist already in this batch, an
 * edition of an album given before (`sameAlbum`: the same identity key, or
 * once both are grounded the same release-group MBID), or one their imported
 * listening history shows they played (by identity key: imports carry no MBID).
 */
import type { AlbumQuery } from './types';
import { isAbort } from '$lib/errors/base';
import { groundAlbums, type GroundOptions, type Grounded } from './ground';
import { albumIdentityKey, albumMatcher, artistKey, creditedArtistKeys } from '$contract/identity';

/** An album recommended before, with its release-group MBID when it was verified. */
export interface GivenAlbum extends AlbumQuery {
	mbid?: string;
}

export type RejectedReason =
	'listener-artist' | 'artist-in-batch' | 'given-before' | 'played-before';

export interface GroundRecommendationsOptions<T extends AlbumQuery> extends GroundOptions {
	/** How many albums the screen shows (default 5). */
	need?: number;
	/** Asks the curator for more albums, none of which should be in `exclude`. */
	requestMore?: (exclude: AlbumQuery[]) => Promise<readonly T[]>;
	/** Rounds of `requestMore` before settling for fewer (default 2). */
	maxExtraRounds?: number;
	/** The artists the listener gave: never recommended back. */
	listenerArtists?: readonly string[];
	/** Albums already recommended, in any journey: no other edition of them either. */
	given?: readonly GivenAlbum[];
	/** Albums the listener's imported history shows they played: no edition of them either. */
	played?: readonly AlbumQuery[];
}

export type GroundedRecommendation<T> = Grounded<T>;

export interface GroundedRecommendations<T> {
	/** Up to `need` albums to show, in the curator's order. */
	kept: GroundedRecommendation<T>[];
	/** Albums with no match in MusicBrainz, in the order they were tried. */
	dropped: GroundedRecommendation<T>[];
	/** Albums that exist but are not new to the listener, and why. */
	rejected: { album: T | GroundedRecommendation<T>; reason: RejectedReason }[];
	/** Candidates the screen doesn't need: unchecked, or checked and surplus. */
	spare: T[];
	extraRounds: number;
	/** Set when `requestMore` failed; `kept` then holds fewer than `need`. */
	moreError?: unknown;
}

/**
 * The never-again rules on their own, for albums seen one at a time (as they stream in):
 * `notNew` says why an album is not new to the listener; `claim` marks an album as shown,
 * so a second album by one of its artists is not new either.
 */
export function neverAgain(opts: {
	listenerArtists?: readonly string[];
	given?: readonly GivenAlbum[];
	played?: readonly AlbumQuery[];
}) {
	const listenerKeys = new Set((opts.listenerArtists ?? []).map(artistKey).filter((k) => k !== ''));
	const givenBefore = albumMatcher(opts.given ?? []);
	const playedBefore = albumMatcher(opts.played ?? []);
	const batchArtists = new Set<string>();
	return {
		notNew(album: AlbumQuery & { mbid?: string; matchedArtist?: string; matchedTitle?: string }) {
			const artists = creditedArtistKeys(album.artist, album.matchedArtist);
			if (artists.some((k) => listenerKeys.has(k))) return 'listener-artist' as const;
			if (givenBefore(album)) return 'given-before' as const;
			// Imports name albums, not release groups: the identity key decides (editions too).
			if (playedBefore({ title: album.title, artist: album.artist }))
				return 'played-before' as const;
			if (album.matchedTitle && playedBefore({ title: album.matchedTitle, artist: album.artist }))
				return 'played-before' as const;
			if (artists.some((k) => batchArtists.has(k))) return 'artist-in-batch' as const;
			return undefined;
		},
		claim(album: AlbumQuery & { matchedArtist?: string }) {
			for (const k of creditedArtistKeys(album.artist, album.matchedArtist)) batchArtists.add(k);
		}
	};
}

export async function groundRecommendations<T extends AlbumQuery>(
	candidates: readonly T[],
	opts: GroundRecommendationsOptions<T> = {}
): Promise<GroundedRecommendations<T>> {
	const {
		need = 5,
		requestMore,
		maxExtraRounds = 2,
		listenerArtists = [],
		given = [],
		played = [],
		...groundOpts
	} = opts;
	const { notNew, claim } = neverAgain({ listenerArtists, given, played });
	const rejected: GroundedRecommendations<T>['rejected'] = [];
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
			const key = albumIdentityKey(album);
			if (offered.has(key)) continue;
			offered.set(key, album);
			tried.push({ title: album.title, artist: album.artist });
			// Known from the curator's words alone: no need to spend a lookup on it.
			const reason = notNew(album);
			if (reason && reason !== 'artist-in-batch') rejected.push({ album, reason });
			else pending.push(album);
		}
	};

	offer(candidates);
	for (;;) {
		while (kept.length < need && pending.length) {
			// The next few candidates in order: usually all of them, in one request.
			const next = pending.slice(0, chunk);
			pending = pending.slice(chunk);
			for (const album of await groundAlbums(next, groundOpts)) {
				if (album.status === 'not-found') {
					dropped.push(album);
					continue;
				}
				const reason = kept.length < need ? notNew(album) : undefined;
				if (reason) {
					rejected.push({ album, reason });
					continue;
				}
				kept.push(album);
				// Surplus albums are spares, not shown: they don't claim their artist.
				if (kept.length <= need) claim(album);
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
		...surplus.map((a) => offered.get(albumIdentityKey(a))).filter((a): a is T => !!a),
		...pending
	];
	return { kept, dropped, rejected, spare, extraRounds, ...(moreError ? { moreError } : {}) };
}
