/**
 * The albums an import shows played, from the exports that name them: what no curator may
 * recommend. Editions and spellings are one album; skips and blanks are not plays.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/unit/fixtures/import/load';
import { parseExport } from './index';
import { AlbumTally } from './albums';

const titles = (albums: { title: string; artist: string }[] = []) =>
	albums.map((a) => `${a.artist} — ${a.title}`);

describe('albums played, from the exports that name them', () => {
	it('Spotify extended history: the album of each play of 30 s or more, by its album artist', async () => {
		const r = await parseExport(
			'Streaming_History_Audio_2024_0.json',
			fixture('Streaming_History_Audio_2024_0.json')
		);
		expect(r.albums).toEqual([
			{ title: 'Mezzanine', artist: 'Massive Attack', plays: 1 },
			{ title: 'Dummy', artist: 'Portishead', plays: 1 }
		]);
	});

	it('Last.fm (lastfm-to-csv, ghan CSV and JSON, lastfmstats CSV and JSON): every scrobble’s album', async () => {
		const toCsv = await parseExport('lastfm.csv', fixture('lastfm-to-csv.csv'));
		expect(titles(toCsv.albums)).toEqual([
			'Sigur Ros — Takk',
			'Cocteau Twins — Heaven or Las Vegas',
			'Sigur Rós — ()'
		]);
		// "Sigur Ros" and "Sigur Rós" are one artist: Takk was played twice.
		expect(toCsv.albums?.[0].plays).toBe(2);
		for (const name of [
			'recenttracks-listener-1709500000.csv',
			'recenttracks-listener-1709500000.json',
			'lastfmstats-listener.csv',
			'lastfmstats-listener.json'
		]) {
			const r = await parseExport(name, fixture(name));
			expect(r.albums?.length, name).toBeGreaterThan(0);
		}
		const stats = await parseExport(
			'lastfmstats-listener.csv',
			fixture('lastfmstats-listener.csv')
		);
		expect(titles(stats.albums)).toContain('Mitski — Be the Cowboy');
		expect(titles(stats.albums)).toContain('Crosby, Stills & Nash — CSN');
	});

	it('Exportify: "Album Name" credited to the album artist', async () => {
		const r = await parseExport('liked.csv', fixture('exportify-watsonbox.csv'));
		expect(titles(r.albums)).toContain('Kanye West — My Beautiful Dark Twisted Fantasy');
		expect(titles(r.albums)).toContain('Billie Eilish — Mixed');
	});

	it('editions of one album are one album; a skip, a blank title or artist is none', () => {
		const tally = new AlbumTally();
		tally.add('OK Computer', 'Radiohead', 200_000);
		tally.add('OK Computer (Remastered)', 'radiohead', 200_000);
		tally.add('OK Computer OKNOTOK 1997 2017', 'Radiohead', 200_000);
		tally.add('Kid A', 'Radiohead', 5_000);
		tally.add('', 'Radiohead', null);
		tally.add('Amnesiac', null, null);
		expect(tally.top()).toEqual([
			{ title: 'OK Computer', artist: 'Radiohead', plays: 2 },
			{ title: 'OK Computer OKNOTOK 1997 2017', artist: 'Radiohead', plays: 1 }
		]);
	});
});
