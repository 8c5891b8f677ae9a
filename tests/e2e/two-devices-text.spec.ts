/**
 * Two devices of one listener answer the questions about the same album: every word
 * survives the sync, and the later edit of an answer wins everywhere.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { TEST_PORTS } from './ports';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';
import {
	authenticate,
	expectSynced,
	newDevice,
	openAccount,
	reconnect,
	stars,
	uniqueEmail,
	unsyncedBadge
} from './sync-support';

const baseURL = `http://127.0.0.1:${TEST_PORTS.app}`;

let laptop: BrowserContext;
let phone: BrowserContext;

test.beforeEach(async ({ browser }) => {
	await fakeAI.reset();
	laptop = await newDevice(browser, baseURL);
	phone = await newDevice(browser, baseURL);
});

test.afterEach(async () => {
	await laptop?.close();
	await phone?.close();
});

function answers(page: Page, title: string): { why: Locator; stoodOut: Locator } {
	const card = page.getByRole('group', { name: `Your feedback on ${title}` });
	return { why: card.getByLabel('Why this rating?'), stoodOut: card.getByLabel('What stood out?') };
}

/** Resolves once this page has pushed changes to the account. */
function pushed(page: Page): Promise<unknown> {
	return page.waitForResponse(
		(res) => res.request().method() === 'POST' && res.url().includes('/rest/v1/rpc/sync_push')
	);
}

test('both answers to one album, typed on two devices, reach both; a later edit wins', async () => {
	const a = await laptop.newPage();
	const b = await phone.newPage();
	const email = uniqueEmail('two-devices');

	// The laptop makes the journey and rates an album; the phone signs in and pulls it.
	await startJourney(a);
	await a.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(a, ['Warm', 'Spacious', 'Old', 'Yes', 'Yes']);
	await expect(a.getByTestId('album')).toHaveCount(5);
	const [title] = await albumTitles(a);
	await a.getByRole('link', { name: 'Rate what I heard' }).click();
	await rate(a, title, 4);
	const listening = new URL(a.url()).pathname;
	await openAccount(a);
	await authenticate(a, 'Create account', email);
	await expectSynced(a);

	await b.goto('/account');
	await authenticate(b, 'Sign in', email);
	await expectSynced(b);
	await b.goto(listening);
	await expect(stars(b, title, 4)).toHaveAttribute('aria-checked', 'true');
	await a.goto(listening);
	await expect(stars(a, title, 4)).toHaveAttribute('aria-checked', 'true');

	// The phone is offline and has not seen the laptop's answer when it answers the other
	// question, and it clicks in and out of the first box on the way.
	await phone.setOffline(true);
	const onA = answers(a, title);
	const onB = answers(b, title);
	const aPushed = pushed(a);
	await onA.why.fill('The bass on the second side');
	await onA.why.blur();
	await aPushed;
	await expect(unsyncedBadge(a)).toHaveCount(0, { timeout: 15_000 });

	await onB.stoodOut.fill('The way the last song ends');
	await onB.stoodOut.blur();
	await onB.why.click();
	await expect(onB.why).toHaveValue('');
	await b.getByRole('heading', { name: title }).click();
	await expect(unsyncedBadge(b)).toBeVisible();

	// Both sync: each device shows both answers.
	await phone.setOffline(false);
	await expect(unsyncedBadge(b)).toHaveCount(0, { timeout: 15_000 });
	await reconnect(laptop, a);
	await expect(onA.stoodOut).toHaveValue('The way the last song ends');
	await expect(onA.why).toHaveValue('The bass on the second side');
	await reconnect(phone, b);
	await expect(onB.why).toHaveValue('The bass on the second side');
	await expect(onB.stoodOut).toHaveValue('The way the last song ends');

	// A later edit of the first answer on the phone wins on the laptop.
	const bPushed = pushed(b);
	await onB.why.fill('The bass, and the silence after it');
	await onB.why.blur();
	await bPushed;
	await expect(unsyncedBadge(b)).toHaveCount(0, { timeout: 15_000 });
	await reconnect(laptop, a);
	await expect(onA.why).toHaveValue('The bass, and the silence after it');
	await expect(onA.stoodOut).toHaveValue('The way the last song ends');

	// And both keep it after a reload, straight from their own store.
	await a.reload();
	await b.reload();
	for (const page of [a, b]) {
		await expect(answers(page, title).why).toHaveValue('The bass, and the silence after it');
		await expect(answers(page, title).stoodOut).toHaveValue('The way the last song ends');
	}
});
