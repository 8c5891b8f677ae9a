/**
 * Catalogue mode in the browser: the app's curator calls go to a second, real curator function
 * that has no AI provider (playwright.config.ts), so every step is drawn by the catalogue
 * curator from the shared fakes of MusicBrainz and ListenBrainz (labs similar artists). A
 * listener goes round twice — portrait, three questions answered by tapping (one by keyboard)
 * and by typing, albums, ratings, analysis, go deeper — and every album shown is one the fake
 * catalogue has.
 */
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { TEST_PORTS } from './ports';
import { expect, test } from './fixtures';
import { rate } from './support';

const ARTISTS = ['Radiohead', 'Björk', 'Portishead', 'Talking Heads', 'Fela Kuti', 'Joni Mitchell'];
const mb = `http://127.0.0.1:${TEST_PORTS.fakeMusicBrainz}`;
const lb = `http://127.0.0.1:${TEST_PORTS.fakeListenBrainz}`;
const SLOW = { timeout: 60_000 };
const shots = process.env.SHOTS_DIR;

/** Every curator call of the app goes to the function without an AI provider. */
async function withoutAi(page: Page) {
	await page.route(
		`http://127.0.0.1:${TEST_PORTS.standin}/functions/v1/curator/**`,
		async (route) => {
			const url = route
				.request()
				.url()
				.replace(`:${TEST_PORTS.standin}/`, `:${TEST_PORTS.functionsNoAi}/`);
			await route.fulfill({ response: await route.fetch({ url }) });
		}
	);
}

/** Checked at the desktop width, then at a phone's (390 px), with a screenshot of each. */
async function accessible(page: Page, state: string) {
	for (const [width, height] of [
		[1280, 900],
		[390, 844]
	]) {
		await page.setViewportSize({ width, height });
		await accessibleAt(page, `${state}-${width}`);
	}
	await page.setViewportSize({ width: 1280, height: 900 });
}

async function accessibleAt(page: Page, state: string) {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
		state
	).toEqual([]);
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
		state
	).toBeLessThanOrEqual(0);
	if (shots) await page.screenshot({ path: `${shots}/${state}.png`, fullPage: true });
}

/** The albums on the page, as title and artist. */
async function shownAlbums(page: Page) {
	const cards = page.getByTestId('album');
	const out: { title: string; artist: string }[] = [];
	for (const card of await cards.all()) {
		out.push({
			title: (await card.getByTestId('album-title').textContent())!.trim(),
			artist: (await card.getByTestId('album-artist').textContent())!.trim()
		});
	}
	return out;
}

/** Is this album in the fake MusicBrainz, as a release group of primary type Album? */
async function inFakeCatalogue(album: { title: string; artist: string }) {
	const phrase = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;
	const query = `(releasegroup:${phrase(album.title)} AND artist:${phrase(album.artist)})`;
	const res = await fetch(`${mb}/ws/2/release-group?query=${encodeURIComponent(query)}&fmt=json`);
	const body = (await res.json()) as {
		'release-groups': { title: string; 'primary-type': string }[];
	};
	return body['release-groups'].some(
		(rg) => rg.title === album.title && rg['primary-type'] === 'Album'
	);
}

async function answerByTapping(page: Page, pick: (n: number) => 'click' | 'keyboard' | string) {
	const transcript = page.getByTestId('transcript');
	for (let n = 1; n <= 3; n++) {
		await expect(transcript.locator('[data-role="assistant"]')).toHaveCount(n, SLOW);
		const how = pick(n);
		const chips = page.getByRole('group', { name: 'Tap an answer' }).getByRole('button');
		if (how === 'click') {
			await chips.first().click();
		} else if (how === 'keyboard') {
			await chips.nth(1).focus();
			await page.keyboard.press('Enter');
		} else {
			const box = page.getByLabel('Or type your own');
			await box.fill(how);
			await box.press('Enter');
		}
		// After the last answer the page moves on to the albums by itself.
		await expect(
			transcript
				.locator('[data-role="user"]')
				.nth(n - 1)
				.or(recommendations(page))
		).toBeVisible();
	}
	await expect(recommendations(page)).toBeVisible(SLOW);
}

const recommendations = (page: Page) =>
	page.getByRole('heading', { level: 1, name: 'Your recommendations' });

