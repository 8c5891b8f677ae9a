import { writeFileSync } from 'node:fs';
import { zipSync, strToU8 } from 'fflate';
import { expect, test } from './fixtures';
import { fakeAI } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

/** Spotify "Account data" records: plays under 30 s count as time, not as plays. */
function streamingHistory(plays: [artist: string, count: number][]) {
	let minute = 0;
	const at = () => {
		minute += 4;
		const d = new Date(Date.UTC(2024, 2, 1) + minute * 60_000).toISOString();
		return `${d.slice(0, 10)} ${d.slice(11, 16)}`;
	};
	const rows = plays.flatMap(([artistName, count]) =>
		Array.from({ length: count }, (_, i) => ({
			endTime: at(),
			artistName,
			trackName: `${artistName} track ${i}`,
			msPlayed: 200_000
		}))
	);
	rows.push({
		endTime: '2024-03-01 13:00',
		artistName: 'Skipped Band',
		trackName: 'x',
		msPlayed: 5_000
	});
	return JSON.stringify(rows, null, 2);
}

test('importing a Spotify export ranks its artists and starts a portrait from them', async ({
	page
}, info) => {
	const file = info.outputPath('StreamingHistory_music_0.json');
	writeFileSync(
		file,
		streamingHistory([
			['Radiohead', 9],
			['Björk', 7],
			['bjork', 1],
			['Portishead', 5],
			['Massive Attack', 4],
			['Tricky', 3],
			['Goldfrapp', 2]
		])
	);
	await page.goto('/artists');
	await page.getByLabel('Listening export files').setInputFiles(file);
	await expect(page.getByTestId('import-format')).toContainText('Spotify');
	const top = page.getByRole('list', { name: 'Top artists' }).getByRole('listitem');
	await expect(top.first()).toContainText('Radiohead');
	await expect(top.nth(1)).toContainText('Björk');
	await expect(top.nth(1)).toContainText('8 plays');
	await expect(top.filter({ hasText: 'Goldfrapp' })).toContainText('2 plays');
	// Listed, so the listener sees it was read, but a band only ever skipped starts unticked.
	const skipped = top.filter({ hasText: 'Skipped Band' });
	await expect(skipped).toContainText('0 plays');
	await expect(skipped.getByRole('checkbox')).not.toBeChecked();
	await expect(page.getByTestId('import-chosen')).toHaveText('6 of 7 artists selected');
	await expect(page.getByTestId('artist-count')).toHaveText('6 artists');
	// The imported artists are the chips under the box; its example placeholder is gone.
	await expect(
		page.getByRole('list', { name: 'Artists recognised' }).getByRole('listitem')
	).toHaveCount(6);
	const box = page.getByLabel('Artists', { exact: true });
	await expect(box).toHaveAttribute('placeholder', 'Add anyone the import missed, one per line');
	await top.filter({ hasText: 'Tricky' }).getByRole('checkbox').uncheck();
	await expect(page.getByTestId('artist-count')).toHaveText('5 artists');

	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByTestId('portrait-summary')).toBeVisible();
	const calls = await fakeAI.calls();
	expect(calls.byRoute.portrait).toBe(1);

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await page.getByTestId('history-item').click();
	await expect(page.getByTestId('history-import')).toContainText('StreamingHistory_music_0.json');
	await expect(page.getByTestId('history-import')).toContainText('5 artists used');
});

test('a broken file gets a clear message naming it, and nothing is saved', async ({
	page
}, info) => {
	const cut = info.outputPath('StreamingHistory0.json');
	writeFileSync(cut, streamingHistory([['Radiohead', 3]]).slice(0, 200));
	const binary = info.outputPath('photo.csv');
	writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 0xff, 0xfe, 0, 1, 2, 3]));
	await page.goto('/artists');
	await page.getByLabel('Listening export files').setInputFiles(cut);
	await expect(page.getByTestId('import-error')).toContainText('StreamingHistory0.json');
	await page.getByLabel('Listening export files').setInputFiles(binary);
	await expect(page.getByTestId('import-error')).toContainText('photo.csv');
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await expect(page.getByText('No journeys yet')).toBeVisible();
});

