import AxeBuilder from '@axe-core/playwright';
import { TEST_PORTS } from './ports';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, startJourney } from './support';

/**
 * The shared fake model streams its next round's answers at this rate (about 4 characters a
 * token), optionally answering `content` verbatim for that many completions; the conversation
 * is answered as usual.
 */
async function slowModel(tokensPerSecond: number, canned?: { content: string; times: number }) {
	const res = await fetch(`http://127.0.0.1:${TEST_PORTS.fakeOpenAI}/__fake/mode`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ mode: 'ok', route: 'recommend', tokensPerSecond, ...canned })
	});
	expect(res.ok).toBe(true);
}

// A phone's width, where the arriving cards must fit as the saved ones do.
test.use({ viewport: { width: 390, height: 844 } });

test.beforeEach(async () => {
	await fakeAI.reset();
});

test('the first album shows while the curator is still answering, then the five checked ones', async ({
	page
}) => {
	await startJourney(page);
	// The round's whole answer takes about fifteen seconds to arrive; its first album, in about
	// two, so the checks below (axe is slow on a loaded machine) still see the arriving cards.
	// The round starts by itself when the conversation ends.
	await slowModel(25);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, [
		'Long moody records',
		'More rhythm',
		'Anything from the 70s',
		'Yes',
		'Yes'
	]);
	const arriving = page.getByTestId('arriving-album');
	await expect(arriving.first()).toBeVisible();
	await expect(arriving.first()).toContainText('Checking the catalogue…');
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([]);
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
	).toBeLessThanOrEqual(0);
	// Still nothing saved (so the checks above saw the arriving cards): nothing to rate yet.
	await expect(page.getByTestId('album')).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Rate what I heard' })).toHaveCount(0);
	await expect(page.getByTestId('arriving-progress')).toHaveText(/^Album [1-5] of 5 arrived$/);

	// Once the round is saved its cards take the place of the arriving ones.
	await expect(page.getByTestId('album')).toHaveCount(5, { timeout: 40_000 });
	await expect(arriving).toHaveCount(0);
	await expect(page.getByTestId('arriving-progress')).toHaveText('Your five albums are here.');
	const titles = await albumTitles(page);
	expect(new Set(titles).size).toBe(5);
	// The album the fake model invents arrived like the others but is not among the saved.
	expect(titles).not.toContain('Songs From the Cartographer’s Attic');
	await expect(page.getByRole('link', { name: 'Rate what I heard' })).toBeVisible();

	// After a reload the saved round is all there is.
	await page.reload();
	await expect(page.getByTestId('album')).toHaveCount(5);
	await expect(arriving).toHaveCount(0);
});

test('a round that fails while albums arrive shows the failure and saves nothing', async ({
	page
}) => {
	await startJourney(page);
	// Every answer of the round breaks off after two whole albums, so the curator gives up on it.
	const album = (title: string, artist: string) =>
		JSON.stringify({ title, artist, year: '1977', genres: ['post-punk'], reason: 'Taut.' });
	const broken = `{"albums":[${album('Marquee Moon', 'Television')},${album('Closer', 'Joy Division')},{"title":"Unfini`;
	await slowModel(50, { content: broken, times: 20 });
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
	await expect(page.getByTestId('arriving-album').first()).toBeVisible();
	await expect(page.getByTestId('failure')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('arriving-album')).toHaveCount(0);
	await expect(page.getByTestId('album')).toHaveCount(0);

	// Nothing was saved: the page asks for the round again when it next opens.
	await fakeAI.reset();
	await page.reload();
	await expect(page.getByTestId('album')).toHaveCount(5);
	await expect(page.getByTestId('arriving-album')).toHaveCount(0);
});
