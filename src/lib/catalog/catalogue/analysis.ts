/**
 * The analysis of a round in catalogue mode, computed from the ratings and the listener's own
 * words: what the top-rated albums share (genre tags, the decade, the country of their
 * artists), and a pivot toward one of the portrait's noteworthy gaps, away from what scored low.
 */
import type { AnalysisResult, Gap, RatedAlbum } from '$contract/curator';
import { artistKey, fold } from '$contract/identity';
import type { ArtistFacts } from '../facts';
import { countryName, genreLabel, isGenreTag, listWords } from './portrait';

const decadeOf = (year: string) => {
	const y = Number(year.slice(0, 4));
	return Number.isInteger(y) && y > 0 ? `${Math.floor(y / 10) * 10}s` : undefined;
};

/** The values most of `items` share (at least two of them, or the only one there is). */
function shared(values: (string | undefined)[][]): string[] {
	const counts = new Map<string, number>();
	for (const list of values)
		for (const v of new Set(list)) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
	const need = Math.min(2, values.length);
	return [...counts]
		.filter(([, n]) => n >= need)
		.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
		.map(([v]) => v);
}

const quoted = (a: RatedAlbum) => `${a.title} by ${a.artist} (${a.rating}/5)`;

/** "the United Kingdom", "the Netherlands"; other countries as they are. */
const placeName = (country: string) =>
	/^(United|Netherlands|Czech Republic|Philippines|Dominican Republic|Bahamas|Gambia)/.test(country)
		? `the ${country}`
		: country;

export function catalogueAnalysis(
	albums: readonly RatedAlbum[],
	facts: readonly ArtistFacts[],
	gaps: readonly Gap[]
): AnalysisResult {
	const factsOf = new Map(
		facts.filter((f) => f.status === 'known').map((f) => [artistKey(f.name), f])
	);
	const sorted = [...albums].sort((a, b) => b.rating - a.rating || a.title.localeCompare(b.title));
	const top = sorted.filter((a) => a.rating >= 4);
	const low = sorted.filter((a) => a.rating <= 2);
	const tagsOf = (a: RatedAlbum) =>
		(factsOf.get(artistKey(a.artist))?.tags ?? [])
			.map((t) => t.name)
			.filter(isGenreTag)
			.slice(0, 6);

	let themes: string;
	let leaning: string[] = [];
	if (top.length) {
		leaning = shared(top.map(tagsOf)).slice(0, 2);
		const decade = shared(top.map((a) => [decadeOf(a.year)]))[0];
		const country = shared(top.map((a) => [factsOf.get(artistKey(a.artist))?.country]))[0];
		const common = [
			leaning.length ? `${listWords(leaning)} (as MusicBrainz tags their artists)` : '',
			decade && top.length > 1 ? `records from the ${decade}` : '',
			country && top.length > 1 ? `artists from ${placeName(countryName(country))}` : ''
		].filter(Boolean);
		themes =
			`Your top-rated albums were ${listWords(top.slice(0, 3).map(quoted))}.` +
			(common.length ? ` They share ${listWords(common)}.` : '');
		const words = top.map((a) => a.rationale || a.resonantElement).find((w) => w?.trim());
		if (words) themes += ` In your words: “${words.trim().slice(0, 300)}”.`;
	} else {
		themes = `Nothing scored 4 or more this round; the closest were ${listWords(sorted.slice(0, 2).map(quoted))}. The next round keeps their thread and widens it.`;
	}

	const have = new Set([...leaning, ...top.flatMap(tagsOf)].map(fold));
	// A gap this round already reached (its artist was just rated) is no longer a gap.
	const heard = albums.map((a) => fold(a.artist));
	const reached = (g: Gap) =>
		heard.some((artist) => ` ${fold(`${g.label} ${g.explanation}`)} `.includes(` ${artist} `));
	const gap =
		gaps.find((g) => !have.has(fold(g.label)) && !reached(g)) ?? gaps.find((g) => !reached(g));
	const lowTags = low.length ? shared(low.map(tagsOf)).filter((t) => !have.has(fold(t))) : [];
	let pivot = gap
		? `Next, a pivot toward ${gap.label}: ${gap.explanation}`
		: 'Next, a pivot further out: the neighbours of the albums you rated highest, beyond the artists you know.';
	if (low.length) {
		pivot += ` Steer away from ${lowTags.length ? `${genreLabel(lowTags[0]).toLowerCase()}, the sound of ` : ''}${listWords(low.slice(0, 2).map(quoted))}.`;
	}
	return { reinforcedThemes: themes, strategicPivot: pivot };
}
