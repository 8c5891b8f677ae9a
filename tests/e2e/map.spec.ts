/**
 * The listener's map: artists typed in, their facts looked up from the shared fake MusicBrainz
 * in the background, countries marked, decades filled, rounds drawn as a route; a second journey
 * moves the map; the map opens offline from IndexedDB and the precached atlas.
 */
import type { Locator, Page } from '@playwright/test';
import { TEST_PORTS } from './ports';
import { expect, test } from './fixtures';
import { albumTitles, converse, fakeAI, rate, startJourney } from './support';

const mb = `http://127.0.0.1:${TEST_PORTS.fakeMusicBrainz}`;

test.beforeEach(async () => {
	await fakeAI.reset();
	await fetch(`${mb}/__fake/reset`, { method: 'POST' });
});

/**
 * Six artists the fake MusicBrainz knows. Can and Joy Division have only a city as their area
 * (Cologne, Salford), so their countries come from walking the area hierarchy.
 */
const FIRST = ['Björk', 'Can', 'Joy Division', 'Fela Kuti', 'Caetano Veloso', 'Portishead'];
const SECOND = [
	'Sigur Rós',
	'Leonard Cohen',
	'Bob Marley & The Wailers',
	'Os Mutantes',
	'Tinariwen'
];

/** The countries marked on a map, sorted. */
async function marked(map: Locator): Promise<string[]> {
	const codes = await map
		.getByTestId('map-country')
		.evaluateAll((els) => els.map((e) => e.getAttribute('data-country') ?? ''));
	return codes.sort();
}

/** Facts arrive in the background (one request a second): wait for the map to hold them. */
async function expectMarked(map: Locator, codes: string[]) {
	await expect.poll(() => marked(map), { timeout: 45_000 }).toEqual([...codes].sort());
}

async function round(page: Page, ratings: number[]) {
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await albumTitles(page);
	await page.getByRole('link', { name: 'Rate what I heard' }).click();
	for (const [i, rating] of ratings.entries()) await rate(page, titles[i], rating);
	await page.getByRole('link', { name: 'Analyse my ratings' }).click();
	await expect(page.getByTestId('strategic-pivot')).not.toBeEmpty();
}

