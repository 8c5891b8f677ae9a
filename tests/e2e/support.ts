/**
 * Steps a listener takes, shared by the browser journeys, plus control of the
 * one shared fake AI provider (tests/fakes/fake-openai.mjs) over its HTTP API.
 */
import { expect, type Page } from '@playwright/test';
import { TEST_PORTS } from './ports';

const fakeUrl = `http://127.0.0.1:${TEST_PORTS.fakeOpenAI}`;

export const fakeAI = {
	async reset() {
		const res = await fetch(`${fakeUrl}/__fake/reset`, { method: 'POST' });
		expect(res.ok).toBe(true);
	},
	async mode(mode: 'ok' | 'garbage' | 'invalid' | 'stall' | '401' | '429' | '500', times?: number) {
		const res = await fetch(`${fakeUrl}/__fake/mode`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ mode, times })
		});
		expect(res.ok).toBe(true);
	},
	async calls(): Promise<{ count: number; byRoute: Record<string, number> }> {
		return (await fetch(`${fakeUrl}/__fake/calls`)).json();
	}
};

export const ARTISTS = [
	'Radiohead',
	'Björk',
	'Portishead',
	'Talking Heads',
	'Fela Kuti',
	'Joni Mitchell'
];

export async function startJourney(page: Page, artists = ARTISTS) {
	await page.goto('/');
	await page
		.getByRole('link', { name: /start discovery|new journey/i })
		.first()
		.click();
	await page.getByLabel('Artists', { exact: true }).fill(artists.join('\n'));
	await expect(page.getByTestId('artist-count')).toHaveText(`${artists.length} artists`);
	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByTestId('portrait-summary')).toBeVisible();
}

/**
 * Answers the curator until it has enough; the page then moves on to the recommendations by
 * itself (no click). Returns how many questions it asked.
 */
export async function converse(page: Page, answers: string[]): Promise<number> {
	const transcript = page.getByTestId('transcript');
	const recommendations = page.getByRole('heading', { level: 1, name: 'Your recommendations' });
	let asked = 0;
	for (const answer of answers) {
		const box = page.getByLabel('Your answer');
		// The next question, or (after the curator's closing words) the albums.
		const question = transcript
			.locator('[data-role="assistant"]')
			.last()
			.filter({ hasText: `Question ${asked + 1}` });
		await expect(recommendations.or(question)).toBeVisible({ timeout: 15_000 });
		if (await recommendations.isVisible()) break;
		asked += 1;
		await box.fill(answer);
		await box.press('Enter');
		// After the last answer the page may already have moved on.
		await expect(
			transcript
				.locator('[data-role="user"]')
				.last()
				.filter({ hasText: answer })
				.or(recommendations)
		).toBeVisible();
	}
	await expect(recommendations).toBeVisible({ timeout: 15_000 });
	await expect(page).toHaveURL(/\/recommendations$/);
	return asked;
}

export async function albumTitles(page: Page): Promise<string[]> {
	return page.getByTestId('album-title').allTextContents();
}

export async function rate(page: Page, title: string, rating: number) {
	const card = page.getByRole('group', { name: `Your feedback on ${title}` });
	await card.getByRole('radio', { name: `${rating} out of 5` }).click();
	await expect(card.getByRole('radio', { name: `${rating} out of 5` })).toHaveAttribute(
		'aria-checked',
		'true'
	);
	return card;
}
