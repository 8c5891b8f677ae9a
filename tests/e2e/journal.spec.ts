/**
 * The printable listening journal of a journey: everything the listener made, laid out for
 * paper, from this device alone.
 */
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('a journey prints as a journal: portrait, albums with ratings and answers, the analysis', async ({
	page,
	context
}) => {
	await startJourney(page);
	const summary = (await page.getByTestId('portrait-summary').textContent())!.trim();
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, [
		'Long moody records',
		'More rhythm',
		'Anything from the 70s',
		'Yes',
		'Yes'
	]);
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);

	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	const first = await rate(page, titles[0], 5);
	await first.getByLabel('Why this rating?').fill('The strings on the second side');
	await first.getByLabel('What stood out?').fill('The drums');
	const second = await rate(page, titles[1], 4);
	await second.getByLabel('Why this rating?').fill('A voice like a slow river');
	await second.getByLabel('Why this rating?').blur();
	await rate(page, titles[2], 2);
	await expect(page.getByTestId('rated-count')).toHaveText('3 rated');
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	const reinforced = (await page.getByTestId('reinforced-themes').textContent())!.trim();
	expect(reinforced).not.toBe('');

	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await page.getByTestId('history-item').click();
	await page.getByRole('link', { name: 'Print journal' }).click();
	await expect(page).toHaveURL(/\/history\/[^/]+\/journal$/);

	// Offline, from this device's store alone.
	await context.setOffline(true);
	await page.reload();

	const journal = page.getByTestId('journal');
	await expect(journal.getByTestId('journal-portrait')).toContainText(summary);
	await expect(journal.getByTestId('journal-round')).toHaveCount(1);
	await expect(journal.getByTestId('journal-conversation')).toContainText('Long moody records');
	await expect(journal.getByTestId('journal-album')).toHaveCount(5);
	const album = (title: string) =>
		journal.getByRole('article', { name: `${title} by`, exact: false });
	await expect(album(titles[0]).getByTestId('journal-rating')).toHaveText('Rated 5/5');
	await expect(album(titles[0]).getByTestId('journal-why')).toContainText(
		'The strings on the second side'
	);
	await expect(album(titles[0]).getByTestId('journal-stood-out')).toContainText('The drums');
	await expect(album(titles[1]).getByTestId('journal-rating')).toHaveText('Rated 4/5');
	await expect(album(titles[1]).getByTestId('journal-why')).toContainText(
		'A voice like a slow river'
	);
	await expect(album(titles[2]).getByTestId('journal-rating')).toHaveText('Rated 2/5');
	await expect(album(titles[3]).getByTestId('journal-rating')).toHaveText('Not rated');
	// Every album has its cover or the placeholder in its place.
	for (const title of titles) {
		await expect(
			album(title).getByRole('img', { name: new RegExp(`^(Cover of|No cover for) `) })
		).toHaveCount(1);
	}
	await expect(journal.getByTestId('journal-analysis')).toContainText(reinforced);
	await expect(journal.getByTestId('journal-analysis')).toContainText('Average 3.7 over 3 albums');
	// Listening links are named, never spelled out as addresses.
	await expect(journal).not.toContainText('https://');

	// The button prints (the browser's print dialog stands in for paper here).
	await page.evaluate(() => {
		window.print = () => document.body.setAttribute('data-printed', 'yes');
	});
	await page.getByRole('button', { name: 'Print journal' }).click();
	await expect(page.locator('body')).toHaveAttribute('data-printed', 'yes');

	// On paper: no header, navigation or buttons; black on white; a page per round.
	const chrome = [page.locator('body > div > header'), page.locator('nav'), page.locator('button')];
	for (const part of chrome) await expect(part.first()).toBeVisible();
	await page.emulateMedia({ media: 'print' });
	for (const part of chrome) {
		for (const element of await part.all()) await expect(element).toBeHidden();
	}
	await expect(journal.getByTestId('journal-portrait')).toBeVisible();
	const look = await page.evaluate(() => {
		const body = getComputedStyle(document.body);
		const round = document.querySelector('[data-testid="journal-round"]')!;
		return {
			background: body.backgroundColor,
			colour: getComputedStyle(document.querySelector('[data-testid="journal"]')!).color,
			breakBefore: getComputedStyle(round).breakBefore
		};
	});
	expect(look).toEqual({
		background: 'rgb(255, 255, 255)',
		colour: 'rgb(0, 0, 0)',
		breakBefore: 'page'
	});

	const pdf = await page.pdf({ format: 'A4' });
	expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
	expect(pages.length).toBeGreaterThanOrEqual(2); // the portrait, then the round on its own page
	await page.screenshot({ path: test.info().outputPath('journal-print.png'), fullPage: true });
});
