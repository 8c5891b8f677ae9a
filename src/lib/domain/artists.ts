/**
 * Turning what a listener typed or pasted into a clean artist list.
 *
 * Names are split on new lines and commas, trimmed, and merged when they differ
 * only by case, accents, punctuation, "&"/"and" or a leading "The" ("Björk" and
 * "bjork" are one artist, so are "The Beatles" and "Beatles"). The first
 * spelling the listener used is the one kept. `artistKey` ($contract/identity)
 * is the one place that decides which spellings are one artist; the importers,
 * the catalogue and the curator function use it too.
 */
import { artistKey } from '$contract/identity';
import type { ArtistInput } from '$contract/curator';

export const MIN_ARTISTS = 5;
export const MAX_ARTISTS = 500;

export { artistKey };

export function parseArtistText(text: string): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const raw of text.split(/[\n\r,;]+/)) {
		const name = raw
			.replace(/\s+/g, ' ')
			.trim()
			.replace(/^(?:[-*•]|\d+[.)])\s+/u, '');
		if (!name) continue;
		const key = artistKey(name);
		if (!key || seen.has(key)) continue;
		seen.add(key);
		out.push(name);
	}
	return out;
}

export function mergeArtists(lists: ArtistInput[][]): ArtistInput[] {
	const byKey = new Map<string, ArtistInput>();
	for (const list of lists) {
		for (const a of list) {
			const key = artistKey(a.name);
			if (!key) continue;
			const prev = byKey.get(key);
			if (prev) {
				if (a.plays !== undefined) prev.plays = (prev.plays ?? 0) + a.plays;
			} else {
				byKey.set(key, { ...a, name: a.name.trim() });
			}
		}
	}
	return [...byKey.values()];
}

export const EXAMPLE_ARTISTS = [
	'Radiohead',
	'Björk',
	'Kendrick Lamar',
	'Portishead',
	'Fela Kuti',
	'Joni Mitchell',
	'Aphex Twin',
	'Talking Heads'
];

export function artistCountMessage(count: number): string | null {
	if (count >= MIN_ARTISTS) return null;
	const missing = MIN_ARTISTS - count;
	return `Add ${missing} more artist${missing === 1 ? '' : 's'} — the curator needs at least ${MIN_ARTISTS} to draw a portrait.`;
}
