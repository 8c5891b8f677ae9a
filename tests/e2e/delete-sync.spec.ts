/**
 * A delete is a tombstone that wins on every device: a journey deleted on the laptop (once
 * its undo window has closed) disappears from the phone at the phone's next sync, and stays
 * gone after a reload there.
 */
import { expect, test } from './fixtures';
import { TEST_PORTS } from './ports';
import { fakeAI, startJourney } from './support';
import {
	authenticate,
	expectSynced,
	mainNav,
	newDevice,
	openAccount,
	reconnect,
	uniqueEmail
} from './sync-support';

const baseURL = `http://127.0.0.1:${TEST_PORTS.app}`;

test('a journey deleted on one device disappears from the other at its next sync', async ({
	browser
}) => {
	await fakeAI.reset();
	const email = uniqueEmail('delete');
	const laptop = await newDevice(browser, baseURL);
	const phone = await newDevice(browser, baseURL);
	try {
		const a = await laptop.newPage();
		const b = await phone.newPage();
		await startJourney(a);
		await openAccount(a);
		await authenticate(a, 'Create account', email);
		await expectSynced(a);

		await b.goto('/account');
		await authenticate(b, 'Sign in', email);
		await expectSynced(b);
		await mainNav(b).getByRole('link', { name: 'History' }).click();
		await expect(b.getByTestId('history-item')).toHaveCount(1);

		await mainNav(a).getByRole('link', { name: 'History' }).click();
		await a.getByRole('button', { name: /^Delete the journey of / }).click();
		await expect(a.getByTestId('history-item')).toHaveCount(0);
		// Once Undo is no longer offered, the tombstones are written and pushed.
		await expect(a.getByTestId('undo-toast')).toHaveCount(0, { timeout: 20_000 });
		await openAccount(a);
		await expectSynced(a);

		// The phone, still showing the journey, pulls when it comes back online.
		await expect(b.getByTestId('history-item')).toHaveCount(1);
		await reconnect(phone, b);
		await expect(b.getByTestId('history-item')).toHaveCount(0, { timeout: 15_000 });
		await b.reload();
		await expect(b.getByText('No journeys yet.')).toBeVisible();
	} finally {
		await laptop.close();
		await phone.close();
	}
});
