/**
 * Zips as services send them: several files, folders, files that aren't
 * listening history, and (Apple) zips inside zips.
 */
import { zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../tests/unit/fixtures/import/load';
import { parseExport } from './index';
import { ImportRun } from './run';
import { bytesSource } from './source';

const text = (s: string) => new TextEncoder().encode(s);
const ranked = (artists: { name: string; plays: number; msPlayed: number }[]) =>
	artists.map((a) => [a.name, a.plays, a.msPlayed]);

describe('zips', () => {
	it('reads a Spotify account zip: music counted, podcasts noted, saved music set aside', async () => {
		const zip = zipSync({
			'Spotify Account Data/': {},
			'Spotify Account Data/StreamingHistory_music_0.json': fixture(
				'StreamingHistory_music_0.json'
			),
			'Spotify Account Data/StreamingHistory_podcast_0.json': fixture(
				'StreamingHistory_podcast_0.json'
			),
			'Spotify Account Data/YourLibrary.json': fixture('YourLibrary.json'),
			'Spotify Account Data/Playlist1.json': fixture('Playlist1.json'),
			'Spotify Account Data/Follow.json': text(
				'{"followerCount":0,"followingUsersCount":1,"dismissingUsersCount":0}'
			),
			'Spotify Account Data/Read_Me_First.pdf': text('%PDF-1.4'),
			'__MACOSX/._StreamingHistory_music_0.json': new Uint8Array([0, 5, 22, 7])
		});
		const result = await parseExport('my_spotify_data.zip', zip);
		expect(result.format).toBe('spotify-account');
		expect(ranked(result.artists)).toEqual([
			['Björk', 2, 638_000],
			['Nao', 1, 251_734],
			['Sampha', 1, 30_000]
		]);
		expect(result.warnings).toEqual([
			'Counted your listening history only; the saved music in my_spotify_data.zip › Spotify Account Data/YourLibrary.json, my_spotify_data.zip › Spotify Account Data/Playlist1.json was not added to it.',
			"Skipped my_spotify_data.zip › Spotify Account Data/StreamingHistory_podcast_0.json: podcasts aren't counted, only music.",
			'1 plays appeared more than once in the export and were counted once.'
		]);
		expect(result.files?.map((f) => f.name)).toEqual([
			'my_spotify_data.zip › Spotify Account Data/StreamingHistory_music_0.json'
		]);
	});

	it('combines every extended-history file, old and new layouts, stored or deflated', async () => {
		const zip = zipSync(
			{
				'Spotify Extended Streaming History/Streaming_History_Audio_2024_0.json': [
					fixture('Streaming_History_Audio_2024_0.json'),
					{ level: 0 }
				],
				'Spotify Extended Streaming History/endsong_0.json': fixture('endsong_0.json'),
				'Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf':
					text('%PDF-1.7')
			} satisfies Zippable,
			{ level: 9 }
		);
		const result = await parseExport('my_spotify_data.zip', zip);
		expect(result).toMatchObject({ format: 'spotify-extended', rows: 8, skipped: 2, warnings: [] });
		expect(ranked(result.artists)).toEqual([
			['Robyn', 2, 475_000],
			['Massive Attack', 2, 458_000],
			['Portishead', 1, 200_000]
		]);
	});

	it("opens Apple's zip inside a zip and uses Daily Tracks, not Play Activity", async () => {
		const inner = zipSync({
			'Apple Music Activity/Apple Music - Play History Daily Tracks.csv': fixture(
				'Apple Music - Play History Daily Tracks.csv'
			),
			'Apple Music Activity/Apple Music Play Activity.csv': fixture(
				'Apple Music Play Activity.csv'
			),
			'Apple Music Activity/Apple Music - Container Details.csv': text(
				'Container Description,Container Type,First Event Timestamp\nMorning,PLAYLIST,2024-03-01\n'
			),
			'Apple Music Activity/Apple Music Library Tracks.json': text(
				'[{"Title":"Dreams","Play Count":3}]'
			)
		});
		const outer = zipSync({
			'Apple Media Services information/Apple_Media_Services/Apple Music Activity.zip': inner
		});
		const result = await parseExport('Apple_Media_Services.zip', outer);
		expect(result.format).toBe('apple-daily-tracks');
		expect(result.artists.map((a) => [a.name, a.plays])).toEqual([
			['Fleetwood Mac', 4],
			['Hiatus Kaiyote', 2],
			['Khruangbin', 1]
		]);
		expect(result.warnings).toEqual([]);
		expect(result.files?.[0].name).toBe(
			'Apple_Media_Services.zip › Apple Media Services information/Apple_Media_Services/Apple Music Activity.zip › Apple Music Activity/Apple Music - Play History Daily Tracks.csv'
		);
	});

	it('keeps what it can read and names the damaged file', async () => {
		const zip = zipSync({
			'MyData/StreamingHistory0.json': fixture('StreamingHistory1.json'),
			'MyData/StreamingHistory1.json': fixture('StreamingHistory_music_0.json')
		});
		const result = await parseExport('my_spotify_data.zip', zip);
		expect(result.artists.map((a) => a.name)).toEqual(['Björk', 'Nao', 'Sampha']);
		expect(result.warnings).toContain(
			'my_spotify_data.zip › MyData/StreamingHistory0.json looks cut off: the JSON ends before the list closes. Download the export again.'
		);
	});

	it('counts a play once when the zip and a file from it are both added', async () => {
		const zip = zipSync({
			'Spotify Account Data/StreamingHistory_music_0.json': fixture('StreamingHistory_music_0.json')
		});
		const run = new ImportRun();
		await run.add('my_spotify_data.zip', bytesSource(zip));
		await run.add(
			'StreamingHistory_music_0.json',
			bytesSource(fixture('StreamingHistory_music_0.json'))
		);
		const result = run.finish();
		expect(ranked(result.artists)).toEqual([
			['Björk', 2, 638_000],
			['Nao', 1, 251_734],
			['Sampha', 1, 30_000]
		]);
		expect(result.warnings).toEqual([
			'8 plays appeared more than once in the export and were counted once.'
		]);
	});

	it('combines different services picked together', async () => {
		const run = new ImportRun();
		await run.add(
			'recenttracks-listener-1709500000.csv',
			bytesSource(fixture('recenttracks-listener-1709500000.csv'))
		);
		await run.add('lastfmstats-listener.json', bytesSource(fixture('lastfmstats-listener.json')));
		const result = run.finish();
		expect(result.format).toBe('lastfm-ghan-csv+lastfmstats-json');
		expect(result.artists.map((a) => [a.name, a.plays])).toEqual([
			['Beach House', 2],
			['Grouper', 2],
			['Mitski', 2]
		]);
		expect(result.rows).toBe(7);
	});
});