test('the map marks where the artists come from, fills their decades and draws the rounds as a route; a second journey moves it', async ({
	page
}) => {
	test.setTimeout(240_000);
	await startJourney(page, FIRST);

	// The portrait's compact map fills in as the look-ups come back, with visible progress.
	const compact = page.getByTestId('journey-map');
	await expectMarked(compact, ['BR', 'DE', 'GB', 'IS', 'NG']);
	// Centres and eras no artist's facts support are the curator's reading.
	const places = page.getByRole('region', { name: 'Geographic centres' });
	await expect(places.locator('li', { hasText: 'Manchester' })).toHaveAttribute(
		'data-reading',
		'curators-reading'
	);
	await expect(places.locator('li', { hasText: 'Manchester' })).toContainText(
		'The curator’s reading'
	);
	await expect(places.locator('li', { hasText: 'Bristol' })).toContainText(
		'Backed by MusicBrainz: Portishead'
	);
	const eras = page.getByRole('region', { name: 'Key eras' });
	await expect(eras.locator('li', { hasText: 'Late-1960s' })).toHaveAttribute(
		'data-reading',
		'supported'
	);

	// Round 1, then a pivot into round 2.
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
	await round(page, [5, 4, 3]);
	await page.getByRole('button', { name: 'Pivot' }).click();
	await converse(page, ['Colder', 'Machines', 'Europe', 'Yes', 'Yes']);
	// The round's checks share MusicBrainz's one request a second with the facts still being
	// looked up in the background for round 1's albums, so its five albums take longer here.
	await expect(page.getByTestId('album')).toHaveCount(5, { timeout: 30_000 });

	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
	await expect(page.getByRole('heading', { name: 'Your map', level: 1 })).toBeVisible();
	const world = page.getByTestId('world-map');
	// The listener's countries, and those of the albums they were given (the US, Ethiopia…).
	await expect
		.poll(() => marked(world), { timeout: 45_000 })
		.toEqual(expect.arrayContaining(['BR', 'DE', 'ET', 'GB', 'IS', 'NG', 'US']));
	await expect(page.getByTestId('placed-count')).toHaveText('6 of 6');
	// Rated albums from the United States: dots coloured by their rating.
	await expect(world.locator('[data-testid="map-rating"][data-country="US"]')).toBeVisible();

	// The route: two stops, round 1 in the US and Ethiopia, round 2 reaching Germany and the UK.
	const stops = world.getByTestId('route-waypoint');
	await expect(stops).toHaveCount(2, { timeout: 45_000 });
	await expect(stops.nth(0)).toHaveAttribute('data-countries', 'US ET');
	await expect(stops.nth(1)).toHaveAttribute('data-countries', /DE/);
	await expect(stops.nth(1)).toHaveAttribute('data-countries', /GB/);
	await expect(world.getByTestId('route-leg')).toHaveCount(1);
	const rows = page.getByTestId('route-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Start');
	await expect(rows.nth(0)).toContainText('4.0 / 5');
	await expect(rows.nth(1)).toContainText('Pivot');

	// A round explains itself when focused.
	await stops.nth(1).focus();
	await expect(page.getByTestId('map-detail')).toContainText('Round 2 · pivot · not rated yet');
	await page.getByRole('button', { name: /^Germany: 1 of your artists: Can \(Cologne\)/ }).focus();
	await expect(page.getByTestId('map-detail')).toContainText('Germany: 1 of your artists');

	// The decades of the artists' activity and of the albums.
	const decade = (d: number) => page.locator(`[data-testid="decade"][data-decade="${d}"]`);
	await expect(decade(1950)).toHaveAttribute('data-artists', '1'); // Fela Kuti, from age 18
	await expect(decade(1970)).toHaveAttribute('data-artists', '4');
	await expect(decade(1950)).toHaveAttribute('data-albums', '1'); // Kind of Blue
	await expect(decade(2020)).toHaveAttribute('data-artists', '3');
	await expect(decade(1940)).toHaveCount(0);
	await decade(1970).focus();
	await expect(page.getByTestId('decade-detail')).toContainText(
		'1970s: 4 of your artists active (Can, Joy Division, Fela Kuti, Caetano Veloso)'
	);

	// The tables say the same for screen readers, and show on the page when asked.
	await page.getByRole('button', { name: 'Show as table' }).first().click();
	await expect(
		page.getByTestId('countries-table').getByRole('row', { name: /Germany/ })
	).toBeVisible();

	// A second journey: the map moves to it.
	await startJourney(page, SECOND);
	await expectMarked(page.getByTestId('journey-map'), ['BR', 'CA', 'IS', 'JM', 'ML']);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
	await expectMarked(world, ['BR', 'CA', 'IS', 'JM', 'ML']);
	await expect(world.getByTestId('route-waypoint')).toHaveCount(0);
	await expect(page.getByTestId('map-scope')).toHaveValue(/.+/);

	// The first journey again, chosen from the list, with its route; then both together.
	const scope = page.getByTestId('map-scope');
	const firstId = await scope.locator('option').nth(1).getAttribute('value');
	await scope.selectOption(firstId!);
	await expect(page).toHaveURL(new RegExp(`journey=${firstId}`));
	await expect(world.getByTestId('route-waypoint')).toHaveCount(2);
	await expect.poll(() => marked(world)).toContain('DE');
	await expect.poll(() => marked(world)).not.toContain('JM');
	await scope.selectOption('all');
	await expect.poll(() => marked(world)).toEqual(expect.arrayContaining(['DE', 'JM', 'ML', 'NG']));
	await expect(page.getByTestId('placed-count')).toHaveText('11 of 11');
});

test('artists MusicBrainz does not know, or knows several of, are named and left off the map', async ({
	page
}) => {
	await startJourney(page, ['Nirvana', 'Radiohead', 'Björk', 'Zzyzx Nobody Band', 'Kraftwerk']);
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click();
	const world = page.getByTestId('world-map');
	await expectMarked(world, ['DE', 'GB', 'IS']);
	await expect(page.getByTestId('ambiguous')).toContainText('Nirvana');
	await expect(page.getByTestId('unknown')).toContainText('Zzyzx Nobody Band');
	await expect(page.getByTestId('placed-count')).toHaveText('3 of 5');
});

test('the map opens offline, from what the device already knows', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect
		.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller), { timeout: 15_000 })
		.toBe(true);
	await startJourney(page, FIRST);
	await expectMarked(page.getByTestId('journey-map'), ['BR', 'DE', 'GB', 'IS', 'NG']);

	await context.setOffline(true);
	await page.goto('/map');
	await expect(page.getByTestId('offline-indicator')).toBeVisible();
	await expectMarked(page.getByTestId('world-map'), ['BR', 'DE', 'GB', 'IS', 'NG']);
	await expect(page.locator('[data-testid="decade"][data-decade="1970"]')).toHaveAttribute(
		'data-artists',
		'4'
	);
	// Nothing is asked of MusicBrainz offline, and nothing claims it failed.
	await expect(page.getByTestId('facts-progress')).toBeEmpty();

	// The printed journal marks the centre no artist's facts support, offline too.
	await page
		.getByRole('navigation', { name: 'Main' })
		.getByRole('link', { name: 'History' })
		.click();
	await page.getByTestId('history-item').click();
	await page.getByRole('link', { name: 'Print journal' }).click();
	await expect(page.getByTestId('journal-curators-reading')).toHaveCount(1);
	await expect(
		page.getByTestId('journal-portrait').locator('li', { hasText: 'Manchester' })
	).toContainText('(the curator’s reading)');
});
