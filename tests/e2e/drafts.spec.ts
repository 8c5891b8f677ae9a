import { expect, test } from './fixtures';
import { fakeAI, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('an answer typed but not sent survives a reload, and is gone once sent', async ({ page }) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	const box = page.getByLabel('Your answer');
	const transcript = page.getByTestId('transcript');
	await expect(transcript.locator('[data-role="assistant"]').last()).toContainText('Question 1');

	await box.fill('Mostly late-night records, with');
	await page.reload();
	await expect(box).toHaveValue('Mostly late-night records, with');

	await box.press('End');
	await box.pressSequentially(' a lot of space');
	await box.press('Enter');
	await expect(transcript.locator('[data-role="user"]').last()).toContainText(
		'Mostly late-night records, with a lot of space'
	);
	await expect(transcript.locator('[data-role="assistant"]').last()).toContainText('Question 2');
	await page.reload();
	await expect(transcript.locator('[data-role="assistant"]').last()).toContainText('Question 2');
	await expect(box).toHaveValue('');
});
