import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('a keyboard listener answers every question without reaching for the mouse', async ({
	page
}) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).press('Enter');
	const box = page.getByLabel('Your answer');
	const transcript = page.getByTestId('transcript');
	await expect(transcript).toHaveAttribute('aria-live', 'polite');
	await box.focus();
	const done = page.getByRole('heading', { level: 1, name: 'Your recommendations' });
	for (const [i, answer] of [
		'Long moody records',
		'More rhythm',
		'The 70s',
		'Yes',
		'Yes'
	].entries()) {
		const question = transcript
			.locator('[data-role="assistant"]')
			.last()
			.filter({ hasText: `Question ${i + 1}` });
		await expect(done.or(question)).toBeVisible({ timeout: 15_000 });
		if (await done.isVisible()) break;
		// The keys land in the answer box: after the first, focus came back by itself.
		await expect(box).toBeFocused();
		await page.keyboard.type(answer);
		await page.keyboard.press('Enter');
		await expect(
			transcript.locator('[data-role="user"]').last().filter({ hasText: answer }).or(done)
		).toBeVisible();
	}
	// When the curator has enough, the albums come by themselves and take the focus.
	await expect(done).toBeFocused({ timeout: 15_000 });
	await expect(page.getByTestId('album')).toHaveCount(5);
});

test('a rating follows the arrow keys, keeps up with fast keys and can be cleared', async ({
	page
}) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Long moody records', 'More rhythm', 'The 70s', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const [title] = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = page.getByRole('group', { name: `Your feedback on ${title}` });
	const radio = (n: number) => card.getByRole('radio', { name: `${n} out of 5` });

	// Tab reaches the group on its first number; arrows move the value and the focus together.
	await card.getByRole('checkbox').focus();
	await page.keyboard.press('Tab');
	await expect(radio(1)).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(radio(2)).toHaveAttribute('aria-checked', 'true');
	await expect(radio(2)).toBeFocused();

	// Fast keys: none is lost, however quickly the saves come back.
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowLeft');
	await expect(radio(2)).toHaveAttribute('aria-checked', 'true');
	await expect(radio(2)).toBeFocused();
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowLeft');
	await expect(radio(4)).toHaveAttribute('aria-checked', 'true');
	await expect(radio(4)).toBeFocused();
	await expect(card.getByLabel('Why this rating?')).toBeVisible();

	// Delete clears it, and says so; the cleared rating stays cleared.
	await page.keyboard.press('Delete');
	await expect(card.getByRole('radio', { checked: true })).toHaveCount(0);
	await expect(card.getByRole('status')).toHaveText('Rating cleared');
	await expect(card.getByLabel('Why this rating?')).toHaveCount(0);
	await expect(radio(1)).toBeFocused();
	await page.reload();
	await expect(card.getByRole('radio', { checked: true })).toHaveCount(0);

	// Space on the chosen number clears it too.
	await card.getByRole('checkbox').focus();
	await page.keyboard.press('Tab');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(radio(3)).toHaveAttribute('aria-checked', 'true');
	await expect(radio(3)).toBeFocused();
	await page.keyboard.press('Space');
	await expect(card.getByRole('radio', { checked: true })).toHaveCount(0);
	await expect(card.getByRole('status')).toHaveText('Rating cleared');
});