test('a 300 MB extended streaming history zip imports in the browser @slow', async ({
	page
}, info) => {
	test.setTimeout(240_000);
	// Generated: many files of the 2024+ extended layout in one zip, as Spotify sends them.
	const artists = Array.from({ length: 400 }, (_, i) => `Artist ${i}`);
	const files: Record<string, Uint8Array> = {};
	let total = 0;
	let records = 0;
	for (let f = 0; total < 300 * 1024 * 1024; f++) {
		const rows: string[] = [];
		for (let i = 0; i < 30_000; i++) {
			const a = artists[(i * 7 + f) % artists.length];
			rows.push(
				JSON.stringify({
					ts: '2024-05-01T12:00:00Z',
					platform: 'android',
					ms_played: 180_000 + (i % 1000),
					conn_country: 'GB',
					ip_addr: 'x.x.x.x',
					master_metadata_track_name: `Song ${i}`,
					master_metadata_album_artist_name: a,
					master_metadata_album_album_name: `Album ${i % 50}`,
					spotify_track_uri: `spotify:track:${f}x${i}`,
					episode_name: null,
					episode_show_name: null,
					spotify_episode_uri: null,
					audiobook_title: null,
					audiobook_uri: null,
					audiobook_chapter_uri: null,
					audiobook_chapter_title: null,
					reason_start: 'trackdone',
					reason_end: 'trackdone',
					shuffle: false,
					skipped: false,
					offline: false,
					offline_timestamp: null,
					incognito_mode: false
				})
			);
		}
		const json = strToU8(`[\n${rows.join(',\n')}\n]`);
		total += json.length;
		records += rows.length;
		files[`Spotify Extended Streaming History/Streaming_History_Audio_2024_${f}.json`] = json;
	}
	const zip = info.outputPath('my_spotify_data.zip');
	writeFileSync(zip, zipSync(files, { level: 1 }));

	await page.goto('/artists');
	await page.evaluate(() => {
		const w = window as unknown as { longest: number };
		w.longest = 0;
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.longest = Math.max(w.longest, e.duration);
		}).observe({ type: 'longtask', buffered: true });
	});
	await page.getByLabel('Listening export files').setInputFiles(zip);
	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
	await expect(page.getByTestId('import-format')).toContainText('Spotify', { timeout: 200_000 });
	await expect(page.getByTestId('import-result')).toContainText(records.toLocaleString('en-US'));
	const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
	info.annotations.push({
		type: 'import',
		description: `${(total / 1024 / 1024).toFixed(0)} MB, ${records} records; longest main-thread task ${longest.toFixed(0)} ms`
	});
	console.log(
		`300 MB import: ${records} records, longest main-thread task ${longest.toFixed(0)} ms`
	);
	await expect(page.getByTestId('import-chosen')).toHaveText('25 of 400 artists selected');
});

test('a CSV with no clear artist column lets the listener pick it', async ({ page }, info) => {
	const file = info.outputPath('my-favourites.csv');
	writeFileSync(
		file,
		[
			'Who,Record,Score',
			'Can,Tago Mago,9',
			'Neu!,Neu!,8',
			'Can,Future Days,10',
			'Faust,IV,7',
			'Cluster,Zuckerzeit,8',
			'Harmonia,Musik von Harmonia,9'
		].join('\n')
	);
	await page.goto('/artists');
	await page.getByLabel('Listening export files').setInputFiles(file);
	await expect(page.getByTestId('import-column')).toContainText(
		'Which column holds the artist names'
	);
	await page.getByTestId('import-column').getByRole('button', { name: 'Who e.g. Can' }).click();
	const top = page.getByRole('list', { name: 'Top artists' }).getByRole('listitem');
	await expect(top.first()).toContainText('Can');
	await expect(top.first()).toContainText('2 plays');
	await expect(page.getByTestId('artist-count')).toHaveText('5 artists');
});

test('a long import can be cancelled and nothing is kept', async ({ page }, info) => {
	const rows = Array.from({ length: 400_000 }, (_, i) =>
		JSON.stringify({
			endTime: '2024-01-01 00:00',
			artistName: `Artist ${i % 300}`,
			trackName: `T${i}`,
			msPlayed: 100_000 + i
		})
	);
	const file = info.outputPath('StreamingHistory_music_0.json');
	writeFileSync(file, `[\n${rows.join(',\n')}\n]`);
	await page.goto('/artists');
	await page.getByLabel('Listening export files').setInputFiles(file);
	await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('import-error')).toHaveText('Import cancelled. Nothing was saved.');
	await expect(page.getByTestId('import-result')).toHaveCount(0);
	await expect(page.getByTestId('artist-count')).toHaveText('0 artists');
});
