/**
 * Devices for the sync journeys: each device is its own browser context (its own
 * IndexedDB, localStorage and service worker) against the one stand-in the test stack runs
 * (scripts/standin on TEST_PORTS.standin). Everything here is a listener's step through the
 * UI, or something the browser does (going offline, counting requests); no app module is
 * imported.
 */
import { readFileSync } from 'node:fs';
import {
	expect,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from '@playwright/test';

const COVER = readFileSync('static/icons/icon-192.png');

export const PASSWORD = 'correct horse battery';

export function uniqueEmail(tag: string): string {
	return `${tag}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.test`;
}

/**
 * A new device: a browser context with the world outside 127.0.0.1 cut off (a fake Cover
 * Art Archive aside), as tests/e2e/fixtures.ts does for the `context` fixture.
 */
export async function newDevice(browser: Browser, baseURL: string): Promise<BrowserContext> {
	const context = await browser.newContext({ baseURL });
	await context.route(
		(url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
		(route) => {
			const url = new URL(route.request().url());
			if (url.hostname === 'coverartarchive.org' && /\/front-(250|500)$/.test(url.pathname)) {
				return route.fulfill({ status: 200, contentType: 'image/png', body: COVER });
			}
			return route.abort('internetdisconnected');
		}
	);
	return context;
}

/** Counts this page's `sync_push` calls to the stand-in. */
export function countPushes(page: Page): { readonly count: number } {
	const counter = { count: 0 };
	page.on('request', (req) => {
		if (req.method() === 'POST' && req.url().includes('/rest/v1/rpc/sync_push')) counter.count++;
	});
	return counter;
}

export function mainNav(page: Page): Locator {
	return page.getByRole('navigation', { name: 'Main' });
}

/** The header's unsynced-changes badge (absent when everything is synced). */
export function unsyncedBadge(page: Page): Locator {
	return page.getByTestId('unsynced-badge');
}

export async function openAccount(page: Page): Promise<void> {
	await mainNav(page)
		.getByRole('link', { name: /^Account/ })
		.click();
	await expect(page.getByRole('heading', { name: 'Account & sync' })).toBeVisible();
}

/** On the Account page: create an account (or sign in) with email and password. */
export async function authenticate(
	page: Page,
	mode: 'Create account' | 'Sign in',
	email: string
): Promise<void> {
	const forms = page.getByTestId('auth-forms');
	await forms.getByRole('tab', { name: mode }).click();
	await forms.getByLabel('Email').fill(email);
	await forms.getByLabel('Password').fill(PASSWORD);
	await forms.getByTestId('auth-submit').click();
	await expect(page.getByTestId('account-email')).toHaveText(email);
}

/** On the Account page: nothing waiting, a last-sync time shown. */
export async function expectSynced(page: Page): Promise<void> {
	await expect(page.getByTestId('unsynced-count')).toHaveText('0', { timeout: 15_000 });
	await expect(page.getByTestId('last-sync')).not.toHaveText('Never');
	await expect(page.getByTestId('sync-message')).toHaveText('Everything is synced.');
}

/** The rating shown on the listening page for `title`. */
export function stars(page: Page, title: string, rating: number): Locator {
	return page
		.getByRole('group', { name: `Your feedback on ${title}` })
		.getByRole('radio', { name: `${rating} out of 5` });
}

/** Takes the device offline and back online: the browser fires `offline` then `online`. */
export async function reconnect(context: BrowserContext, page: Page): Promise<void> {
	await context.setOffline(true);
	await expect.poll(() => page.evaluate(() => navigator.onLine)).toBe(false);
	await context.setOffline(false);
}
