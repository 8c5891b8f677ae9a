/**
 * Spotify "Account data" (Privacy > Download your data), FORMATS.md §1.
 *
 * StreamingHistory*.json holds one primary artist per play with msPlayed, so the
 * 30 s rule applies. YourLibrary.json and Playlist*.json have no plays at all:
 * each saved track, album, followed artist or playlist entry counts as one.
 */
import { importErrors } from './errors';
import { newOutcome, TICK_EVERY } from './outcome';
import type { FileNote, FileOutcome, ParseContext } from './types';
import { isRecord, num, str, type Json } from './values';

export function isAccountHistory(first: Json): boolean {
	return 'endTime' in first && ('artistName' in first || 'trackName' in first);
}

/** Newer exports put podcasts and audiobooks in their own files with their own keys. */
export function nonMusicKind(first: Json): 'podcast' | 'audiobook' | null {
	if ('podcastName' in first || 'episodeName' in first) return 'podcast';
	if (Object.keys(first).some((k) => k.startsWith('audiobook') || k.startsWith('chapter'))) {
		return 'audiobook';
	}
	return null;
}

export function skipNonMusic(ctx: ParseContext, kind: 'podcast' | 'audiobook'): FileNote {
	return {
		name: ctx.file,
		note: `Skipped ${ctx.file}: ${kind}s aren't counted, only music.`,
		ifAlone: importErrors.onlyPodcasts(ctx.file, kind)
	};
}

export function parseAccountHistory(ctx: ParseContext, list: unknown[]): FileOutcome {
	const out = newOutcome(ctx.file, 'spotify-account', 'history');
	const n = list.length;
	for (let i = 0; i < n; i++) {
		if (i % TICK_EVERY === 0) ctx.tick(out.rows, i / n);
		const row = list[i];
		if (!isRecord(row)) continue;
		out.rows++;
		const artist = str(row.artistName);
		if (artist === null) {
			out.skipped++;
			continue;
		}
		const ms = num(row.msPlayed) ?? 0;
		if (typeof row.endTime === 'string' && ctx.seen(row.endTime, ms)) continue;
		if (!out.tally.add(artist, ms)) out.skipped++;
	}
	return out;
}

export function isLibrary(v: Json): boolean {
	return Array.isArray(v.tracks) && (Array.isArray(v.albums) || Array.isArray(v.bannedTracks));
}

/** YourLibrary.json: saved tracks and albums credit their artist; followed artists count once. */
export function parseLibrary(ctx: ParseContext, v: Json): FileOutcome {
	const out = newOutcome(ctx.file, 'spotify-library', 'collection');
	const lists: [unknown, string][] = [
		[v.tracks, 'artist'],
		[v.albums, 'artist'],
		[v.artists, 'name']
	];
	for (const [list, key] of lists) {
		if (!Array.isArray(list)) continue;
		for (const item of list) {
			if (!isRecord(item)) continue;
			out.rows++;
			const artist = str(item[key]);
			if (artist === null || !out.tally.add(artist, null)) out.skipped++;
			else if (key === 'artist') out.albums.add(str(item.album), artist);
		}
	}
	return out;
}

export function isPlaylists(v: Json): boolean {
	return Array.isArray(v.playlists);
}

/** Playlist*.json: every track on every playlist credits its artist; episodes are skipped. */
export function parsePlaylists(ctx: ParseContext, v: Json): FileOutcome {
	const out = newOutcome(ctx.file, 'spotify-playlists', 'collection');
	const playlists = Array.isArray(v.playlists) ? v.playlists : [];
	for (const playlist of playlists) {
		if (!isRecord(playlist) || !Array.isArray(playlist.items)) continue;
		for (const item of playlist.items) {
			if (!isRecord(item)) continue;
			out.rows++;
			const track = isRecord(item.track)
				? item.track
				: isRecord(item.localTrack)
					? item.localTrack
					: null;
			const artist = track ? str(track.artistName) : null;
			if (artist === null || !out.tally.add(artist, null)) out.skipped++;
			else out.albums.add(track ? str(track.albumName) : null, artist);
		}
	}
	return out;
}
