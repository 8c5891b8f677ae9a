/**
 * The shapes shared by the importers, the worker and the UI.
 */
import type { ImportError } from './errors';
import type { AlbumTally, PlayedAlbum } from './albums';
import type { RankedArtist, Tally } from './tally';

export type { PlayedAlbum, RankedArtist };

export interface ImportFileSummary {
	/** File name, or `zip name › entry path` for a file inside a zip. */
	name: string;
	format: FormatId;
	rows: number;
	skipped: number;
}

export interface ImportResult {
	/** A FormatId, or several joined with "+" when files of different formats were combined. */
	format: string;
	/** Ranked by plays, then msPlayed. */
	artists: RankedArtist[];
	/** Records read (plays, scrobbles, saved tracks, lines…), counted or not. */
	rows: number;
	/** Records that named no artist (podcasts, unavailable tracks, blank names). */
	skipped: number;
	warnings: string[];
	/** Additive: each file that contributed, for the import history. */
	files?: ImportFileSummary[];
	/** Additive: albums the export shows played (or saved), most played first; never recommended. */
	albums?: PlayedAlbum[];
	/** Additive: set when a CSV has no single artist-like column; ask, then call again with `{ column }`. */
	needsColumn?: boolean;
	/** Additive: the CSV's column names (or "Column 1"… when it has no header) to choose from. */
	columns?: string[];
	/** Additive: up to three data rows, aligned with `columns`, to help the listener choose. */
	preview?: string[][];
}

export interface ImportOptions {
	/** The artist column to use in a generic CSV: a header name or "Column N". */
	column?: string;
}

export type FormatId =
	| 'spotify-account'
	| 'spotify-library'
	| 'spotify-playlists'
	| 'spotify-extended'
	| 'exportify'
	| 'discogs'
	| 'lastfm-to-csv'
	| 'lastfm-ghan-csv'
	| 'lastfm-ghan-json'
	| 'lastfmstats-json'
	| 'lastfmstats-csv'
	| 'apple-daily-tracks'
	| 'apple-play-activity'
	| 'text-list'
	| 'generic-csv';

/**
 * History formats record listening; collection formats record what someone
 * saved or owns. When both arrive together (a Spotify account zip has
 * StreamingHistory and YourLibrary), only history is counted.
 */
export type Role = 'history' | 'collection';

/** What one file contributed, before the files of an import are combined. */
export interface FileOutcome {
	name: string;
	format: FormatId;
	role: Role;
	tally: Tally;
	/** The albums the file names (played, saved or owned). */
	albums: AlbumTally;
	rows: number;
	skipped: number;
	warnings: string[];
	/** Set when the artist column must be chosen by the listener. */
	ask?: { columns: string[]; preview: string[][] };
}

/** A file that was recognised and deliberately not counted (podcasts, audiobooks). */
export interface FileNote {
	name: string;
	format?: FormatId;
	/** Shown as a warning when other files were usable; omitted for unremarkable files. */
	note?: string;
	/** The error to raise if nothing else in the import was usable. */
	ifAlone: ImportError;
}

/** Called by parsers as they go; cheap to call often (the run throttles). */
export interface ParseContext {
	/** File name as shown to the listener. */
	file: string;
	options: ImportOptions;
	/** True inside a zip, where files that merely might be lists are not guessed at. */
	nested: boolean;
	/** Report rows read so far in this file and the fraction of it done (0–1). */
	tick(rows: number, fraction: number): void;
	/**
	 * True if a play with this end time and duration was already counted in
	 * this import (exports repeat rows; files get added twice).
	 */
	seen(ts: string, ms: number): boolean;
}
