/**
 * The app under the Content-Security-Policy it ships with (static/_headers), served
 * as Netlify or Cloudflare Pages would, with the hosted services' addresses replaced
 * by this stack's, as an operator fills in their project. A listener walks the start
 * page, imports an export on the artists page (Web Worker), has a portrait drawn and
 * a conversation streamed by the curator, and gets grounded recommendations with
 * cover art; the browser must report no violation on the way.
 */
import { writeFileSync } from 'node:fs';
import { TEST_PORTS } from './ports';
import { expect, test } from './fixtures';
import { converse, fakeAI } from './support';
import { connectSpotify, resetServices } from './connect-support';
import { serveApp } from '../../scripts/serve-app.mjs';

test.beforeEach(async () => {
	await fakeAI.reset();
	await fetch(`http://127.0.0.1:${TEST_PORTS.fakeMusicBrainz}/__fake/reset`, { method: 'POST' });
	await resetServices();
});

test('the shipped Content-Security-Policy lets every step run and reports nothing', async ({
	page
}, info) => {
	const server = await serveApp({
		dir: '.local/test-build',
		// The curator and the stand-in allow this origin (playwright.config.ts).
		port: 4274,
		hosts: {
			'https://*.supabase.co': `http://127.0.0.1:${TEST_PORTS.standin}`,
			'https://musicbrainz.org': `http://127.0.0.1:${TEST_PORTS.fakeMusicBrainz}`,
			'https://labs.api.listenbrainz.org': `http://127.0.0.1:${TEST_PORTS.fakeListenBrainz}`,
			'https://accounts.spotify.com': `http://127.0.0.1:${TEST_PORTS.fakeSpotify}`,
			'https://api.spotify.com': `http://127.0.0.1:${TEST_PORTS.fakeSpotify}`,
			'https://api.listenbrainz.org': `http://127.0.0.1:${TEST_PORTS.fakeListenBrainz}`
		}
	});
	const violations: string[] = [];
	await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			const report = (window as unknown as { reportCspViolation: (v: string) => void })
				.reportCspViolation;
			void report(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile})`);
		});
	});
	page.on('console', (msg) => {
		if (/content security policy/i.test(msg.text())) violations.push(msg.text());
	});
	try {
		const res = await page.goto(`${server.url}/`);
		const csp = (await res?.headerValue('content-security-policy')) ?? '';
		expect(csp).toContain("default-src 'self'");
		expect(csp).toContain(`connect-src 'self' http://127.0.0.1:${TEST_PORTS.standin}`);
		await expect(
			page.getByRole('heading', { name: 'Map your next favourite album' })
		).toBeVisible();
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));

		// The artists page: Spotify's sign-in and Web API, ListenBrainz, Last.fm (via the curator).
		await page
			.getByRole('link', { name: /start discovery|new journey/i })
			.first()
			.click();
		await connectSpotify(page);
		const brought = async (source: string, button: string) => {
			const panel = page.getByTestId(`source-${source}`);
			await panel.getByRole('button', { name: button }).click();
			await expect(panel.getByRole('status')).toContainText('added to your list');
		};
		await brought('spotify', 'Bring my Spotify artists');
		await page.getByLabel('ListenBrainz username').fill('ada-brainz');
		await brought('listenbrainz', 'Bring my ListenBrainz artists');
		await page.getByLabel('Last.fm username').fill('ada-scrobbles');
		await brought('lastfm', 'Bring my Last.fm artists');
		await expect(page.getByTestId('artist-count')).toHaveText('14 artists');

		// An import run by the Web Worker.
		const file = info.outputPath('StreamingHistory_music_0.json');
		const plays = ['Radiohead', 'Björk', 'Portishead', 'Massive Attack', 'Tricky', 'Goldfrapp'];
		writeFileSync(
			file,
			JSON.stringify(
				plays.map((artistName, i) => ({
					endTime: `2024-03-01 1${i}:00`,
					artistName,
					trackName: 'A track',
					msPlayed: 200_000
				}))
			)
		);
		await page.getByLabel('Listening export files').setInputFiles(file);
		await expect(page.getByTestId('import-format')).toContainText('Spotify');
		await expect(page.getByTestId('artist-count')).toHaveText('16 artists');

		// AI steps through the stand-in's /functions/v1/curator: JSON, then a streamed turn.
		await page.getByRole('button', { name: 'Draw my portrait' }).click();
		await expect(page.getByTestId('portrait-summary')).toBeVisible();
		await page.getByRole('link', { name: 'Start the conversation' }).click();
		await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);

		// Recommendations checked against MusicBrainz, with covers from the Cover Art Archive.
		await expect(page.locator('[data-testid="album"][data-status="verified"]')).toHaveCount(5);
		const cover = page.getByTestId('album').first().getByRole('img');
		await expect
			.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(0);

		// Opened again, now from the service worker's copy of the shell.
		await page.reload();
		await expect(page.getByTestId('album')).toHaveCount(5);
		expect(violations).toEqual([]);
	} finally {
		await server.close();
	}
});
