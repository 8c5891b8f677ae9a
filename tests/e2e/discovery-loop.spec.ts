import { expect, test } from './fixtures';
import { albumTitles, ARTISTS, converse, fakeAI, rate, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('a listener goes round the discovery loop twice, and history keeps it all', async ({
	page
}) => {
	await startJourney(page);
	const portrait = page.getByTestId('portrait');
	for (const section of ['Primary genres', 'Geographic centres', 'Key eras', 'Noteworthy gaps']) {
		await expect(
			portrait.getByRole('region', { name: section }).locator('li').first()
		).toBeVisible();
	}

	// Round 1: the curator's questions stream in; it decides when it has enough.
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	const asked = await converse(page, [
		'Long moody records',
		'More rhythm',
		'Anything from the 70s',
		'Yes',
		'Yes'
	]);
	expect(asked).toBeGreaterThanOrEqual(3);
	expect(asked).toBeLessThanOrEqual(5);

	await expect(page.getByTestId('album')).toHaveCount(5);
	const first = await albumTitles(page);
	await expect(
		page.getByRole('link', { name: /^Spotify — .* on Spotify$/ }).first()
	).toHaveAttribute('href', /open\.spotify\.com\/search\//);

	// "Five more albums" says what it does, asks first, can be declined, and never repeats an
	// album of this journey; the first five stay.
	await page.getByRole('button', { name: 'Five more albums' }).click();
	const confirm = page.getByTestId('confirm-more');
	await expect(confirm).toContainText('The 5 albums you have stay in this round');
	await expect(confirm.getByRole('button', { name: 'Add five more' })).toBeFocused();
	await confirm.getByRole('button', { name: 'Keep just these' }).click();
	await expect(confirm).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Five more albums' })).toBeFocused();
	await expect(page.getByTestId('album')).toHaveCount(5);
	await page.getByRole('button', { name: 'Five more albums' }).click();
	await page.getByRole('button', { name: 'Add five more' }).click();
	await expect(page.getByTestId('album')).toHaveCount(10);
	await expect(page.getByTestId('recommendation-set')).toHaveCount(2);
	await expect(page.getByTestId('arriving-progress')).toHaveText(
		'Batch 2 added above: five more albums. The albums you had are still here, below.'
	);
	const all = await albumTitles(page);
	expect(new Set(all).size).toBe(10);
	expect(all.slice(5)).toEqual(first);

	// Listening: rate by click and by keys 1–5; answer the two questions for albums rated 3+.
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = await rate(page, first[0], 5);
	await card.getByLabel('Why this rating?').fill('The strings on the second side');
	await card.getByLabel('What stood out?').fill('The drums');
	await page
		.getByRole('group', { name: `Your feedback on ${first[1]}` })
		.getByRole('checkbox')
		.focus();
	await page.keyboard.press('4');
	await expect(
		page
			.getByRole('group', { name: `Your feedback on ${first[1]}` })
			.getByRole('radio', { name: '4 out of 5' })
	).toHaveAttribute('aria-checked', 'true');
	await rate(page, first[2], 2);
	await expect(
		page.getByRole('group', { name: `Your feedback on ${first[2]}` }).getByLabel('Why this rating?')
	).toHaveCount(0);
	await expect(page.getByTestId('rated-count')).toHaveText('3 rated');

	// Analysis: local figures and the curator's reading.
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	await expect(page.getByTestId('average-rating')).toHaveText('3.7');
	await expect(page.getByTestId('top-albums')).toContainText(first[0]);
	await expect(page.getByTestId('reinforced-themes')).not.toBeEmpty();
	await expect(page.getByTestId('strategic-pivot')).not.toBeEmpty();

	// Round 2: go deeper; the portrait carries over and nothing is recommended twice.
	await page.getByRole('button', { name: 'Go deeper' }).click();
	await expect(page.getByTestId('direction')).toContainText('Going deeper');
	await expect(page.getByText('Round 2')).toBeVisible();
	await converse(page, ['Darker', 'Longer', 'Stranger', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const second = await albumTitles(page);
	expect(second.filter((t) => all.includes(t))).toEqual([]);

	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	await rate(page, second[0], 3);
	await rate(page, second[1], 4);
	await rate(page, second[2], 5);
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	await expect(page.getByTestId('average-rating')).toHaveText('4.0');
	await page.getByRole('button', { name: 'Pivot' }).click();
	await expect(page.getByTestId('direction')).toContainText('Pivoting');

	// History: the journey, newest first, whole.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await expect(page.getByTestId('history-item')).toHaveCount(1);
	await expect(page.getByTestId('history-item')).toContainText('15 albums recommended · 6 rated');
	await page.getByTestId('history-item').click();
	await expect(page.getByTestId('history-round')).toHaveCount(3);
	await expect(
		page.getByRole('article', { name: `${first[0]} by`, exact: false }).first()
	).toContainText('5/5');
	await expect(page.getByText('The strings on the second side')).toBeVisible();
	await expect(page.getByText(ARTISTS.join(', '))).toBeVisible();

	// The landing page offers to continue.
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' }).click();
	await expect(page.getByTestId('latest-journey')).toContainText('Round 3');
	await page.getByRole('link', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/conversation$/);
});

test('the artists step merges duplicates and asks for at least five', async ({ page }) => {
	await page.goto('/artists');
	const box = page.getByLabel('Artists', { exact: true });
	await box.fill('Björk, bjork, BJÖRK\nRadiohead');
	await expect(page.getByTestId('artist-count')).toHaveText('2 artists');
	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByText('Add 3 more artists')).toBeVisible();
	await expect(page).toHaveURL(/\/artists$/);
	await page.getByRole('button', { name: 'Example artists' }).click();
	await expect(page.getByTestId('artist-count')).not.toHaveText('2 artists');
});

test('a reload mid-conversation resumes where it was', async ({ page }) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	const box = page.getByLabel('Your answer');
	await expect(box).toBeVisible();
	await box.fill('Something with horns');
	await box.press('Enter');
	await expect(
		page.getByTestId('transcript').locator('[data-role="assistant"]').last()
	).toContainText('Question 2');
	await page.reload();
	await expect(page.getByTestId('transcript').locator('[data-role="user"]')).toHaveCount(1);
	await expect(page.getByTestId('transcript').locator('[data-role="user"]')).toContainText(
		'Something with horns'
	);
	await expect(page.getByTestId('transcript').locator('[data-role="assistant"]')).toHaveCount(2);
	await expect(page.getByLabel('Your answer')).toBeVisible();
});

test('an AI step that fails keeps the input and offers Try again', async ({ page }) => {
	await fakeAI.mode('500', 20);
	await page.goto('/artists');
	await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByTestId('failure')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByText('Drawn from 6 artists')).toBeVisible();
	await fakeAI.mode('ok');
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByTestId('portrait-summary')).toBeVisible();
});

test('when the AI provider refuses the key, the listener is told how to configure one', async ({
	page
}) => {
	await fakeAI.mode('401');
	await page.goto('/artists');
	await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	const failure = page.getByTestId('failure');
	await expect(failure).toContainText('No AI provider is configured');
	await expect(failure).toContainText('OPENAI_API_KEY');
	await expect(failure).toContainText('Ollama');
	// Everything else keeps working: the journey is kept, history shows it.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await expect(page.getByTestId('history-item')).toContainText('Portrait not drawn yet');
});
