/**
 * When a CSV's artist column isn't plain, the listener chooses it: the first
 * call returns the columns with a preview, the second passes `{ column }`.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/unit/fixtures/import/load';
import { parseExport } from './index';

const albumList = [
	'"Blue","Joni Mitchell","1971","Rolling Stone 500"',
	'"Pink Moon","Nick Drake","1972","Rolling Stone 500"',
	'"Hejira","Joni Mitchell","1976","Critics"'
].join('\n');

const cases = [
	{
		name: 'two columns could be the artist',
		file: 'two-artist-columns.csv',
		content: fixture('two-artist-columns.csv'),
		columns: ['Title', 'Band', 'Artist'],
		preview: [['Spirit', 'Kate Bush Band', 'Kate Bush']],
		choose: 'Artist',
		artists: [['Kate Bush', 1]]
	},
	{
		name: 'no header at all',
		file: 'albums.csv',
		content: albumList,
		columns: ['Column 1', 'Column 2', 'Column 3', 'Column 4'],
		preview: [
			['Blue', 'Joni Mitchell', '1971', 'Rolling Stone 500'],
			['Pink Moon', 'Nick Drake', '1972', 'Rolling Stone 500'],
			['Hejira', 'Joni Mitchell', '1976', 'Critics']
		],
		choose: 'column 2',
		artists: [
			['Joni Mitchell', 2],
			['Nick Drake', 1]
		]
	}
];

describe('choosing the artist column', () => {
	it.each(cases)('$name: asks, then counts the chosen column', async (c) => {
		const asked = await parseExport(c.file, c.content);
		expect(asked).toMatchObject({
			format: 'generic-csv',
			needsColumn: true,
			columns: c.columns,
			preview: c.preview,
			artists: []
		});

		const chosen = await parseExport(c.file, c.content, { column: c.choose });
		expect(chosen.needsColumn).toBeFalsy();
		expect(chosen.artists.map((a) => [a.name, a.plays])).toEqual(c.artists);
		expect(chosen.rows).toBe(c.artists.reduce((n, [, plays]) => n + Number(plays), 0));
	});

	it('uses a single-column CSV as it is, header or not', async () => {
		for (const content of ['Artist\nRadiohead\nSlowdive\n', 'Radiohead\nSlowdive\n']) {
			const result = await parseExport('list.csv', content);
			expect(result.artists.map((a) => a.name)).toEqual(['Radiohead', 'Slowdive']);
		}
	});

	it('prefers "Artist" over "Album Artist" without asking', async () => {
		const result = await parseExport('songs.csv', fixture('artist-and-album-artist.csv'));
		expect(result.needsColumn).toBeFalsy();
		expect(result.artists[0]).toEqual({ name: 'Kate Bush', plays: 2, msPlayed: 0 });
	});
});

describe('header detection', () => {
	it('takes a row of words above a column of numbers as the header', async () => {
		const { looksLikeHeader } = await import('./generic');
		expect(
			looksLikeHeader(
				['Who', 'Record', 'Score'],
				[
					['Can', 'Tago Mago', '9'],
					['Neu!', 'Neu!', '8']
				]
			)
		).toBe(true);
		expect(
			looksLikeHeader(['Can', 'Tago Mago', 'Krautrock'], [['Neu!', 'Neu!', 'Krautrock']])
		).toBe(false);
	});
});
