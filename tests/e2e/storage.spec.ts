/**
 * The Account page says how much this browser keeps for the app, whether the browser has
 * promised to keep it, and what has not reached the account yet.
 */
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';
import { authenticate, expectSynced, openAccount, uniqueEmail } from './sync-support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('Your data shows the space used, whether it is kept for good, and what waits to sync', async ({
	page,
	context
}) => {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Spacious', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	await expect(page).toHaveURL(/\/listening$/);
	const listening = page.url();

	await openAccount(page);
	const storage = page.getByTestId('storage');
	// A journey and the app's offline copy take real space: a number with a unit.
	await expect(storage.getByTestId('storage-size')).toHaveText(
		/^This browser stores \d+(\.\d)? (kB|MB|GB) for Sonic Cartographer \(it allows up to \d+(\.\d)? (kB|MB|GB)\)\.$/
	);

	// The persisted state is the browser's own answer.
	const granted = await page.evaluate(() => navigator.storage.persisted());
	const persisted = storage.getByTestId('storage-persisted');
	const ask = storage.getByRole('button', { name: 'Ask to keep it for good' });
	if (granted) {
		await expect(persisted).toHaveText(/^Kept for good:/);
		await expect(ask).toHaveCount(0);
	} else {
		await expect(persisted).toHaveText(
			"Not kept for good: when space runs low this browser may clear the app's data on its own."
		);
		await ask.click();
		const now = await page.evaluate(() => navigator.storage.persisted());
		if (now) {
			await expect(persisted).toHaveText(/^Kept for good:/);
			await expect(ask).toHaveCount(0);
		} else await expect(storage.getByTestId('storage-refused')).toContainText('said no');
	}

	// What waits for the account, in the words of the header badge.
	await expect(storage.getByTestId('storage-unsynced')).toHaveText(
		'No account: everything here is on this device only.'
	);
	await authenticate(page, 'Create account', uniqueEmail('storage'));
	await expectSynced(page);
	await expect(storage.getByTestId('storage-unsynced')).toHaveText(
		'Everything here is also on your account.'
	);
	await page.goto(listening);
	await context.setOffline(true);
	await rate(page, titles[0], 4);
	await rate(page, titles[1], 2);
	await openAccount(page);
	await expect(page.getByTestId('storage-unsynced')).toHaveText(
		'2 ratings not yet on your account.'
	);
});
