/**
 * The map's genres: the portrait's genres, and the artists' own most frequent MusicBrainz tags
 * beside them, each weighted by the share of the tagged artists' listening it covers. Pure.
 */
import { fold } from '$contract/identity';
import type { Journey } from './journey';
import { known } from './map-facts';
import { hasWords } from './places';
import type { FactsByKey } from './portrait-check';

export interface GenreWeight {
	label: string;
	/** Of the weight of the artists MusicBrainz tags at all, 0–1. */
	share: number;
	artists: string[];
	/** 'portrait': one of the portrait's primary genres; 'tag': frequent in the artists' tags. */
	source: 'portrait' | 'tag';
}

/** Does a MusicBrainz tag stand for a genre? Equal, or narrower ("modal jazz" for "jazz"). */
export function tagFits(tag: string, genre: string): boolean {
	return hasWords(fold(tag), fold(genre));
}

const TOP_TAGS = 5;

export function genresOf(
	journeys: readonly Journey[],
	artists: { name: string; plays?: number }[],
	facts: FactsByKey
): GenreWeight[] {
	const tagged = artists.flatMap((a) => {
		const f = known(facts, a.name);
		return f?.tags.length
			? [{ name: a.name, weight: a.plays && a.plays > 0 ? a.plays : 1, tags: f.tags }]
			: [];
	});
	const total = tagged.reduce((n, a) => n + a.weight, 0);
	const weigh = (label: string, source: GenreWeight['source']): GenreWeight => {
		const by = tagged.filter((a) => a.tags.some((t) => tagFits(t.name, label)));
		const weight = by.reduce((n, a) => n + a.weight, 0);
		return { label, share: total ? weight / total : 0, artists: by.map((a) => a.name), source };
	};
	const labels = new Map<string, string>();
	for (const j of journeys)
		for (const g of j.portrait?.result.primaryGenres ?? [])
			if (!labels.has(fold(g.label))) labels.set(fold(g.label), g.label);
	const portrait = [...labels.values()].map((label) => weigh(label, 'portrait'));
	// The artists' own most frequent tags that no portrait genre already covers.
	const counts = new Map<string, { name: string; weight: number }>();
	for (const a of tagged)
		for (const t of a.tags) {
			const key = fold(t.name);
			if ([...labels.values()].some((g) => tagFits(t.name, g))) continue;
			const c = counts.get(key) ?? { name: t.name, weight: 0 };
			c.weight += a.weight;
			counts.set(key, c);
		}
	const tags = [...counts.values()]
		.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name))
		.slice(0, TOP_TAGS)
		.map((t) => weigh(t.name, 'tag'));
	return [...portrait, ...tags];
}
