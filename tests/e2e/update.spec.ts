import { appendFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from './fixtures';
import { serveApp } from '../../scripts/serve-app.mjs';

test('a new version shows "Update available" and Reload switches to it', async ({ page }) => {
	// A private copy of the built app, so publishing "a new version" touches nothing else.
	const dir = mkdtempSync(join(tmpdir(), 'sc-update-'));
	cpSync('.local/test-build', dir, { recursive: true });
	const server = await serveApp({ dir, port: 4274, live: true });
	try {
		await page.goto(`${server.url}/`);
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await page.reload();
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await expect(page.getByText('Update available')).toHaveCount(0);

		// Publish a new service worker (byte-different), then come back to the app.
		appendFileSync(join(dir, 'sw.js'), '\n// next release\n');
		await page.reload();
		await expect(page.getByText('Update available')).toBeVisible({ timeout: 20_000 });

		await page.getByRole('button', { name: 'Reload' }).click();
		await expect(page.getByText('Update available')).toHaveCount(0, { timeout: 20_000 });
		await expect
			.poll(() =>
				page.evaluate(async () => {
					const reg = await navigator.serviceWorker.getRegistration();
					return !!reg?.active && !reg.waiting;
				})
			)
			.toBe(true);
		await expect(
			page.getByRole('heading', { name: 'Map your next favourite album' })
		).toBeVisible();
	} finally {
		await server.close();
	}
});
