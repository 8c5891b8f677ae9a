/**
 * Every supported format, from a fixture written to FORMATS.md's description:
 * what the listener sees is the detected format, the ranked artists with their
 * counts, rows read and skipped, and any notes.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/unit/fixtures/import/load';
import { parseExport } from './index';

type Artist = [name: string, plays: number, msPlayed?: number];

interface Case {
	file: string;
	/** Name given to the parser, when the test is about detection by content. */
	as?: string;
	format: string;
	artists: Artist[];
	rows: number;
	skipped: number;
	warnings?: RegExp[];
}

const cases: Case[] = [
	{
		file: 'StreamingHistory_music_0.json',
		format: 'spotify-account',
		// Björk: three spellings merged, the 12 s play counts time only; Nao: the
		// repeated row counts once and the 29,999 ms play isn't a play.
		artists: [
			['Björk', 2, 638_000],
			['Nao', 1, 251_734],
			['Sampha', 1, 30_000]
		],
		rows: 7,
		skipped: 0,
		warnings: [/1 plays appeared more than once/]
	},
	{
		file: 'Streaming_History_Audio_2024_0.json',
		format: 'spotify-extended',
		artists: [
			['Massive Attack', 1, 248_000],
			['Portishead', 1, 200_000]
		],
		rows: 5,
		skipped: 2
	},
	{
		file: 'endsong_0.json',
		format: 'spotify-extended',
		artists: [
			['Robyn', 2, 475_000],
			['Massive Attack', 1, 210_000]
		],
		rows: 3,
		skipped: 0
	},
	{
		file: 'Streaming_History_Audio_2024_0.json',
		as: 'export (1).json',
		format: 'spotify-extended',
		artists: [
			['Massive Attack', 1, 248_000],
			['Portishead', 1, 200_000]
		],
		rows: 5,
		skipped: 2
	},
	{
		file: 'YourLibrary.json',
		format: 'spotify-library',
		artists: [
			['Radiohead', 2],
			['Sigur Rós', 2],
			['Björk', 1]
		],
		rows: 5,
		skipped: 0
	},
	{
		file: 'Playlist1.json',
		format: 'spotify-playlists',
		artists: [
			['Björk', 2],
			['Massive Attack', 1]
		],
		rows: 4,
		skipped: 1
	},
	{
		file: 'exportify-watsonbox.csv',
		format: 'exportify',
		artists: [
			['Bon Iver', 2],
			['Billie Eilish', 1],
			['Kanye West', 1],
			['Local Band', 1],
			['Tyler, The Creator', 1]
		],
		rows: 4,
		skipped: 0
	},
	{
		file: 'exportify-watsonbox-2015.csv',
		format: 'exportify',
		artists: [
			['Aphex Twin', 2],
			['Boards of Canada', 1]
		],
		rows: 3,
		skipped: 0
	},
	{
		file: 'exportify-watsonbox-fr.csv',
		as: 'Mes titres.csv',
		format: 'exportify',
		artists: [
			['Angèle', 1],
			['Roméo Elvis', 1],
			['Stromae', 1]
		],
		rows: 2,
		skipped: 0
	},
	{
		file: 'exportify-pavelkomarov.csv',
		format: 'exportify',
		artists: [
			['Billie Eilish', 1],
			['Kali Uchis', 1],
			['Tyler, The Creator', 1]
		],
		rows: 2,
		skipped: 0
	},
	{
		file: 'exportify-pavelkomarov-2019.csv',
		format: 'exportify',
		artists: [
			['Daft Punk', 1],
			['Pharrell Williams', 1],
			['Tyler The Creator', 1]
		],
		rows: 2,
		skipped: 0
	},
	{
		file: 'discogs.csv',
		as: 'listener-collection-20240301-1000.csv',
		format: 'discogs',
		artists: [
			['Cream', 2],
			['Die Warzau', 1],
			['Earth, Wind & Fire', 1],
			['Eat', 1],
			['Prince And The Revolution', 1],
			['Was (Not Was)', 1]
		],
		rows: 7,
		skipped: 1
	},
	{
		file: 'lastfm-to-csv.csv',
		as: 'listener.csv',
		format: 'lastfm-to-csv',
		artists: [
			['Sigur Rós', 3],
			['Cocteau Twins', 1]
		],
		rows: 4,
		skipped: 0
	},
	{
		file: 'recenttracks-listener-1709500000.csv',
		format: 'lastfm-ghan-csv',
		artists: [
			['Beach House', 2],
			['Grouper', 1]
		],
		rows: 3,
		skipped: 0
	},
	{
		file: 'recenttracks-listener-1709500000.json',
		format: 'lastfm-ghan-json',
		// The "now playing" track isn't a scrobble yet.
		artists: [
			['Caribou', 1],
			['Four Tet', 1]
		],
		rows: 2,
		skipped: 0
	},
	{
		file: 'lastfmstats-listener.json',
		format: 'lastfmstats-json',
		artists: [
			['Mitski', 2],
			['Grouper', 1]
		],
		rows: 4,
		skipped: 1
	},
	{
		file: 'lastfmstats-listener.csv',
		format: 'lastfmstats-csv',
		artists: [
			['Mitski', 2],
			['Crosby, Stills & Nash', 1]
		],
		rows: 3,
		skipped: 0
	},
	{
		file: 'Apple Music - Play History Daily Tracks.csv',
		format: 'apple-daily-tracks',
		artists: [
			['Fleetwood Mac', 4, 920_000],
			['Hiatus Kaiyote', 2, 400_000],
			['Khruangbin', 1, 265_000]
		],
		rows: 6,
		skipped: 1
	},
	{
		file: 'Apple Music Play Activity 2018.csv',
		as: 'Apple Music Play Activity.csv',
		format: 'apple-play-activity',
		artists: [
			['Solange', 1, 250_000],
			['Beyoncé', 1, 236_000]
		],
		rows: 3,
		skipped: 0
	},
	{
		file: 'my-artists.txt',
		format: 'text-list',
		artists: [
			['Björk', 2],
			['Earth, Wind & Fire', 1],
			['Radiohead', 1]
		],
		rows: 4,
		skipped: 0
	},
	{
		file: 'top-artists.csv',
		format: 'generic-csv',
		artists: [
			['Radiohead', 120],
			['Björk', 85],
			['Slowdive', 40]
		],
		rows: 4,
		skipped: 0
	},
	{
		file: 'artist-and-album-artist.csv',
		format: 'generic-csv',
		artists: [
			['Kate Bush', 2],
			['Fleetwood Mac', 1]
		],
		rows: 3,
		skipped: 0
	}
];

describe('parseExport recognises each format by its content', () => {
	it.each(cases)('$file as "$as" → $format', async (c) => {
		const result = await parseExport(c.as ?? c.file, fixture(c.file));
		expect(result.format).toBe(c.format);
		const shown = result.artists.map((a) => [a.name, a.plays, a.msPlayed]);
		const expected = c.artists.map(([name, plays, ms]) => [name, plays, ms ?? 0]);
		expect(shown).toEqual(expected);
		expect({ rows: result.rows, skipped: result.skipped }).toEqual({
			rows: c.rows,
			skipped: c.skipped
		});
		expect(result.warnings).toHaveLength(c.warnings?.length ?? 0);
		for (const w of c.warnings ?? []) expect(result.warnings.join('\n')).toMatch(w);
		expect(result.needsColumn).toBeFalsy();
	});
});
