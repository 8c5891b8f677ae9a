/**
 * Deleting a journey and a single rating from history, with undo (the delete stays
 * pending on the device while "Undo" is offered, then syncs as tombstones).
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

/** A journey with five albums, one rated 5 with answers and one rated 3. */
async function ratedJourney(page: Page): Promise<string[]> {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Long moody records', 'More rhythm', 'The 70s', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = await rate(page, titles[0], 5);
	await card.getByLabel('Why this rating?').fill('The strings on the second side');
	await card.getByLabel('What stood out?').fill('The drums');
	await rate(page, titles[1], 3);
	await expect(page.getByTestId('rated-count')).toHaveText('2 rated');
	return titles;
}

test('a deleted journey disappears, comes back with Undo, and stays gone once the window closes', async ({
	page
}) => {
	await ratedJourney(page);
	await page.goto('/history');
	const items = page.getByTestId('history-item');
	await expect(items).toHaveCount(1);
	const summary = await items.first().innerText();

	await page.getByRole('button', { name: /^Delete the journey of / }).click();
	await expect(items).toHaveCount(0);
	const toast = page.getByTestId('undo-toast');
	await expect(toast).toContainText('deleted');
	// Undo has the keyboard focus (the deleted item's button is gone).
	await expect(toast.getByRole('button', { name: 'Undo' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(items).toHaveCount(1);
	await expect.poll(() => items.first().innerText()).toBe(summary);
	await expect(toast).toHaveCount(0);

	// The journey's own page is gone at once too (every page reads the same rows).
	await items.first().click();
	await expect(page).toHaveURL(/\/history\/[0-9a-f-]{36}$/);
	const journeyUrl = page.url();
	await page.getByRole('button', { name: 'Delete journey' }).click();
	await expect(page).toHaveURL(/\/history$/);
	await expect(items).toHaveCount(0);
	await expect(toast).toBeVisible();
	// Let the undo window close, then reload: the delete was kept.
	await expect(toast).toHaveCount(0, { timeout: 20_000 });
	await page.reload();
	await expect(
		page.getByText('No journeys yet. Your journeys appear here, newest first')
	).toBeVisible();
	await page.goto(journeyUrl);
	await expect(page.getByRole('heading', { name: 'Journey not found' })).toBeVisible();
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Map your next favourite album' })).toBeVisible();
	await expect(page.getByTestId('latest-journey')).toHaveCount(0);
});

test("removing one album's rating clears it and its answers, and Undo puts them back", async ({
	page
}) => {
	const titles = await ratedJourney(page);
	await page.goto('/history');
	await page.getByTestId('history-item').click();
	const byTitle = (title: string) =>
		page.getByTestId('album').filter({
			has: page.getByTestId('album-title').getByText(title, { exact: true })
		});
	const album = byTitle(titles[0]);
	await expect(album.getByTestId('history-rating')).toHaveText('5/5');
	await expect(album).toContainText('The strings on the second side');

	await album.getByRole('button', { name: `Remove rating of ${titles[0]}` }).click();
	await expect(album.getByTestId('history-rating')).toHaveText('Not rated');
	await expect(album).not.toContainText('The strings on the second side');
	await expect(album).not.toContainText('The drums');
	// The other rating is untouched.
	await expect(byTitle(titles[1]).getByTestId('history-rating')).toHaveText('3/5');

	await page.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
	await expect(album.getByTestId('history-rating')).toHaveText('5/5');
	await expect(album).toContainText('The strings on the second side');
	await expect(album).toContainText('The drums');

	// Removed for good: after the window, a reload still shows it cleared.
	await album.getByRole('button', { name: `Remove rating of ${titles[0]}` }).click();
	await expect(page.getByTestId('undo-toast')).toHaveCount(0, { timeout: 20_000 });
	await page.reload();
	await expect(album.getByTestId('history-rating')).toHaveText('Not rated');
	await expect(album).not.toContainText('The strings on the second side');
});
