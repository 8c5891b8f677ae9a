/**
 * "Your data" on the Account page: export everything, erase this device, import the file
 * back (twice: no duplicates), and the files an import refuses. Each refusal changes nothing.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';
import { authenticate, openAccount, uniqueEmail } from './sync-support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

async function ratedJourney(page: Page): Promise<string[]> {
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Long moody records', 'More rhythm', 'The 70s', 'Yes', 'Yes']);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const card = await rate(page, titles[0], 5);
	await card.getByLabel('Why this rating?').fill('The strings on the second side');
	await rate(page, titles[1], 2);
	await expect(page.getByTestId('rated-count')).toHaveText('2 rated');
	return titles;
}

/** What the listener sees of the history: the list, then each journey's page. */
async function historyAsSeen(page: Page): Promise<string[]> {
	await page.goto('/history');
	await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();
	await expect(
		page.getByTestId('history-item').or(page.getByText('No journeys yet.'))
	).not.toHaveCount(0);
	const items = page.getByTestId('history-item');
	const seen: string[] = [];
	for (let i = 0; i < (await items.count()); i++) {
		await page.goto('/history');
		seen.push(await items.nth(i).innerText());
		await items.nth(i).click();
		await expect(page.getByTestId('history-round').first()).toBeVisible();
		seen.push(await page.locator('main').innerText());
	}
	return seen;
}

/**
 * The history once the page has stopped changing. Artist facts and review links are device
 * caches, not part of the backup: the pages look them up again in the background, so a restored
 * history is compared with this after they have come (expect.poll), on either side.
 */
async function settledHistory(page: Page): Promise<string[]> {
	let last = await historyAsSeen(page);
	for (let i = 0; i < 20; i++) {
		await page.waitForTimeout(1000);
		const now = await historyAsSeen(page);
		if (JSON.stringify(now) === JSON.stringify(last)) return now;
		last = now;
	}
	return last;
}

async function yourData(page: Page) {
	await page.goto('/account');
	const section = page.getByRole('region', { name: 'Your data' });
	await expect(section).toBeVisible();
	return section;
}

async function importFile(page: Page, name: string, buffer: Buffer) {
	const section = await yourData(page);
	await section
		.getByTestId('backup-file')
		.setInputFiles({ name, mimeType: 'application/json', buffer });
	return section;
}

