/**
 * Bad input gets a typed error whose message names the file and says what was
 * expected, in the listener's words.
 */
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from './errors';
import { fixture, fixtureText } from '../../../tests/unit/fixtures/import/load';
import { parseExport } from './index';
import { ImportRun } from './run';
import { bytesSource } from './source';

const bytes = (...b: number[]) => new Uint8Array(b);
const zipped = zipSync({
	'Spotify Account Data/StreamingHistory_music_0.json': fixture('StreamingHistory_music_0.json')
});

const cases: {
	name: string;
	file: string;
	content: string | Uint8Array;
	code: string;
	message: RegExp;
}[] = [
	{
		name: 'an empty file',
		file: 'StreamingHistory0.json',
		content: '',
		code: 'EMPTY',
		message: /^StreamingHistory0\.json is empty\. Expected a Spotify, Last\.fm/
	},
	{
		name: 'only blank lines',
		file: 'artists.txt',
		content: '\n \r\n\t\n',
		code: 'EMPTY',
		message: /^artists\.txt is empty/
	},
	{
		name: 'an empty Spotify history',
		file: 'StreamingHistory_music_3.json',
		content: '[]',
		code: 'EMPTY',
		message: /^StreamingHistory_music_3\.json was read but holds no plays/
	},
	{
		name: 'an image',
		file: 'cover.csv',
		content: bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0),
		code: 'BINARY',
		message: /^cover\.csv isn't a listening export \(it looks like an image\)/
	},
	{
		name: 'a PDF',
		file: 'ReadMeFirst_ExtendedStreamingHistory.pdf',
		content: '%PDF-1.7\n%âãÏÓ',
		code: 'BINARY',
		message: /looks like a PDF/
	},
	{
		name: 'unknown binary',
		file: 'data.json',
		content: bytes(0x7b, 0x00, 0x01, 0x02, 0xff),
		code: 'BINARY',
		message: /^data\.json isn't a listening export\. Expected/
	},
	{
		name: 'JSON cut off mid-download',
		file: 'StreamingHistory1.json',
		content: fixtureText('StreamingHistory1.json'),
		code: 'TRUNCATED',
		message:
			/^StreamingHistory1\.json looks cut off: the JSON ends before the list closes\. Download the export again\.$/
	},
	{
		name: 'JSON with a syntax error',
		file: 'endsong_0.json',
		content: '[\n{"ts": "2016-01-01T00:00:00Z"},,\n{}]',
		code: 'MALFORMED',
		message:
			/^endsong_0\.json isn't valid JSON \(.*\)\. Was it edited by hand\? Download the export again\.$/
	},
	{
		name: 'JSON of another kind',
		file: 'Follow.json',
		content: '{"followerCount": 3, "followingUsersCount": 2}',
		code: 'UNRECOGNISED',
		message:
			/^Follow\.json is JSON, but not a listening history we know\. Expected Spotify's StreamingHistory/
	},
	{
		name: 'podcasts only',
		file: 'StreamingHistory_podcast_0.json',
		content: fixture('StreamingHistory_podcast_0.json'),
		code: 'NO_MUSIC',
		message: /^StreamingHistory_podcast_0\.json is your podcast history, and we only count music/
	},
	{
		name: 'Apple Play Activity without an artist column',
		file: 'Apple Music Play Activity.csv',
		content: fixture('Apple Music Play Activity.csv'),
		code: 'NO_ARTIST_COLUMN',
		message: /^Apple Music Play Activity\.csv has no artist column.*Play History Daily Tracks\.csv/
	},
	{
		name: 'a zip cut off mid-download',
		file: 'my_spotify_data.zip',
		content: zipped.subarray(0, zipped.length - 30),
		code: 'TRUNCATED',
		message: /^my_spotify_data\.zip looks cut off: the zip ends before its table of contents/
	},
	{
		name: 'a zip with nothing we know',
		file: 'photos.zip',
		content: zipSync({
			'notes/todo.json': new TextEncoder().encode('{"todo": []}'),
			'a.pdf': bytes(0x25, 0x50, 0x44, 0x46)
		}),
		code: 'UNRECOGNISED',
		message:
			/^photos\.zip holds no listening history we know \(it contains notes\/todo\.json, a\.pdf\)/
	}
];

describe('bad input', () => {
	it.each(cases)('$name → $code', async ({ file, content, code, message }) => {
		const error = await parseExport(file, content).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(ImportError);
		expect(error).toMatchObject({ code, file });
		expect((error as ImportError).message).toMatch(message);
	});

	it('refuses a file over the size limit before reading it', async () => {
		const run = new ImportRun({}, { maxFileBytes: 1_000_000 });
		await run.add('Streaming_History_Audio_2020.json', bytesSource(new Uint8Array(2_500_000)));
		expect(() => run.finish()).toThrow(
			expect.objectContaining({
				code: 'TOO_LARGE',
				message: expect.stringMatching(
					/^Streaming_History_Audio_2020\.json is 3 MB, more than the 1 MB we can read from one file/
				)
			})
		);
	});

	it('refuses an oversized entry inside a zip by its declared size', async () => {
		const run = new ImportRun({}, { maxFileBytes: 100 });
		await run.add('export.zip', bytesSource(zipped));
		expect(() => run.finish()).toThrow(
			expect.objectContaining({
				code: 'TOO_LARGE',
				file: 'export.zip › Spotify Account Data/StreamingHistory_music_0.json'
			})
		);
	});

	it('names the columns when the chosen column does not exist', async () => {
		const error = await parseExport('top-artists.csv', fixture('top-artists.csv'), {
			column: 'Band'
		}).catch((e: unknown) => e);
		expect(error).toMatchObject({
			code: 'NO_ARTIST_COLUMN',
			message: 'top-artists.csv has no column called "Band". Its columns are: Artist, Plays.'
		});
	});
});
