import { gzipSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { startJourney } from './support';

// The first page must paint at once on a phone on a train: at most 60 KB of gzipped
// JavaScript before it paints (issue 12). A new listener's start page needs nothing more at
// all; a returning listener's loads the latest journey (and the database's code) after it
// has painted. Sizes, not timings, so this is a test.
const BUDGET_BYTES = 60 * 1024;

/** The page's own scripts as they arrive, gzipped (the service worker's files aside). */
function recordScripts(page: Page): Map<string, number> {
	const scripts = new Map<string, number>();
	page.on('response', async (res) => {
		const url = res.url();
		if (!url.endsWith('.js') || url.includes('/sw.js') || url.includes('workbox-')) return;
		const body = await res.body().catch(() => Buffer.alloc(0));
		scripts.set(url, gzipSync(body, { level: 9 }).length);
	});
	return scripts;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const sum = (sizes: Iterable<number>) => [...sizes].reduce((a, b) => a + b, 0);

test('a new listener’s first page loads at most 60 KB of gzipped JavaScript', async ({
	page
}, testInfo) => {
	const scripts = recordScripts(page);
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Start discovery' })).toBeVisible();
	// Everything it loads after painting counts too: the service worker's registration.
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.waitForLoadState('networkidle');
	const total = sum(scripts.values());
	const note = `${kb(total)} in ${scripts.size} files`;
	testInfo.annotations.push({ type: 'gzipped JS, new listener', description: note });
	console.log(`first page, new listener: ${note} of gzipped JS`);
	expect(scripts.size).toBeGreaterThan(0);
	expect(total).toBeLessThanOrEqual(BUDGET_BYTES);
});

test('a returning listener’s first page paints within the budget, then shows the latest journey', async ({
	page,
	browser
}, testInfo) => {
	await startJourney(page);
	// A new visit of the same browser: its IndexedDB, but a cold cache and no service worker.
	const state = await page.context().storageState({ indexedDB: true });
	const context = await browser.newContext({ storageState: state });
	const again = await context.newPage();
	const scripts = recordScripts(again);
	await again.goto('/');
	await expect(again.getByTestId('latest-journey')).toBeVisible();
	await expect(again.getByRole('link', { name: 'Continue' })).toBeVisible();
	await again.waitForLoadState('networkidle');
	const requested = await again.evaluate(() => {
		const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
		return {
			fcp,
			scripts: performance
				.getEntriesByType('resource')
				.filter((r) => r.name.endsWith('.js'))
				.map((r) => ({ url: r.name, before: fcp !== undefined && r.startTime < fcp }))
		};
	});
	expect(requested.fcp).toBeDefined();
	const beforePaint = requested.scripts.filter((s) => s.before).map((s) => s.url);
	const before = sum(beforePaint.map((url) => scripts.get(url) ?? 0));
	const total = sum(scripts.values());
	const note = `${kb(before)} in ${beforePaint.length} files before the first paint, ${kb(total)} in all`;
	testInfo.annotations.push({ type: 'gzipped JS, returning listener', description: note });
	console.log(`first page, returning listener: ${note}`);
	expect(beforePaint.every((url) => scripts.has(url))).toBe(true);
	expect(before).toBeGreaterThan(0);
	expect(before).toBeLessThanOrEqual(BUDGET_BYTES);
	// What it fetched after painting is the latest journey's code (the database among it).
	expect(total).toBeGreaterThan(before);
	await context.close();
});