test('export, erase this device, import: the history is back, and importing again adds nothing', async ({
	page
}) => {
	await ratedJourney(page);
	const before = await settledHistory(page);
	expect(before.join('\n')).toContain('The strings on the second side');

	const section = await yourData(page);
	const download = page.waitForEvent('download');
	await section.getByRole('button', { name: 'Export everything' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^sonic-cartographer-backup-\d{4}-\d{2}-\d{2}\.json$/);
	const backup = readFileSync(await file.path());
	expect(JSON.parse(backup.toString())).toMatchObject({
		format: 'sonic-cartographer-backup',
		version: 2,
		accountId: null
	});

	// Erase: a warning first (nothing of this is anywhere else), then a confirmation.
	await section.getByRole('button', { name: 'Erase this device…' }).click();
	const dialog = section.getByRole('alertdialog');
	await expect(dialog.getByTestId('erase-local-only')).toContainText(
		'1 journey exists only on this device'
	);
	await dialog.getByRole('button', { name: 'Erase everything' }).click();
	await expect(section.getByText('This device is empty.')).toBeVisible();
	await page.goto('/history');
	await expect(page.getByText('No journeys yet.')).toBeVisible();

	await importFile(page, 'backup.json', backup);
	await expect(page.getByTestId('import-result')).toContainText('1 new journey');
	await expect.poll(() => historyAsSeen(page), { timeout: 30_000 }).toEqual(before);

	await importFile(page, 'backup.json', backup);
	await expect(page.getByTestId('import-result')).toContainText('Nothing to add');
	await expect.poll(() => historyAsSeen(page), { timeout: 30_000 }).toEqual(before);
	await page.goto('/history');
	await expect(page.getByTestId('history-item')).toHaveCount(1);

	// A truncated file and a newer version's file are refused, each with its reason.
	const text = backup.toString();
	await importFile(page, 'cut.json', Buffer.from(text.slice(0, Math.floor(text.length * 0.6))));
	await expect(page.getByTestId('import-error')).toContainText('cut.json looks cut off');
	await expect(page.getByTestId('import-error')).toContainText('Nothing was imported');
	await importFile(page, 'future.json', Buffer.from(text.replace('"version":2,', '"version":3,')));
	await expect(page.getByTestId('import-error')).toContainText('made by a newer version');
	await importFile(page, 'plays.json', Buffer.from('[{"artistName":"Radiohead","msPlayed":1}]'));
	await expect(page.getByTestId('import-error')).toContainText('not a Sonic Cartographer backup');
	await expect.poll(() => historyAsSeen(page), { timeout: 30_000 }).toEqual(before);
});

test('erasing a device with changes not yet on the account says what would be lost', async ({
	page,
	context
}) => {
	const titles = await ratedJourney(page);
	const listening = page.url();
	await page.goto('/');
	await openAccount(page);
	await authenticate(page, 'Create account', uniqueEmail('erase'));
	await expect(page.getByTestId('unsynced-count')).toHaveText('0', { timeout: 15_000 });

	// Offline, a new rating cannot reach the account.
	await context.setOffline(true);
	await page.goto(listening);
	await rate(page, titles[2], 4);
	await page.goto('/account');
	const section = page.getByRole('region', { name: 'Your data' });
	await section.getByRole('button', { name: 'Erase this device…' }).click();
	const dialog = section.getByRole('alertdialog');
	await expect(dialog.getByTestId('erase-unsynced')).toContainText(
		/\d+\s+changes?\s+(is|are)\s+not on your account/
	);
	await expect(dialog.getByTestId('erase-unsynced')).toContainText('1 rating or note');
	await expect(dialog.getByTestId('erase-unsynced')).toContainText('loses');
	// Cancel keeps everything.
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toHaveCount(0);
	await page.goto('/history');
	await expect(page.getByTestId('history-item')).toHaveCount(1);

	await page.goto('/account');
	await section.getByRole('button', { name: 'Erase this device…' }).click();
	await dialog.getByRole('button', { name: 'Erase everything' }).click();
	await expect(section.getByText('This device is empty.')).toBeVisible();
	await page.goto('/history');
	await expect(page.getByText('No journeys yet.')).toBeVisible();
});

test('a backup made before journeys were renamed (format 1) brings the whole history back', async ({
	page
}) => {
	await ratedJourney(page);
	const before = await settledHistory(page);
	const section = await yourData(page);
	const download = page.waitForEvent('download');
	await section.getByRole('button', { name: 'Export everything' }).click();
	// The same file as the app wrote it before: a journey was a "session" there.
	const v1 = readFileSync(await (await download).path())
		.toString()
		.replace('"version":2,', '"version":1,')
		.replaceAll('{"journey":{', '{"session":{')
		.replaceAll('"journeyId":', '"sessionId":')
		.replaceAll('"journey_id":', '"session_id":');
	expect(v1).toContain('"sessionId":');
	expect(v1).not.toMatch(/"journey(Id|_id)?":/);

	await section.getByRole('button', { name: 'Erase this device…' }).click();
	await section.getByRole('alertdialog').getByRole('button', { name: 'Erase everything' }).click();
	await expect(section.getByText('This device is empty.')).toBeVisible();

	await importFile(page, 'old-backup.json', Buffer.from(v1));
	await expect(page.getByTestId('import-result')).toContainText('1 new journey');
	await expect.poll(() => historyAsSeen(page), { timeout: 30_000 }).toEqual(before);
});
