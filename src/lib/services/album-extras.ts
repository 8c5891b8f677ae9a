/**
 * What cards and playlists need beyond the grounding, looked up lazily and cached on the device
 * (domain/album-extras.ts): the album's page to read about it (a review when MusicBrainz links
 * one), its tracks and barcodes, and its Spotify album. Each is asked once: a found answer is
 * kept, "none" is asked again after a while, and a failed look-up is not cached at all. Card
 * look-ups are quiet (a card simply shows fewer links); playlist look-ups raise.
 */
import { config } from '$lib/config';
import { lookUpAlbumLink, lookUpTracklist } from '$lib/catalog';
import { findAlbum, type SpotifyAccess } from '$lib/connect/spotify';
import { dexieAlbumExtrasCache } from '$lib/db/album-extras-cache';
import type {
	AlbumLink,
	CachedAlbumLinks,
	CachedSpotifyAlbum,
	CachedTracklist
} from '$lib/domain/album-extras';
import { albumIdentityKey } from '$contract/identity';
import { isOffline } from '$lib/errors/base';

export type { AlbumLink };

const DAY = 24 * 60 * 60 * 1000;
/** "None" answers are asked again after this long. */
const NONE_TTL = { links: 30 * DAY, spotify: 7 * DAY };

export interface AlbumRef {
	title: string;
	artist: string;
	/** Release-group MBID, once grounded. */
	mbid?: string;
}

const mb = (signal?: AbortSignal) => ({ baseUrl: config.musicbrainzUrl, signal });

/** The album's tracks and barcodes, from the device or from MusicBrainz. */
export async function tracklistOf(mbid: string, signal?: AbortSignal): Promise<CachedTracklist> {
	const cache = dexieAlbumExtrasCache();
	const cached = await cache.get(`tracks:${mbid}`);
	if (cached?.kind === 'tracks') return cached;
	const found = await lookUpTracklist(mbid, mb(signal));
	const value: CachedTracklist = { kind: 'tracks', ...found, checkedAt: Date.now() };
	// An album MusicBrainz lists no tracks for may gain them: only a tracklist is kept.
	if (found.recordings.length) await cache.put(`tracks:${mbid}`, value);
	return value;
}

/** The album on Spotify (by UPC when MusicBrainz has a barcode, else by search), cached. */
export async function spotifyAlbumOf(
	album: AlbumRef,
	access: SpotifyAccess,
	opts: { useBarcodes: boolean; signal?: AbortSignal }
): Promise<CachedSpotifyAlbum['album']> {
	const cache = dexieAlbumExtrasCache();
	const key = `spotify:${albumIdentityKey(album)}`;
	const cached = await cache.get(key);
	if (
		cached?.kind === 'spotify' &&
		(cached.album || Date.now() - cached.checkedAt < NONE_TTL.spotify)
	) {
		return cached.album;
	}
	let barcodes: string[] = [];
	if (opts.useBarcodes && album.mbid) {
		// MusicBrainz being down costs only the barcode: the album search still runs.
		barcodes = await tracklistOf(album.mbid, opts.signal).then(
			(t) => t.barcodes,
			() => []
		);
	}
	const found = await findAlbum(access, { ...album, barcodes });
	const value: CachedSpotifyAlbum = {
		kind: 'spotify',
		...(found ? { album: { id: found.id, url: found.url, uri: found.uri } } : {}),
		checkedAt: Date.now()
	};
	await cache.put(key, value);
	return value.album;
}

/** What the device knows for a card, without asking anyone (inside a liveQuery). */
export async function knownAlbumExtras(
	album: AlbumRef
): Promise<{ link?: AlbumLink; spotifyUrl?: string }> {
	const cache = dexieAlbumExtrasCache();
	const [links, spotify] = await Promise.all([
		album.mbid ? cache.get(`links:${album.mbid}`) : undefined,
		cache.get(`spotify:${albumIdentityKey(album)}`)
	]);
	return {
		link: links?.kind === 'links' ? links.link : undefined,
		spotifyUrl: spotify?.kind === 'spotify' ? spotify.album?.url : undefined
	};
}

const asked = new Set<string>();

/**
 * Looks up the links of grounded albums the device has none for yet, one MusicBrainz request each
 * (queued behind the shared 1 request/s limiter), in the background. Failures stay quiet: the card
 * keeps its other links and the next visit asks again.
 */
export async function fillAlbumLinks(albums: readonly AlbumRef[]): Promise<void> {
	if (isOffline()) return;
	const cache = dexieAlbumExtrasCache();
	for (const { mbid } of albums) {
		if (!mbid || asked.has(mbid)) continue;
		asked.add(mbid);
		const cached = await cache.get(`links:${mbid}`);
		if (
			cached?.kind === 'links' &&
			(cached.link || Date.now() - cached.checkedAt < NONE_TTL.links)
		) {
			continue;
		}
		try {
			const link = await lookUpAlbumLink(mbid, mb());
			const value: CachedAlbumLinks = {
				kind: 'links',
				...(link ? { link } : {}),
				checkedAt: Date.now()
			};
			await cache.put(`links:${mbid}`, value);
		} catch {
			asked.delete(mbid);
			if (isOffline()) return;
		}
	}
}
