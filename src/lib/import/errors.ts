/**
 * Why an export could not be read, as a code the UI can branch on and a message
 * in the listener's words that names the file and says what we expected.
 *
 * Every message is written here, in one place, so the wording stays consistent
 * and nothing else in the importers builds user-facing text for failures.
 */
import { AppError } from '$lib/errors/base';

export type ImportErrorCode =
	| 'EMPTY'
	| 'BINARY'
	| 'TRUNCATED'
	| 'MALFORMED'
	| 'UNRECOGNISED'
	| 'TOO_LARGE'
	| 'NO_ARTIST_COLUMN'
	| 'NO_MUSIC'
	| 'UNSUPPORTED_ZIP';

/** The app's error base: `code` like every other error, and `describeError` shows the message. */
export class ImportError extends AppError<ImportErrorCode> {
	override name = 'ImportError';

	constructor(
		code: ImportErrorCode,
		/** The file (or zip entry path) the message is about. */
		readonly file: string,
		message: string
	) {
		super(code, message);
	}
}

const EXPECTED =
	'a Spotify, Last.fm, Apple Music, Exportify or Discogs export, a CSV with an artist column, or a text file with one artist per line';

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

export const importErrors = {
	empty: (file: string) =>
		new ImportError('EMPTY', file, `${file} is empty. Expected ${EXPECTED}.`),

	noPlays: (file: string) =>
		new ImportError(
			'EMPTY',
			file,
			`${file} was read but holds no plays or artists. If it is part of a larger export, add the other files (or the whole zip).`
		),

	binary: (file: string, looksLike?: string) =>
		new ImportError(
			'BINARY',
			file,
			`${file} isn't a listening export${looksLike ? ` (it looks like ${looksLike})` : ''}. Expected ${EXPECTED}.`
		),

	truncatedJson: (file: string) =>
		new ImportError(
			'TRUNCATED',
			file,
			`${file} looks cut off: the JSON ends before the list closes. Download the export again.`
		),

	truncatedZip: (file: string) =>
		new ImportError(
			'TRUNCATED',
			file,
			`${file} looks cut off: the zip ends before its table of contents. Download it again (and let the download finish).`
		),

	malformedJson: (file: string, detail: string) =>
		new ImportError(
			'MALFORMED',
			file,
			`${file} isn't valid JSON (${detail}). Was it edited by hand? Download the export again.`
		),

	corruptZip: (file: string, detail: string) =>
		new ImportError(
			'UNSUPPORTED_ZIP',
			file,
			`${file} is a zip we can't open (${detail}). Unzip it yourself and drop the files inside.`
		),

	unrecognisedJson: (file: string) =>
		new ImportError(
			'UNRECOGNISED',
			file,
			`${file} is JSON, but not a listening history we know. Expected Spotify's StreamingHistory*.json, Streaming_History_Audio_*.json, endsong_*.json, YourLibrary.json or Playlist*.json, or a Last.fm export from lastfmstats.com or lastfm.ghan.nl.`
		),

	unrecognised: (file: string) =>
		new ImportError(
			'UNRECOGNISED',
			file,
			`${file} isn't a listening export we know. Expected ${EXPECTED}.`
		),

	unrecognisedZip: (file: string, entries: string[]) =>
		new ImportError(
			'UNRECOGNISED',
			file,
			`${file} holds no listening history we know${entries.length ? ` (it contains ${listSome(entries)})` : ''}. Expected a Spotify, Apple Music or Last.fm export zip.`
		),

	tooLarge: (file: string, bytes: number, limit: number) =>
		new ImportError(
			'TOO_LARGE',
			file,
			`${file} is ${mb(bytes)}, more than the ${mb(limit)} we can read from one file. If it is a whole export, pick the files inside it a few at a time.`
		),

	noArtistColumn: (file: string) =>
		new ImportError(
			'NO_ARTIST_COLUMN',
			file,
			`${file} has no artist column: Apple's Play Activity file only names songs. Use "Apple Music - Play History Daily Tracks.csv" from the same export (inside "Apple Music Activity.zip") instead.`
		),

	unknownColumn: (file: string, column: string, columns: string[]) =>
		new ImportError(
			'NO_ARTIST_COLUMN',
			file,
			`${file} has no column called "${column}". Its columns are: ${listSome(columns)}.`
		),

	onlyPodcasts: (file: string, what: 'podcast' | 'audiobook') =>
		new ImportError(
			'NO_MUSIC',
			file,
			`${file} is your ${what} history, and we only count music. Use the StreamingHistory_music_*.json files from the same export.`
		)
};

/** "a, b, c and 4 more" — keeps messages short when a zip holds dozens of files. */
export function listSome(items: string[], max = 5): string {
	const shown = items.slice(0, max).join(', ');
	return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}
