/**
 * The catalogue's words: what the curator proposed (an album query), what
 * MusicBrainz said about it (a grounded album), and the slice of MusicBrainz's
 * release-group JSON we read (shared/FORMATS.md §7).
 */

export interface AlbumQuery {
	title: string;
	artist: string;
	year?: string;
}

export type GroundingStatus = 'verified' | 'not-found' | 'unverified';

/** Why an album could not be checked: no network, MusicBrainz failing, or it refused us. */
export type UnverifiedReason = 'offline' | 'unavailable' | 'rejected';

export interface GroundedAlbum extends AlbumQuery {
	status: GroundingStatus;
	/** Release-group MBID, when verified. */
	mbid?: string;
	/** Cover Art Archive front image, 250 px (may 404 when the archive has no art). */
	coverUrl?: string;
	coverUrl500?: string;
	/** The catalogue's first-release year; also copied into `year` when verified. */
	firstReleaseYear?: string;
	matchedTitle?: string;
	matchedArtist?: string;
	/** Only on 'unverified'. */
	unverifiedReason?: UnverifiedReason;
}

export interface MbArtistCredit {
	name: string;
	joinphrase?: string;
	artist: { id: string; name: string; 'sort-name'?: string };
}

export interface MbReleaseGroup {
	id: string;
	score?: number;
	title: string;
	'primary-type'?: string;
	'secondary-types'?: string[];
	'first-release-date'?: string;
	'artist-credit'?: MbArtistCredit[];
}

export interface MbReleaseGroupSearch {
	created?: string;
	count: number;
	offset: number;
	'release-groups': MbReleaseGroup[];
}
