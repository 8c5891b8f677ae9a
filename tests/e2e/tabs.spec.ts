import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('two open tabs stay consistent: a rating in one shows in the other', async ({
	page,
	context
}) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Quiet', 'Slow', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	await expect(page).toHaveURL(/\/listening$/);

	const other = await context.newPage();
	await other.goto(page.url());
	await expect(other.getByTestId('rated-count')).toHaveText('0 rated');

	await rate(page, titles[0], 4);
	await expect(other.getByTestId('rated-count')).toHaveText('1 rated');
	await expect(
		other
			.getByRole('group', { name: `Your feedback on ${titles[0]}` })
			.getByRole('radio', { name: '4 out of 5' })
	).toHaveAttribute('aria-checked', 'true');

	await rate(other, titles[1], 2);
	await expect(page.getByTestId('rated-count')).toHaveText('2 rated');
});

test('an answer typed in one tab is shown in the other and never blanked by it', async ({
	page,
	context
}) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Quiet', 'Slow', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const [title] = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = await rate(page, title, 4);
	const why = card.getByLabel('Why this rating?');
	const stoodOut = card.getByLabel('What stood out?');
	await expect(why).toHaveValue('');

	const other = await context.newPage();
	await other.goto(page.url());
	const feedbackIn = (p: Page) => p.getByRole('group', { name: `Your feedback on ${title}` });
	await feedbackIn(other).getByLabel('Why this rating?').fill('The drums on side two');
	await feedbackIn(other).getByLabel('Why this rating?').blur();
	// Stored once the first tab shows it (a reload before the write lands would test nothing).
	await expect(why).toHaveValue('The drums on side two');
	await other.reload();
	await expect(feedbackIn(other).getByLabel('Why this rating?')).toHaveValue(
		'The drums on side two'
	);

	// In the first tab: into the answer and out again without typing, then the other question.
	await why.click();
	await stoodOut.click();
	await stoodOut.fill('The organ');
	await stoodOut.blur();
	await expect(feedbackIn(other).getByLabel('What stood out?')).toHaveValue('The organ');
	await other.reload();
	await expect(feedbackIn(other).getByLabel('What stood out?')).toHaveValue('The organ');
	await expect(feedbackIn(other).getByLabel('Why this rating?')).toHaveValue(
		'The drums on side two'
	);

	// And the first tab shows the stored answer, not the empty box it opened with.
	await expect(why).toHaveValue('The drums on side two');
});
