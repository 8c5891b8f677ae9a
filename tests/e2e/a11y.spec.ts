import { writeFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { albumTitles, ARTISTS, converse, fakeAI, rate, startJourney } from './support';
import { connectSpotify, resetServices } from './connect-support';

const WIDTHS = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'phone', width: 390, height: 844 }
] as const;

/** What axe finds on the page as it is now, in a form that reads well in a failure. */
async function problems(page: Page): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	return violations.flatMap((v) =>
		v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? v.help}`)
	);
}

async function sideways(page: Page): Promise<number> {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

for (const size of WIDTHS) {
	test.describe(`at ${size.width} px`, () => {
		test.use({ viewport: { width: size.width, height: size.height } });

		test.beforeEach(async () => {
			await fakeAI.reset();
		});

		/** Every state is checked; all findings are reported together at the end. */
		function checker(page: Page) {
			const found: Record<string, string[]> = {};
			return {
				async check(state: string) {
					const list = await problems(page);
					if (size.width < 500) {
						const over = await sideways(page);
						if (over > 0) list.push(`the page scrolls sideways by ${over} px`);
					}
					if (list.length) found[state] = list;
				},
				found
			};
		}

		test('every page of the journey passes axe and fits the screen', async ({ page }) => {
			const { check, found } = checker(page);
			await page.goto('/');
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await check('start page');

			await page.goto('/artists');
			await expect(page.getByLabel('Artists', { exact: true })).toBeVisible();
			await check('artists, empty');
			await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
			await expect(page.getByTestId('artist-count')).toHaveText(`${ARTISTS.length} artists`);
			await check('artists, filled');

			await startJourney(page);
			await check('portrait');

			await page.getByRole('link', { name: 'Start the conversation' }).click();
			const box = page.getByLabel('Your answer');
			await expect(box).toBeVisible();
			await box.fill('Long moody records');
			await box.press('Enter');
			await expect(
				page.getByTestId('transcript').locator('[data-role="assistant"]').last()
			).toContainText('Question 2');
			await expect(box).toBeEnabled();
			await check('conversation, mid-way');
			// After the last answer the albums come by themselves.
			const recommendations = page.getByRole('heading', { name: 'Your recommendations' });
			for (const [i, answer] of ['More rhythm', 'Anything from the 70s', 'Yes', 'Yes'].entries()) {
				await box.fill(answer);
				await box.press('Enter');
				// The next question, or (after the curator's closing words) the albums.
				const next = page
					.getByTestId('transcript')
					.locator('[data-role="assistant"]')
					.last()
					.filter({ hasText: `Question ${i + 3}` });
				await expect(recommendations.or(next)).toBeVisible({ timeout: 15_000 });
				if (await recommendations.isVisible()) break;
			}
			await expect(page.getByTestId('album')).toHaveCount(5);
			await check('recommendations');
			await page.getByRole('button', { name: 'Five more albums' }).click();
			await check('recommendations, asking for five more');
			await page.getByRole('button', { name: 'Keep just these' }).click();
			const titles = await albumTitles(page);

			await page.getByRole('link', { name: 'Rate what I heard' }).click();
			const card = await rate(page, titles[0], 4);
			await expect(card.getByLabel('Why this rating?')).toBeVisible();
			await check('listening, rated, questions open');
			await rate(page, titles[1], 2);
			await rate(page, titles[2], 5);

			await page.getByRole('link', { name: 'Analyse my ratings' }).click();
			await expect(page.getByTestId('strategic-pivot')).not.toBeEmpty();
			await check('analysis');

			await page
				.getByRole('navigation', { name: 'Main' })
				.getByRole('link', { name: 'History' })
				.click();
			await expect(page.getByTestId('history-item')).toHaveCount(1);
			await check('history');
			await page.getByTestId('history-item').click();
			await expect(page.getByTestId('history-round').first()).toBeVisible();
			await check("a journey's history");

			await page
				.getByRole('navigation', { name: 'Main' })
				.getByRole('link', { name: 'Map' })
				.click();
			await expect(page.getByTestId('route-waypoint')).toHaveCount(1, { timeout: 30_000 });
			await check('map');
			const toggles = page.getByRole('button', { name: 'Show as table' });
			while (await toggles.count()) await toggles.first().click();
			await page.getByTestId('route-waypoint').focus();
			await check('map, tables shown, a round focused');

			await page.getByTestId('account-link').click();
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
			await check('account, signed out');

			expect(found).toEqual({});
		});

		test('the header keeps its height and fits when the Offline badge shows', async ({
			page,
			context
		}) => {
			await page.goto('/history');
			const header = page.getByRole('banner');
			await expect(page.getByTestId('account-link')).toBeVisible();
			const before = (await header.boundingBox())!.height;
			await context.setOffline(true);
			await expect(page.getByTestId('offline-indicator')).toBeVisible();
			expect((await header.boundingBox())!.height).toBe(before);
			expect(await sideways(page)).toBeLessThanOrEqual(0);
			await context.setOffline(false);
		});

		test('the music services pass axe: connected, refused, a round saved, a sign-in refused', async ({
			page
		}) => {
			test.setTimeout(90_000);
			await resetServices();
			const { check, found } = checker(page);
			await page.goto('/artists');
			await connectSpotify(page);
			const spotify = page.getByTestId('source-spotify');
			await spotify.getByRole('button', { name: 'Bring my Spotify artists' }).click();
			await expect(spotify.getByRole('status')).toContainText('added to your list');
			await check('artists, Spotify connected and its artists brought');
			await page.getByLabel('Last.fm username').fill('hidden-listener');
			await page.getByRole('button', { name: 'Bring my Last.fm artists' }).click();
			await expect(page.getByTestId('source-lastfm').getByTestId('failure')).toBeVisible();
			await check('artists, a service refused');

			await startJourney(page);
			await page.getByRole('link', { name: 'Start the conversation' }).click();
			await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
			await expect(page.getByTestId('album')).toHaveCount(5);
			await page.getByRole('button', { name: 'Save to Spotify' }).click();
			await expect(page.getByTestId('save-report')).toContainText('to Spotify', {
				timeout: 30_000
			});
			await check('recommendations, saved to Spotify');

			await page.goto('/connect/spotify?code=spent&state=unknown');
			await expect(page.getByTestId('failure')).toBeVisible();
			await check('Spotify sign-in refused');
			expect(found).toEqual({});
		});

		test('the import column chooser and the no-AI panel pass axe too', async ({ page }, info) => {
			const { check, found } = checker(page);
			const file = info.outputPath('my-favourites.csv');
			writeFileSync(
				file,
				['Who,Record,Score', 'Can,Tago Mago,9', 'Neu!,Neu!,8', 'Faust,IV,7'].join('\n')
			);
			await page.goto('/artists');
			await page.getByLabel('Listening export files').setInputFiles(file);
			await expect(page.getByTestId('import-column')).toContainText(
				'Which column holds the artist names'
			);
			await check('import, choosing the artist column');

			await fakeAI.mode('401');
			await page.goto('/artists');
			await page.getByLabel('Artists', { exact: true }).fill(ARTISTS.join('\n'));
			await page.getByRole('button', { name: 'Draw my portrait' }).click();
			await expect(page.getByTestId('failure')).toContainText('No AI provider is configured');
			await check('no AI provider');

			expect(found).toEqual({});
		});
	});
}
