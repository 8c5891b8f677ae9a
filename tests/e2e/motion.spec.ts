/**
 * Reduced motion: a listener whose system asks for less motion gets no sheen on the skeletons,
 * no spinning, no pulsing and no smooth scroll; everyone else keeps them.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** How the app's own styles animate a skeleton, the waiting icon and the page's scroll. */
async function motion(page: Page) {
	await page.goto('/');
	await expect(page.getByRole('link', { name: 'Start discovery' })).toBeVisible();
	return page.evaluate(() => {
		const probe = (className: string) => {
			const el = document.createElement('span');
			el.className = className;
			document.body.append(el);
			const { animationName, animationDuration, animationIterationCount } = getComputedStyle(el);
			el.remove();
			return { animationName, animationDuration, animationIterationCount };
		};
		return {
			skeleton: probe('skeleton'),
			// The classes Spinner and the streaming caret use.
			spin: probe('motion-safe:animate-spin'),
			pulse: probe('motion-safe:animate-pulse')
		};
	});
}

test('skeletons shimmer and the waiting icon turns for a listener who has not asked for less motion', async ({
	page
}) => {
	await page.emulateMedia({ reducedMotion: 'no-preference' });
	const m = await motion(page);
	expect(m.skeleton.animationName).toBe('skeleton-sheen');
	expect(m.skeleton.animationIterationCount).toBe('infinite');
	expect(m.spin.animationName).toBe('spin');
	expect(m.pulse.animationName).toBe('pulse');
});

test('with reduced motion nothing shimmers, spins or pulses', async ({ page }) => {
	await page.emulateMedia({ reducedMotion: 'reduce' });
	const m = await motion(page);
	expect(m.skeleton.animationIterationCount).toBe('1');
	expect(parseFloat(m.skeleton.animationDuration)).toBeLessThan(0.001);
	expect(m.spin.animationName).toBe('none');
	expect(m.pulse.animationName).toBe('none');
});
