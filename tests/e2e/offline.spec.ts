import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';

/** Loads the app and waits until its service worker controls the page. */
async function installApp(page: Page) {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
		.toBe(true);
}

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('the installed app shell loads offline from the service worker', async ({ page, context }) => {
	await installApp(page);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Map your next favourite album' })).toBeVisible();
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await page.goto('/history');
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
	await expect(page.getByText('No journeys yet')).toBeVisible();
	const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
	expect(manifest).toMatchObject({ display: 'standalone', short_name: 'Cartographer' });
	expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual([
		'192x192',
		'512x512',
		'512x512'
	]);
});

test('going offline mid-journey: rating and the questions about an album keep working and survive a reload', async ({
	page,
	context
}) => {
	await installApp(page);
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Spacious', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();

	// A screen reader hears the change of connection, and that an answer is kept, once each.
	const announcer = page.getByTestId('announcer');
	await context.setOffline(true);
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await expect(announcer).toHaveText(
		'You are offline. Everything you do is saved on this device and syncs later.'
	);
	const card = await rate(page, titles[0], 5);
	await card.getByLabel('Why this rating?').fill('Heard it on the train');
	await card.getByLabel('What stood out?').fill('The bass line');
	await card.getByLabel('What stood out?').blur();
	await expect(announcer).toHaveText(`Your answer about ${titles[0]} is saved on this device.`);
	await rate(page, titles[1], 3);
	await rate(page, titles[2], 1);
	await page
		.getByRole('group', { name: `Your feedback on ${titles[3]}` })
		.getByRole('checkbox')
		.check();
	// A listener does not reload within the same millisecond: let the write reach IndexedDB
	// (the three rated albums count as listened too).
	await expect.poll(() => listenedCount(page)).toBe(4);

	await page.reload();
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await expect(page.getByTestId('rated-count')).toHaveText('3 rated');
	const again = page.getByRole('group', { name: `Your feedback on ${titles[0]}` });
	await expect(again.getByRole('radio', { name: '5 out of 5' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	await expect(again.getByLabel('Why this rating?')).toHaveValue('Heard it on the train');
	await expect(again.getByLabel('What stood out?')).toHaveValue('The bass line');
	await expect(
		page.getByRole('group', { name: `Your feedback on ${titles[3]}` }).getByRole('checkbox')
	).toBeChecked();

	// The analysis needs the curator: offline it says so and keeps everything.
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	await expect(page.getByTestId('average-rating')).toHaveText('3.0');
	await expect(page.getByTestId('failure')).toContainText('You are offline');

	await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();

	// Back online, the step runs again by itself.
	await context.setOffline(false);
	await expect(page.getByTestId('announcer')).toHaveText('Back online.');
	await expect(page.getByTestId('reinforced-themes')).not.toBeEmpty();
});

// A first visit may start anywhere: a shared link, a bookmark, a reopened tab.
const JOURNEY = '0b6e4c1a-7d2f-4e8a-9c3b-5f1d2e3a4b5c';
const COLD_STARTS: { path: string; heading: string }[] = [
	{ path: '/', heading: 'Map your next favourite album' },
	{ path: '/artists', heading: 'Artists you love' },
	{ path: '/history', heading: 'History' },
	{ path: `/history/${JOURNEY}`, heading: 'Journey not found' },
	{ path: '/account', heading: 'Account & sync' },
	{ path: '/map', heading: 'Your map' },
	...['portrait', 'conversation', 'recommendations', 'listening', 'analysis'].map((step) => ({
		path: `/journey/${JOURNEY}/${step}`,
		heading: 'Journey not found'
	}))
];

for (const { path, heading } of COLD_STARTS) {
	// Each test has a fresh browser context: an empty profile, no worker, no data.
	test(`a first visit on ${path} installs the app so it opens offline`, async ({
		page,
		context
	}) => {
		await page.goto(path);
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		// The worker lives at the site root and covers every page, wherever the visit began.
		await expect
			.poll(
				() =>
					page.evaluate(async () => {
						const r = await navigator.serviceWorker.getRegistration();
						return r?.active ? new URL(r.scope).pathname : null;
					}),
				{ timeout: 15_000 }
			)
			.toBe('/');
		await page.reload();
		await expect
			.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
			.toBe(true);

		await context.setOffline(true);
		await page.reload();
		await expect(page.getByRole('heading', { name: heading })).toBeVisible();
		await expect(page.getByTestId('offline-indicator')).toBeVisible();
	});
}

/** How many albums IndexedDB holds as listened to (read straight from the page's database). */
function listenedCount(page: Page): Promise<number> {
	return page.evaluate(
		() =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open('sonic-cartographer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const db = open.result;
					const all = db.transaction('albumFeedback').objectStore('albumFeedback').getAll();
					all.onsuccess = () => {
						db.close();
						resolve(all.result.filter((row: { listened?: boolean }) => row.listened).length);
					};
					all.onerror = () => reject(all.error);
				};
			})
	);
}
