/**
 * A round's albums taken elsewhere: a private Spotify playlist, a ListenBrainz playlist in the
 * listener's account, or a JSPF file to keep. Every album is looked up first (Spotify's album,
 * MusicBrainz's recordings) and only then is anything created, so a failure half-way leaves
 * nothing behind in the listener's account; albums that cannot be found are reported by name
 * instead of failing the rest. Progress goes to `onProgress` as each album is looked at.
 */
import { config } from '$lib/config';
import { buildJspf, type Jspf, type PlaylistRecording } from '$lib/connect/jspf';
import { createPlaylist as lbCreate } from '$lib/connect/listenbrainz';
import {
	addToPlaylist,
	albumTrackUris,
	createPlaylist as spotifyCreate,
	type SpotifyAccess
} from '$lib/connect/spotify';
import { loadConnection, saveConnection } from '$lib/db/connections';
import { ConnectError } from '$lib/errors/base';
import { albumIdentityKey } from '$contract/identity';
import { spotifyAlbumOf, tracklistOf, type AlbumRef } from './album-extras';
import { laterCheck } from './grounding';
import { spotifyConfigured, withSpotify } from './spotify-session';

export type { AlbumRef };

export interface SaveProgress {
	step: 'finding' | 'creating' | 'adding';
	/** Albums looked at (finding) or tracks added (adding) so far, of `total`. */
	done: number;
	total: number;
	album?: string;
}

export interface MissingAlbum {
	title: string;
	artist: string;
	/** Why, in the listener's words. */
	why: string;
}

export interface SaveReport {
	/** The playlist's page; none when no album could be found. */
	url?: string;
	albums: number;
	tracks: number;
	missing: MissingAlbum[];
}

type Progress = (p: SaveProgress) => void;

/** The playlist's name and description for a round. */
export function playlistTitle(round: number, date = new Date()): string {
	return `Sonic Cartographer · round ${round} · ${date.toISOString().slice(0, 10)}`;
}

const DESCRIPTION =
	'Albums recommended by Sonic Cartographer for one round of a listening journey.';

/** Finds each album on Spotify and makes one private playlist of their tracks, in order. */
export function saveRoundToSpotify(
	albums: readonly AlbumRef[],
	title: string,
	onProgress: Progress,
	signal?: AbortSignal
): Promise<SaveReport> {
	return withSpotify(async (access: SpotifyAccess) => {
		const uris: string[] = [];
		const missing: MissingAlbum[] = [];
		let found = 0;
		for (const [i, album] of albums.entries()) {
			onProgress({ step: 'finding', done: i, total: albums.length, album: album.title });
			const match = await spotifyAlbumOf(album, access, { useBarcodes: true, signal });
			if (!match) {
				missing.push({ ...pick(album), why: 'not found on Spotify' });
				continue;
			}
			const tracks = await albumTrackUris(access, match.id);
			if (!tracks.length) {
				missing.push({ ...pick(album), why: 'no playable tracks on Spotify' });
				continue;
			}
			found++;
			uris.push(...tracks);
		}
		if (!uris.length) return { albums: 0, tracks: 0, missing };
		onProgress({ step: 'creating', done: 0, total: uris.length });
		const playlist = await spotifyCreate(access, { name: title, description: DESCRIPTION });
		await addToPlaylist(access, playlist.id, uris, (done) =>
			onProgress({ step: 'adding', done, total: uris.length })
		);
		return { url: playlist.url, albums: found, tracks: uris.length, missing };
	}, signal);
}

const pick = ({ title, artist }: AlbumRef) => ({ title, artist });

/**
 * The round's albums with their release group where it is known by now: an album left
 * unverified when its round was made may have been checked since (the catalogue cache).
 */
export async function groundedSince(albums: readonly AlbumRef[]): Promise<AlbumRef[]> {
	return Promise.all(
		albums.map(async (album) => {
			if (album.mbid) return album;
			const later = await laterCheck(albumIdentityKey(album));
			return later?.status === 'verified' && later.mbid ? { ...album, mbid: later.mbid } : album;
		})
	);
}

/** Each album's recordings from MusicBrainz (cached); albums without any are reported missing. */
async function recordingsOf(
	albums: readonly AlbumRef[],
	onProgress: Progress,
	signal?: AbortSignal
): Promise<{ recordings: PlaylistRecording[]; missing: MissingAlbum[]; albums: number }> {
	const recordings: PlaylistRecording[] = [];
	const missing: MissingAlbum[] = [];
	let found = 0;
	for (const [i, album] of albums.entries()) {
		onProgress({ step: 'finding', done: i, total: albums.length, album: album.title });
		if (!album.mbid) {
			missing.push({ ...pick(album), why: 'not verified in MusicBrainz yet' });
			continue;
		}
		const list = await tracklistOf(album.mbid, signal);
		if (!list.recordings.length) {
			missing.push({ ...pick(album), why: 'MusicBrainz lists no tracks for it' });
			continue;
		}
		found++;
		for (const r of list.recordings) {
			recordings.push({
				mbid: r.mbid,
				title: r.title,
				artist: album.artist,
				album: album.title,
				lengthMs: r.lengthMs
			});
		}
	}
	return { recordings, missing, albums: found };
}

/** The round as a JSPF playlist (every track a MusicBrainz recording), to save as a file. */
export async function roundJspf(
	albums: readonly AlbumRef[],
	title: string,
	onProgress: Progress,
	signal?: AbortSignal
): Promise<{ jspf: Jspf; fileName: string; report: SaveReport }> {
	const { recordings, missing, albums: found } = await recordingsOf(albums, onProgress, signal);
	const jspf = buildJspf({ title, annotation: DESCRIPTION, recordings });
	const fileName = `${title
		.replace(/[^\p{L}\p{N}]+/gu, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()}.jspf`;
	return { jspf, fileName, report: { albums: found, tracks: recordings.length, missing } };
}

/** Saves the round to the listener's ListenBrainz account with their user token. */
export async function saveRoundToListenBrainz(
	albums: readonly AlbumRef[],
	title: string,
	onProgress: Progress,
	signal?: AbortSignal
): Promise<SaveReport> {
	const token = (await loadConnection('listenbrainz'))?.token;
	if (!token) {
		throw new ConnectError('listenbrainz', 'NOT_CONNECTED', 'No ListenBrainz user token');
	}
	const { jspf, report } = await roundJspf(albums, title, onProgress, signal);
	if (!report.tracks) return report;
	onProgress({ step: 'creating', done: 0, total: report.tracks });
	try {
		const made = await lbCreate(config.listenbrainzUrl, token, jspf, { signal });
		return { ...report, url: made.url };
	} catch (error) {
		// A token ListenBrainz no longer takes is forgotten; the username stays.
		if (error instanceof ConnectError && error.code === 'INVALID_TOKEN') {
			await saveConnection('listenbrainz', { token: undefined, user: undefined });
		}
		throw error;
	}
}

/**
 * When Spotify is connected, finds the round's albums there (an album search each, cached), so
 * their cards link to the album itself. Quiet: a failure only leaves the cards' searches.
 */
export async function findRoundOnSpotify(albums: readonly AlbumRef[]): Promise<void> {
	if (!spotifyConfigured() || !(await loadConnection('spotify'))?.refreshToken) return;
	try {
		await withSpotify(async (access) => {
			for (const album of albums) await spotifyAlbumOf(album, access, { useBarcodes: false });
		});
	} catch {
		// The cards keep their search links; saving to Spotify reports any real problem.
	}
}
