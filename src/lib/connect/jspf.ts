/**
 * A round's albums as a JSPF playlist (JSON XSPF with MusicBrainz's extensions,
 * https://musicbrainz.org/doc/jspf), the format ListenBrainz reads: every track is a MusicBrainz
 * recording (`identifier` = https://musicbrainz.org/recording/<MBID>), and the playlist says
 * whether it is public. Title, creator and album ride along for players that read them.
 */
export const PLAYLIST_EXTENSION = 'https://musicbrainz.org/doc/jspf#playlist';
export const RECORDING_PREFIX = 'https://musicbrainz.org/recording/';

export interface JspfTrack {
	identifier: string;
	title?: string;
	creator?: string;
	album?: string;
	duration?: number;
}

export interface Jspf {
	playlist: {
		title: string;
		creator?: string;
		annotation?: string;
		date?: string;
		extension: { [PLAYLIST_EXTENSION]: { public: boolean } };
		track: JspfTrack[];
	};
}

export interface PlaylistRecording {
	mbid: string;
	title: string;
	artist: string;
	album: string;
	lengthMs?: number;
}

export function buildJspf(playlist: {
	title: string;
	annotation?: string;
	date?: Date;
	recordings: readonly PlaylistRecording[];
}): Jspf {
	return {
		playlist: {
			title: playlist.title,
			creator: 'Sonic Cartographer',
			...(playlist.annotation ? { annotation: playlist.annotation } : {}),
			date: (playlist.date ?? new Date()).toISOString(),
			extension: { [PLAYLIST_EXTENSION]: { public: false } },
			track: playlist.recordings.map((r) => ({
				identifier: `${RECORDING_PREFIX}${r.mbid}`,
				title: r.title,
				creator: r.artist,
				album: r.album,
				...(r.lengthMs ? { duration: r.lengthMs } : {})
			}))
		}
	};
}
