/**
 * The whole journey with the keyboard alone: from the start page through the artists, the
 * portrait, the conversation, the albums, rating and the two questions, the analysis and
 * "Go deeper", to the history and a round's conversation there. Only keys are pressed (no
 * click, no fill); every control is reached with Tab, and each shows that it has the focus.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ARTISTS, fakeAI } from './support';

test.beforeEach(async () => {
	await fakeAI.reset();
});

/** The focused element shows it: an outline or a ring. */
async function expectFocusShown(target: Locator) {
	const shown = await target.evaluate((el) => {
		const style = getComputedStyle(el);
		const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
		return outline || style.boxShadow !== 'none';
	});
	expect(shown, 'the focused control shows its focus').toBe(true);
}

/**
 * Tab (or Shift+Tab) until `target` has the focus; fails if it is not reached: a control the
 * keyboard cannot get to.
 */
async function tabTo(page: Page, target: Locator, { back = false, max = 60 } = {}) {
	await expect(target).toBeVisible();
	for (let i = 0; i <= max; i++) {
		if (await target.evaluate((el) => el === document.activeElement)) {
			await expectFocusShown(target);
			return;
		}
		await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
	}
	throw new Error(`The keyboard never reached ${target} (${max} presses of Tab)`);
}

async function typeAndEnter(page: Page, text: string) {
	await page.keyboard.type(text);
	await page.keyboard.press('Enter');
}

test('a listener goes through the whole journey with the keyboard alone', async ({ page }) => {
	// Start page: the skip link comes first and leads past the header.
	await page.goto('/');
	const start = page.getByRole('link', { name: 'Start discovery' });
	await expect(start).toBeVisible();
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await expectFocusShown(skip);
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(start).toBeFocused();
	await page.keyboard.press('Enter');

	// Artists: typed into the box, one per line; the button is reached with Tab.
	await expect(page).toHaveURL(/\/artists$/);
	const box = page.getByLabel('Artists', { exact: true });
	await tabTo(page, box);
	for (const name of ARTISTS) await typeAndEnter(page, name);
	await expect(page.getByTestId('artist-count')).toHaveText(`${ARTISTS.length} artists`);
	await tabTo(page, page.getByRole('button', { name: 'Draw my portrait' }));
	await page.keyboard.press('Enter');

	// Portrait, then on to the conversation.
	await expect(page.getByTestId('portrait-summary')).toBeVisible({ timeout: 15_000 });
	await tabTo(page, page.getByRole('link', { name: 'Start the conversation' }));
	await page.keyboard.press('Enter');

	// Conversation: after the first answer, the box has the focus again for each question;
	// when the curator has enough, the albums come by themselves and the focus with them.
	const answer = page.getByLabel('Your answer');
	const transcript = page.getByTestId('transcript');
	const recommendations = page.getByRole('heading', { level: 1, name: 'Your recommendations' });
	await tabTo(page, answer);
	for (const [i, words] of ['Long moody records', 'More rhythm', 'The 70s', 'Yes'].entries()) {
		// The next question, or (after the closing words) the albums.
		const question = transcript
			.locator('[data-role="assistant"]')
			.last()
			.filter({ hasText: `Question ${i + 1}` });
		await expect(recommendations.or(question)).toBeVisible({ timeout: 15_000 });
		if (await recommendations.isVisible()) break;
		await expect(answer).toBeFocused();
		await typeAndEnter(page, words);
	}
	await expect(recommendations).toBeFocused({ timeout: 15_000 });
	await expect(page.getByTestId('album')).toHaveCount(5);
	const titles = await page.getByTestId('album-title').allTextContents();

	// Five more: asked, then declined, with the focus back where it was.
	await tabTo(page, page.getByRole('button', { name: 'Five more albums' }));
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Add five more' })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Keep just these' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Five more albums' })).toBeFocused();
	await tabTo(page, page.getByRole('link', { name: 'Rate what I heard' }), { back: true });
	await page.keyboard.press('Enter');

	// Listening: tick, rate with the number keys and the arrows, answer the two questions.
	await expect(page).toHaveURL(/\/listening$/);
	const card = (title: string) => page.getByRole('group', { name: `Your feedback on ${title}` });
	await tabTo(page, card(titles[0]).getByRole('checkbox'));
	await page.keyboard.press('Space');
	await expect(card(titles[0]).getByRole('checkbox')).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(card(titles[0]).getByRole('radio', { name: '1 out of 5' })).toBeFocused();
	await page.keyboard.press('5');
	await expect(card(titles[0]).getByRole('radio', { name: '5 out of 5' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	await tabTo(page, card(titles[0]).getByLabel('Why this rating?'));
	await page.keyboard.type('The strings on side two');
	await page.keyboard.press('Tab');
	await expect(card(titles[0]).getByLabel('What stood out?')).toBeFocused();
	await page.keyboard.type('The drums');
	await page.keyboard.press('Tab');

	// The first arrow chooses 1, the next moves on to 2, the focus with it.
	await tabTo(page, card(titles[1]).getByRole('radio', { name: '1 out of 5' }));
	await page.keyboard.press('ArrowRight');
	await page.keyboard.press('ArrowRight');
	await expect(card(titles[1]).getByRole('radio', { name: '2 out of 5' })).toBeFocused();
	await expect(card(titles[1]).getByRole('radio', { name: '2 out of 5' })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	await tabTo(page, card(titles[2]).getByRole('radio', { name: '1 out of 5' }));
	await page.keyboard.press('4');
	await tabTo(page, card(titles[2]).getByLabel('Why this rating?'));
	await page.keyboard.type('Warm and strange');
	await expect(page.getByTestId('rated-count')).toHaveText('3 rated');

	// Analysis, then deeper into what worked: round 2's conversation opens.
	await tabTo(page, page.getByRole('link', { name: 'Analyse my ratings' }));
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('strategic-pivot')).not.toBeEmpty({ timeout: 15_000 });
	await tabTo(page, page.getByRole('button', { name: 'Go deeper' }));
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/conversation$/);
	await expect(page.getByTestId('direction')).toContainText('Going deeper');

	// History, back up through the header: the journey named by its artists, its first
	// round's conversation folded under the round and opened with Enter.
	const nav = page.getByRole('navigation', { name: 'Main' });
	await tabTo(page, nav.getByRole('link', { name: 'History' }), { back: true });
	await page.keyboard.press('Enter');
	const item = page.getByTestId('history-item');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText(`${ARTISTS.slice(0, 3).join(', ')} and 3 more`);
	await tabTo(page, item);
	await page.keyboard.press('Enter');
	const round1 = page.getByRole('region', { name: 'Round 1' });
	const conversation = round1.getByTestId('round-conversation');
	await expect(conversation.getByText('Long moody records')).toBeHidden();
	await tabTo(page, conversation.locator('summary'));
	await page.keyboard.press('Enter');
	await expect(conversation.getByText('Long moody records')).toBeVisible();
	await expect(round1.getByTestId('history-rating').first()).toHaveText('5/5');
});
