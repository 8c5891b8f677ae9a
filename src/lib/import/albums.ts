/**
 * The albums an export shows the listener played (or saved, or owns), so catalogue mode and the
 * AI curator never recommend them back. Spotify's extended history names each play's album
 * (`master_metadata_album_album_name`, by `master_metadata_album_artist_name`), Exportify has
 * "Album Name" and "Album Artist Name(s)", Last.fm exports an album per scrobble, YourLibrary and
 * playlists name saved albums, a Discogs collection its releases.
 *
 * Editions and spellings are one album (`albumIdentityKey`: "OK Computer" and "OK Computer
 * (Remastered)" by "radiohead"); as with artists, each raw pair is keyed once and cached, so
 * the hot path of a million-row export is one Map lookup. A play under 30 s is a skip and does
 * not make an album played.
 */
import { albumIdentityKey } from '$contract/identity';
import { SKIP_THRESHOLD_MS } from './tally';

export interface PlayedAlbum {
	title: string;
	artist: string;
	plays: number;
}

/** The most albums kept with one import run (the most played first). */
export const MAX_PLAYED_ALBUMS = 5000;

interface Entry extends PlayedAlbum {
	key: string;
}

const clean = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

export class AlbumTally {
	#entries = new Map<string, Entry>();
	#cache = new Map<string, Entry | null>();

	/** One play (or one saved album) of `title` by `artist`; blanks are ignored. */
	add(title: unknown, artist: unknown, ms: number | null = null): void {
		if (typeof title !== 'string' || typeof artist !== 'string') return;
		if (ms !== null && ms < SKIP_THRESHOLD_MS) return;
		const raw = `${artist}\u0000${title}`;
		let entry = this.#cache.get(raw);
		if (entry === undefined) {
			entry = this.#entry(clean(title), clean(artist));
			this.#cache.set(raw, entry);
		}
		if (entry) entry.plays++;
	}

	#entry(title: string, artist: string, key = albumIdentityKey({ title, artist })): Entry | null {
		if (!title || !artist || key.startsWith('|')) return null;
		let entry = this.#entries.get(key);
		if (!entry) {
			entry = { key, title, artist, plays: 0 };
			this.#entries.set(key, entry);
		}
		return entry;
	}

	merge(other: AlbumTally): void {
		for (const theirs of other.#entries.values()) {
			const ours = this.#entry(theirs.title, theirs.artist, theirs.key);
			if (ours) ours.plays += theirs.plays;
		}
	}

	get size(): number {
		return this.#entries.size;
	}

	/** The most played first, at most `limit` of them. */
	top(limit = MAX_PLAYED_ALBUMS): PlayedAlbum[] {
		return [...this.#entries.values()]
			.sort((a, b) => b.plays - a.plays || a.key.localeCompare(b.key))
			.slice(0, limit)
			.map(({ title, artist, plays }) => ({ title, artist, plays }));
	}
}