test.beforeEach(async ({ page }) => {
	await fetch(`${mb}/__fake/reset`, { method: 'POST' });
	await fetch(`${lb}/__fake/reset`, { method: 'POST' });
	await withoutAi(page);
	if (shots) mkdirSync(shots, { recursive: true });
});

test('with no AI provider, a listener goes round twice on open music data', async ({ page }) => {
	test.setTimeout(240_000);
	await page.goto('/artists');
	await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
	await page.getByRole('button', { name: 'Draw my portrait' }).click();

	// The portrait, from MusicBrainz facts and the ListenBrainz neighbourhood, labelled as such.
	await expect(page.getByTestId('catalogue-note')).toContainText('MusicBrainz and ListenBrainz');
	await expect(page.getByTestId('portrait-summary')).toBeVisible(SLOW);
	const portrait = page.getByTestId('portrait');
	for (const section of ['Primary genres', 'Geographic centres', 'Key eras', 'Noteworthy gaps']) {
		await expect(
			portrait.getByRole('region', { name: section }).locator('li').first()
		).toBeVisible();
	}
	await expect(portrait.getByRole('region', { name: 'Geographic centres' })).toContainText(
		'United Kingdom'
	);
	await accessible(page, 'catalogue-portrait');

	// Round 1: three questions, answered by tapping (the second from the keyboard).
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await expect(page.getByTestId('direction')).toContainText('of 3 questions');
	await expect(page.getByRole('group', { name: 'Tap an answer' })).toBeVisible(SLOW);
	await accessible(page, 'catalogue-conversation');
	await answerByTapping(page, (n) => (n === 2 ? 'keyboard' : 'click'));

	await expect(page.getByTestId('catalogue-note')).toBeVisible();
	await expect(page.getByTestId('album')).toHaveCount(5, SLOW);
	const first = await shownAlbums(page);
	for (const album of first) {
		expect(await inFakeCatalogue(album), `${album.title} by ${album.artist}`).toBe(true);
		expect(ARTISTS).not.toContain(album.artist);
	}
	expect(new Set(first.map((a) => a.artist)).size).toBe(5);
	await accessible(page, 'catalogue-recommendations');

	// Ratings and the analysis computed from them.
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = await rate(page, first[0].title, 5);
	await card.getByLabel('Why this rating?').fill('The slow build');
	await rate(page, first[1].title, 4);
	await rate(page, first[2].title, 2);
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	await expect(page.getByTestId('reinforced-themes')).toContainText(first[0].title, SLOW);
	await expect(page.getByTestId('reinforced-themes')).toContainText('The slow build');
	await expect(page.getByTestId('strategic-pivot')).toContainText(first[2].title);
	await expect(page.getByTestId('catalogue-note')).toBeVisible();
	await accessible(page, 'catalogue-analysis');

	// Round 2: go deeper; answers typed this time, one of them a shrug.
	await page.getByRole('button', { name: 'Go deeper' }).click();
	await expect(page.getByTestId('direction')).toContainText('Going deeper');
	const typed = ['electronic', 'the 90s', 'no preference'];
	await answerByTapping(page, (n) => typed[n - 1]);
	await expect(page.getByTestId('album')).toHaveCount(5, SLOW);
	const second = await shownAlbums(page);
	for (const album of second) {
		expect(await inFakeCatalogue(album), `${album.title} by ${album.artist}`).toBe(true);
		expect(first.map((a) => a.title)).not.toContain(album.title);
	}
	// No AI provider was involved: the listener never saw a configuration failure.
	await expect(page.getByTestId('failure')).toHaveCount(0);
});

test('catalogue mode says clearly when MusicBrainz is down, and keeps the artists', async ({
	page
}) => {
	await fetch(`${mb}/__fake/mode`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ mode: '503' })
	});
	try {
		await page.goto('/artists');
		await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
		await page.getByRole('button', { name: 'Draw my portrait' }).click();
		const failure = page.getByTestId('failure');
		await expect(failure).toContainText('The music catalogue is not answering', SLOW);
		await expect(failure).toContainText('MusicBrainz');
		await expect(page.getByText('Drawn from 6 artists')).toBeVisible();
		await fetch(`${mb}/__fake/mode`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ mode: 'ok' })
		});
		await page.getByRole('button', { name: 'Try again' }).click();
		await expect(page.getByTestId('portrait-summary')).toBeVisible(SLOW);
	} finally {
		await fetch(`${mb}/__fake/mode`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ mode: 'ok' })
		});
	}
});
