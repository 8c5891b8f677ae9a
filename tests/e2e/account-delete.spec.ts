/**
 * "Delete my account", through the UI: two browser contexts are two devices of one listener.
 * The laptop deletes the account after typing the confirmation and erases its own copy; the
 * phone is signed out at its next sync with a clear message and keeps its journeys; the old
 * password no longer signs in.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TEST_PORTS } from './ports';
import { fakeAI, startJourney } from './support';
import {
	authenticate,
	expectSynced,
	mainNav,
	newDevice,
	openAccount,
	PASSWORD,
	uniqueEmail
} from './sync-support';

test.describe.configure({ mode: 'serial' });

const baseURL = `http://127.0.0.1:${TEST_PORTS.app}`;
const email = uniqueEmail('leaving');

let laptop: BrowserContext;
let phone: BrowserContext;
let a: Page;
let b: Page;

test.beforeAll(async ({ browser }) => {
	await fakeAI.reset();
	laptop = await newDevice(browser, baseURL);
	phone = await newDevice(browser, baseURL);
	a = await laptop.newPage();
	b = await phone.newPage();
});

test.afterAll(async () => {
	await laptop?.close();
	await phone?.close();
});

async function journeysIn(page: Page) {
	await mainNav(page).getByRole('link', { name: 'History' }).click();
	return page.getByTestId('history-item');
}

test('both devices hold the account and its journey', async () => {
	await startJourney(a);
	await openAccount(a);
	await authenticate(a, 'Create account', email);
	await expectSynced(a);

	await b.goto('/account');
	await authenticate(b, 'Sign in', email);
	await expectSynced(b);
	await expect(await journeysIn(b)).toHaveCount(1);
});

test('the laptop deletes the account only once the confirmation is typed, and erases its copy', async () => {
	await openAccount(a);
	const section = a.getByTestId('delete-account');
	await section.getByRole('button', { name: 'Delete my account…' }).click();
	const confirm = section.getByRole('button', { name: 'Delete my account for good' });
	const typed = section.getByLabel('Type DELETE or your email address to confirm');
	await expect(confirm).toBeDisabled();
	await typed.fill('delete');
	await expect(confirm).toBeDisabled();
	await typed.fill(email);
	await section.getByLabel(/Also erase the journeys on this device/).check();
	await confirm.click();

	await expect(a.getByTestId('sync-message')).toHaveText(
		'Your account is deleted, and its journeys were erased from this device.'
	);
	await expect(a.getByTestId('auth-forms')).toBeVisible();
	await expect(await journeysIn(a)).toHaveCount(0);
});

test("the phone's next sync signs it out with a clear message; its journeys stay", async () => {
	await openAccount(b);
	// The phone may already have synced on its own since (any trigger will do).
	const syncNow = b.getByTestId('sync-now');
	if (await syncNow.isVisible()) await syncNow.click();
	await expect(b.getByTestId('sync-message')).toHaveText(
		'This account was deleted on another device. Your journeys on this device are kept.'
	);
	await expect(b.getByTestId('auth-forms')).toBeVisible();
	await expect(b.getByTestId('account-panel')).toHaveCount(0);

	// Still signed out, still the same message after a reload: no loop, no error.
	await b.reload();
	await expect(b.getByTestId('sync-message')).toHaveText(
		'This account was deleted on another device. Your journeys on this device are kept.'
	);
	await expect(await journeysIn(b)).toHaveCount(1);
});

test('the old password no longer signs in', async () => {
	await b.goto('/account');
	const forms = b.getByTestId('auth-forms');
	await forms.getByRole('tab', { name: 'Sign in' }).click();
	await forms.getByLabel('Email').fill(email);
	await forms.getByLabel('Password').fill(PASSWORD);
	await forms.getByTestId('auth-submit').click();
	await expect(b.getByTestId('auth-error')).toContainText(
		'That email and password do not match an account'
	);
	await expect(b.getByTestId('account-panel')).toHaveCount(0);
});
