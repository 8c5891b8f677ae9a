/**
 * Accounts and sync across devices (issue 5), through the UI: two browser contexts are two
 * devices of one listener, syncing through the local Supabase stand-in. The steps build on
 * each other (one journey, one account), so the file runs in order and stops at the first
 * failure.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TEST_PORTS } from './ports';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';
import {
	authenticate,
	countPushes,
	expectSynced,
	mainNav,
	newDevice,
	openAccount,
	reconnect,
	stars,
	uniqueEmail,
	unsyncedBadge
} from './sync-support';

test.describe.configure({ mode: 'serial' });

const baseURL = `http://127.0.0.1:${TEST_PORTS.app}`;
const email = uniqueEmail('listener');

let laptop: BrowserContext;
let phone: BrowserContext;
let a: Page;
let b: Page;
let titles: string[] = [];
let listeningPath = '';

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

test('a journey made before signing up syncs once the account is created', async () => {
	await startJourney(a);
	await a.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(a, ['Warm', 'Spacious', 'Old', 'Yes', 'Yes']);
	await expect(a.getByTestId('album')).toHaveCount(5);
	titles = await albumTitles(a);
	await a.getByRole('link', { name: 'Rate what I heard' }).click();
	await rate(a, titles[0], 4);
	await rate(a, titles[1], 2);
	listeningPath = new URL(a.url()).pathname;
	// No account yet: nothing counts as waiting, there is nowhere to sync to.
	await expect(unsyncedBadge(a)).toHaveCount(0);

	await openAccount(a);
	await expect(a.getByTestId('sync-message')).toContainText('Saved on this device only');
	await expect(a.getByTestId('last-sync')).toHaveText('Never');
	await expect(a.getByTestId('unsynced-count')).toHaveCount(0);

	await authenticate(a, 'Create account', email);
	await expect(a.getByTestId('auth-notice')).toHaveCount(0); // the form made way for the account
	await expectSynced(a);
	await expect(unsyncedBadge(a)).toHaveCount(0);
});

test('signing in on a second device brings the journey and its ratings; a rating there reaches the first', async () => {
	await b.goto('/account');
	await authenticate(b, 'Sign in', email);
	await expectSynced(b);

	await mainNav(b).getByRole('link', { name: 'History' }).click();
	await expect(b.getByTestId('history-item')).toHaveCount(1);
	await expect(b.getByTestId('history-item')).toContainText('5 albums recommended · 2 rated');
	await b.getByTestId('history-item').click();
	await expect(b.getByRole('article', { name: `${titles[0]} by`, exact: false })).toContainText(
		'4/5'
	);
	await expect(b.getByRole('article', { name: `${titles[1]} by`, exact: false })).toContainText(
		'2/5'
	);

	// The phone rates a third album; it pushes after the write on its own.
	await b.goto(listeningPath);
	await expect(b.getByTestId('rated-count')).toHaveText('2 rated');
	await rate(b, titles[2], 5);
	await expect(unsyncedBadge(b)).toHaveCount(0, { timeout: 15_000 });

	// The laptop, open on the same page, pulls when it comes back online.
	await a.goto(listeningPath);
	await expect(a.getByTestId('rated-count')).toHaveText('2 rated');
	await reconnect(laptop, a);
	await expect(stars(a, titles[2], 5)).toHaveAttribute('aria-checked', 'true');
	await expect(a.getByTestId('rated-count')).toHaveText('3 rated');
});

test('the same album rated offline on both devices: after both reconnect, both show the later rating', async () => {
	await laptop.setOffline(true);
	await phone.setOffline(true);
	await rate(a, titles[3], 1);
	await b.waitForTimeout(20); // the phone's rating is the later one
	await rate(b, titles[3], 5);
	await expect(unsyncedBadge(a)).toBeVisible();
	await expect(unsyncedBadge(b)).toBeVisible();

	// The later rating reaches the server first; the earlier one arrives after it and loses.
	await phone.setOffline(false);
	await expect(unsyncedBadge(b)).toHaveCount(0, { timeout: 15_000 });
	await laptop.setOffline(false);
	await expect(unsyncedBadge(a)).toHaveCount(0, { timeout: 15_000 });
	await expect(stars(a, titles[3], 5)).toHaveAttribute('aria-checked', 'true');

	// The phone hears from the server again (back online once more) and keeps 5.
	await reconnect(phone, b);
	await b.reload();
	await expect(stars(b, titles[3], 5)).toHaveAttribute('aria-checked', 'true');
	await expect(b.getByTestId('rated-count')).toHaveText('4 rated');
	await expect(a.getByTestId('rated-count')).toHaveText('4 rated');
});

test('two tabs on one device: only one pushes, and closing it hands over to the other', async () => {
	const first = countPushes(b);
	const second = await phone.newPage();
	const secondPushes = countPushes(second);
	await second.goto(listeningPath);
	await expect(second.getByTestId('rated-count')).toHaveText('4 rated');

	// A rating in the second tab is pushed by the first (it holds the sync lock).
	await rate(second, titles[4], 3);
	await expect(unsyncedBadge(second)).toHaveCount(0, { timeout: 15_000 });
	expect(first.count).toBeGreaterThan(0);
	expect(secondPushes.count).toBe(0);

	// Close the syncing tab: the other takes over and pushes its next change itself.
	await b.close();
	await rate(second, titles[4], 4);
	await expect(unsyncedBadge(second)).toHaveCount(0, { timeout: 15_000 });
	expect(secondPushes.count).toBeGreaterThan(0);

	// And the laptop gets it.
	await reconnect(laptop, a);
	await expect(stars(a, titles[4], 4)).toHaveAttribute('aria-checked', 'true');
	b = second;
});

test('signing out with unsynced changes warns first and keeps everything on the device', async () => {
	const account = await phone.newPage();
	await account.goto('/account');
	await expect(account.getByTestId('account-email')).toHaveText(email);

	// Offline, a rating waits in the outbox; the Account tab shows it.
	await phone.setOffline(true);
	await rate(b, titles[0], 1);
	await expect(account.getByTestId('unsynced-count')).not.toHaveText('0');
	const waiting = Number(await account.getByTestId('unsynced-count').textContent());
	const changes = waiting === 1 ? '1 change has' : `${waiting} changes have`;

	await account.getByTestId('sign-out').click();
	const warning = account.getByTestId('signout-warning');
	await expect(warning).toContainText(`${changes} not reached your account yet`);
	await account.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(account.getByTestId('account-email')).toHaveText(email);

	await account.getByTestId('sign-out').click();
	await account.getByRole('button', { name: 'Sign out anyway' }).click();
	await expect(account.getByTestId('auth-forms')).toBeVisible();
	await expect(account.getByRole('alert')).toHaveCount(0);
	await expect(
		account.getByText(
			`${waiting} ${waiting === 1 ? 'change is' : 'changes are'} waiting for ${email}`
		)
	).toBeVisible();
	await expect(account.getByTestId('sync-message')).toContainText('Saved on this device only');

	// Everything is still here, the unsynced rating included.
	await phone.setOffline(false);
	await b.reload();
	await expect(stars(b, titles[0], 1)).toHaveAttribute('aria-checked', 'true');
	await expect(b.getByTestId('rated-count')).toHaveText('5 rated');
	await expect(unsyncedBadge(b)).toHaveCount(0); // signed out: no account to count for
	await mainNav(account).getByRole('link', { name: 'History' }).click();
	await expect(account.getByTestId('history-item')).toContainText('5 albums recommended · 5 rated');
	await account.close();
});

test('a newer version of the database opened in another tab: the open tab asks to reload, nothing is lost', async () => {
	await expect(a.getByTestId('rated-count')).toHaveText('5 rated');
	await expect(a.getByTestId('newer-version')).toHaveCount(0);

	// "Another tab with a newer app": the browser's own IndexedDB, opened one version up
	// with a new store, from a page of the same origin that is not the app.
	const other = await laptop.newPage();
	await other.goto('/manifest.webmanifest');
	const counts = await other.evaluate(
		() =>
			new Promise<{ version: number; journeys: number; feedback: number }>((resolve, reject) => {
				const probe = indexedDB.open('sonic-cartographer');
				probe.onerror = () => reject(probe.error);
				probe.onsuccess = () => {
					const version = probe.result.version + 10;
					probe.result.close();
					const req = indexedDB.open('sonic-cartographer', version);
					req.onupgradeneeded = () => req.result.createObjectStore('newInNextVersion');
					req.onblocked = () => reject(new Error('upgrade blocked by the open tab'));
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const conn = req.result;
						const tx = conn.transaction(['journeys', 'albumFeedback'], 'readonly');
						const s = tx.objectStore('journeys').count();
						const f = tx.objectStore('albumFeedback').count();
						tx.oncomplete = () => {
							conn.close();
							resolve({ version: conn.version, journeys: s.result, feedback: f.result });
						};
					};
				};
			})
	);
	expect(counts).toMatchObject({ journeys: 1, feedback: 5 });

	const banner = a.getByTestId('newer-version');
	await expect(banner).toContainText('A newer version of the app was opened in another tab');
	await other.close();
	await banner.getByRole('button', { name: 'Reload' }).click();
	await expect(a.getByTestId('rated-count')).toHaveText('5 rated');
	await expect(stars(a, titles[4], 4)).toHaveAttribute('aria-checked', 'true');
	await expect(a.getByTestId('newer-version')).toHaveCount(0);
});
