import { TEST_PORTS } from './ports';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, startJourney } from './support';

const mb = `http://127.0.0.1:${TEST_PORTS.fakeMusicBrainz}`;
const setMusicBrainz = (mode: 'ok' | 'down') =>
	fetch(`${mb}/__fake/mode`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ mode })
	});

test.beforeEach(async () => {
	await fakeAI.reset();
	await fetch(`${mb}/__fake/reset`, { method: 'POST' });
});

async function toRecommendations(page: import('@playwright/test').Page) {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
}

test('only albums that exist are shown, with their cover and where to listen', async ({ page }) => {
	await toRecommendations(page);
	const titles = await albumTitles(page);
	// The fake model always slips in one invented album; the catalogue drops it.
	expect(titles).not.toContain('Songs From the Cartographer’s Attic');
	await expect(page.locator('[data-testid="album"][data-status="verified"]')).toHaveCount(5);

	const first = page.getByTestId('album').first();
	const cover = first.getByRole('img', { name: `Cover of ${titles[0]}` });
	await expect(cover).toHaveAttribute(
		'src',
		/^https:\/\/coverartarchive\.org\/release-group\/[0-9a-f-]{36}\/front-250$/
	);
	await expect
		.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(0);
	const links = first.getByRole('list', { name: `Listen to ${titles[0]}` }).getByRole('link');
	await expect(links).toHaveText(
		['Spotify', 'Apple Music', 'YouTube Music', 'Bandcamp', 'MusicBrainz'].map(
			(l) => new RegExp(`^${l}`)
		)
	);
	await expect(links.last()).toHaveAttribute(
		'href',
		/musicbrainz\.org\/release-group\/[0-9a-f-]{36}$/
	);
});

test('when MusicBrainz is unreachable albums are marked "not yet verified", then checked later', async ({
	page
}) => {
	await setMusicBrainz('down');
	await toRecommendations(page);
	await expect(page.getByTestId('unverified')).toHaveCount(5);
	await expect(page.getByTestId('cover-placeholder')).toHaveCount(5);

	await setMusicBrainz('ok');
	await page.reload();
	await expect(page.getByTestId('unverified')).toHaveCount(0, { timeout: 20_000 });
	await expect(page.locator('[data-testid="album"][data-status="verified"]')).toHaveCount(4);
	await expect(page.locator('[data-testid="album"][data-status="not-found"]')).toHaveCount(1);
	await expect(
		page.getByTestId('album').filter({ hasText: 'Not found in the catalogue' })
	).toContainText('Songs From the Cartographer’s Attic');
});

test('covers are kept by the service worker, so history shows them offline', async ({
	page,
	context
}) => {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await toRecommendations(page);
	const titles = await albumTitles(page);
	const loaded = (title: string) =>
		page
			.getByRole('img', { name: `Cover of ${title}` })
			.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth);
	for (const title of titles) await expect.poll(() => loaded(title)).toBeGreaterThan(0);

	await context.setOffline(true);
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await page.getByTestId('history-item').click();
	for (const title of titles) await expect.poll(() => loaded(title)).toBeGreaterThan(0);
});
