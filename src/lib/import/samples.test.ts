/**
 * The real exports in ../shared/samples (absent from a fresh clone: then
 * these tests are skipped). Expected figures were counted independently from
 * the raw files (FORMATS.md rules: 30 s threshold, null metadata skipped).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseExport } from './index';

const dir = fileURLToPath(new URL('../../../../shared/samples/', import.meta.url));

const read = (name: string) => new Uint8Array(readFileSync(dir + name));

const cases: {
	file: string;
	format: string;
	rows: number;
	skipped: number;
	top: [string, number][];
}[] = [
	{
		file: 'spotify_account_StreamingHistory0.first1000.json',
		format: 'spotify-account',
		rows: 1000,
		skipped: 0,
		top: [
			['Chloe x Halle', 68],
			['Nao', 47],
			['Sam Smith', 20]
		]
	},
	{
		file: 'spotify_extended_Streaming_History_Audio_koito_test.json',
		format: 'spotify-extended',
		rows: 39,
		skipped: 0,
		// Most of these 39 plays are skips: ranking falls back to listening time.
		top: [
			['The Story So Far', 1],
			['Rachel Platten', 1],
			['bbno$', 1]
		]
	},
	{
		file: 'exportify_watsonbox_fixture_ghostpoet.csv',
		format: 'exportify',
		rows: 2,
		skipped: 0,
		top: [['Ghostpoet', 2]]
	},
	{
		file: 'exportify_watsonbox_fixture_liked_album_data.csv',
		format: 'exportify',
		rows: 1,
		skipped: 0,
		top: [['Six by Seven', 1]]
	},
	{
		file: 'exportify_watsonbox_fixture_local_files.csv',
		format: 'exportify',
		rows: 2,
		skipped: 0,
		top: [
			['Charlie Marie', 1],
			['The Waymores', 1]
		]
	},
	{
		file: 'lastfm_to_csv_benjaminbenben_derived_from_fixture.csv',
		format: 'lastfm-to-csv',
		rows: 10,
		skipped: 0,
		top: [['TEEN', 10]]
	},
	{
		file: 'lastfm_ghan_recenttracks-shoko2-1749776100.json',
		format: 'lastfm-ghan-json',
		rows: 10,
		skipped: 0,
		top: [['Necry Talkie', 2]]
	},
	{
		file: 'lastfmstats-TestUser.json',
		format: 'lastfmstats-json',
		rows: 1891,
		skipped: 0,
		top: [
			['Enya', 122],
			['Jenny Lewis with The Watson Twins', 92],
			['The Chemical Brothers', 77]
		]
	}
];

describe.skipIf(!existsSync(dir))('real exports in shared/samples', () => {
	it.each(cases)('$file', async (c) => {
		const result = await parseExport(c.file, read(c.file));
		expect(result.format).toBe(c.format);
		expect({ rows: result.rows, skipped: result.skipped }).toEqual({
			rows: c.rows,
			skipped: c.skipped
		});
		expect(result.artists.slice(0, c.top.length).map((a) => [a.name, a.plays])).toEqual(c.top);
	});

	it('asks which column holds the artist in the headerless album list', async () => {
		const file = 'albums_rs500_seanbreckenridge_all_subset.csv';
		const asked = await parseExport(file, read(file));
		expect(asked.needsColumn).toBe(true);
		expect(asked.columns).toHaveLength(8);
		const chosen = await parseExport(file, read(file), { column: 'Column 2' });
		expect(chosen.rows).toBe(515);
		expect(chosen.artists[0].name).toBe('Bob Dylan');
	});
});
