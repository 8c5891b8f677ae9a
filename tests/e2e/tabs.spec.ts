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
	await page.getByRole('link', { name: 'See my recommendations' }).click();
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
