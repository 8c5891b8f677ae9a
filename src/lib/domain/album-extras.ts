/**
 * What the app learns about a grounded album after its round was saved, looked up lazily and
 * kept on the device beside the grounding (the catalogue cache), so cards and playlists work
 * offline from what was learnt once: its best link to read about it (MusicBrainz url
 * relationships), its tracks and barcodes (for playlists), and the same album on Spotify.
 */

/** Kinds of page MusicBrainz links a release group to, the review first. */
export const ALBUM_LINK_KINDS = ['review', 'wikipedia', 'wikidata', 'allmusic', 'discogs'] as const;
export type AlbumLinkKind = (typeof ALBUM_LINK_KINDS)[number];

export interface AlbumLink {
	kind: AlbumLinkKind;
	url: string;
	/** The site's host without "www.", e.g. pitchfork.com. */
	site: string;
}

export interface AlbumRecording {
	mbid: string;
	title: string;
	lengthMs?: number;
}

/** `links:<release-group MBID>`: the best link, or none (looked up again after a while). */
export interface CachedAlbumLinks {
	kind: 'links';
	link?: AlbumLink;
	checkedAt: number;
}

/** `tracks:<release-group MBID>`: one release's recordings and the barcodes of its releases. */
export interface CachedTracklist {
	kind: 'tracks';
	barcodes: string[];
	recordings: AlbumRecording[];
	checkedAt: number;
}

/** `spotify:<album identity key>`: the album on Spotify, or not there (looked up again later). */
export interface CachedSpotifyAlbum {
	kind: 'spotify';
	album?: { id: string; url: string; uri: string };
	checkedAt: number;
}

export type CachedAlbumExtra = CachedAlbumLinks | CachedTracklist | CachedSpotifyAlbum;

export interface AlbumExtrasCache {
	get(key: string): Promise<CachedAlbumExtra | undefined>;
	put(key: string, value: CachedAlbumExtra): Promise<void>;
}
