/**
 * The Account link's badge: what the listener made that has not reached their account, in
 * their words, and nothing at all while there is no account to sync to.
 */
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';
import { authenticate, expectSynced, mainNav, openAccount, uniqueEmail } from './sync-support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('without an account, the Account link counts nothing as waiting to sync', async ({ page }) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await expect(page.getByLabel('Your answer')).toBeVisible({ timeout: 15_000 });

	const account = mainNav(page).getByTestId('account-link');
	await expect(account).toHaveText('Account');
	await expect(account).toHaveAccessibleName('Account');
	await openAccount(page);
	await expect(page.getByTestId('sync-message')).toContainText('Saved on this device only');
	await expect(page.getByText('Not yet on your account')).toHaveCount(0);
	await expect(page.getByTestId('unsynced-count')).toHaveCount(0);
});

test('with an account, the badge says what is not on it yet', async ({ page, context }) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Spacious', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	await expect(page).toHaveURL(/\/listening$/);

	await openAccount(page);
	await authenticate(page, 'Create account', uniqueEmail('badge'));
	await expectSynced(page);
	await page.goBack();
	await expect(page).toHaveURL(/\/listening$/);

	await context.setOffline(true);
	await rate(page, titles[0], 4);
	await rate(page, titles[1], 2);
	await rate(page, titles[2], 5);
	const account = mainNav(page).getByTestId('account-link');
	await expect(account).toHaveAccessibleName('Account, 3 ratings not yet on your account');
	await expect(page.getByTestId('unsynced-badge')).toHaveText('3');
});
