/**
 * The Account page with the local stand-in: no way out of the app to a sign-in that cannot
 * work here, and signing up leaves nothing wrong in the console.
 */
import { expect, test } from './fixtures';
import { fakeAI, startJourney } from './support';
import { authenticate, openAccount, uniqueEmail } from './sync-support';

test('with the local stand-in, no “Continue with Google” leads out of the app', async ({
	page
}) => {
	await page.goto('/');
	// The stand-in's Auth settings (as a hosted project's with the provider off) offer no Google.
	const settings = page.waitForResponse((res) => res.url().endsWith('/auth/v1/settings'));
	await openAccount(page);
	expect((await (await settings).json()).external.google).toBe(false);
	const forms = page.getByTestId('auth-forms');
	await expect(forms.getByRole('tab', { name: 'Create account' })).toBeVisible();
	await expect(forms.getByTestId('auth-submit')).toBeVisible();
	await expect(forms.getByRole('button', { name: 'Continue with Google' })).toHaveCount(0);
});

test('signing up on the Account page logs no warning', async ({ page }) => {
	// A listener who drew a portrait first: the anonymous session becomes the account.
	await fakeAI.reset();
	await startJourney(page);
	const warnings: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
	});
	await openAccount(page);
	await authenticate(page, 'Create account', uniqueEmail('warnings'));
	await expect(page.getByTestId('sync-message')).toHaveText('Everything is synced.', {
		timeout: 15_000
	});
	expect(warnings).toEqual([]);
});
