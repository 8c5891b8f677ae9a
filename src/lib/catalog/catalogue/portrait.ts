/**
 * The listener portrait in catalogue mode, computed from open data instead of a model:
 * - genres from the tags MusicBrainz listeners give the artists, weighted by how much each
 *   artist is played (tags that are places, decades or opinions are not genres);
 * - geographic centres from where the artists come from (country, with the city or area);
 * - eras from the years the artists began (and the decade after, while they were active);
 * - noteworthy gaps from the neighbourhood: artists ListenBrainz listeners play with the
 *   listener's own that the list does not reach, grouped by their MusicBrainz genre.
 * Pure: the facts and neighbours come in, a portrait of the contract's shape comes out.
 */
import type { ArtistInput, PortraitFacet, PortraitResult } from '$contract/curator';
import { artistKey, fold } from '$contract/identity';
import type { ArtistFacts } from '../facts';
import type { SimilarArtist } from '../similar';

/** Tags that say where, when or how much, not what it sounds like. */
const NOT_GENRES = new Set(
	[
		'british',
		'english',
		'scottish',
		'welsh',
		'irish',
		'american',
		'uk',
		'usa',
		'us',
		'german',
		'icelandic',
		'canadian',
		'french',
		'japanese',
		'brazilian',
		'nigerian',
		'african',
		'swedish',
		'australian',
		'seen live',
		'favorites',
		'favourites',
		'female vocalists',
		'male vocalists',
		'awesome',
		'classic',
		'legendary',
		'composer',
		'singer songwriter',
		'producer',
		'multiple ipi',
		'uk singer'
	].map(fold)
);
/** Broad genres: kept, but a more specific one of the same artists ranks first. */
const BROAD = new Set(
	['rock', 'pop', 'electronic', 'alternative', 'indie', 'jazz', 'folk', 'soul', 'experimental'].map(
		fold
	)
);

export function isGenreTag(tag: string): boolean {
	const t = fold(tag);
	return !!t && !NOT_GENRES.has(t) && !/^\d/.test(t) && !/\b\d0s\b/.test(t) && t.length <= 40;
}

/** "trip hop" → "Trip hop", "idm" → "IDM" (MusicBrainz tags are lower case). */
export function genreLabel(tag: string): string {
	if (tag.length <= 3) return tag.toUpperCase();
	return tag.charAt(0).toUpperCase() + tag.slice(1);
}

/**
 * When an artist's records began: a group's begin year is its founding; a person's is their
 * birth, so their career is taken to start at about twenty.
 */
export function careerStart(facts: Pick<ArtistFacts, 'beginYear' | 'type'>): number | undefined {
	if (!facts.beginYear) return undefined;
	return facts.type === 'Person' ? facts.beginYear + 20 : facts.beginYear;
}

export function countryName(code: string): string {
	try {
		return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
	} catch {
		return code;
	}
}

/** "A", "A and B", "A, B and C" */
export function listWords(items: readonly string[]): string {
	if (items.length <= 1) return items[0] ?? '';
	return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export interface PortraitInput {
	artists: readonly ArtistInput[];
	/** Facts for (some of) the artists, in any order. */
	facts: readonly ArtistFacts[];
	/** Similar artists of the known ones (from ListenBrainz); undefined when it did not answer. */
	neighbours?: readonly SimilarArtist[];
	/** Facts of the neighbours, for their genres. */
	neighbourFacts?: readonly ArtistFacts[];
}

interface Weighted {
	facts: ArtistFacts;
	name: string;
	weight: number;
}

/** More plays, more weight (logarithmically); without plays, the earlier in the list the more. */
function weigh(artists: readonly ArtistInput[], facts: readonly ArtistFacts[]): Weighted[] {
	const byKey = new Map(facts.map((f) => [artistKey(f.name), f]));
	const out: Weighted[] = [];
	artists.forEach((artist, i) => {
		const f = byKey.get(artistKey(artist.name));
		if (f?.status !== 'known') return;
		const weight = artist.plays ? 1 + Math.log10(1 + artist.plays) : 1 / (1 + i / 10);
		out.push({ facts: f, name: f.matchedName ?? artist.name, weight });
	});
	return out;
}

function topBy<T>(entries: Map<string, T[]>, score: (items: T[]) => number, max: number) {
	return [...entries]
		.map(([key, items]) => ({ key, items, score: score(items) }))
		.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
		.slice(0, max);
}

function genres(known: Weighted[]): PortraitFacet[] {
	const byTag = new Map<string, Weighted[]>();
	for (const w of known) {
		for (const tag of w.facts.tags.slice(0, 6)) {
			if (!isGenreTag(tag.name)) continue;
			const list = byTag.get(tag.name) ?? [];
			list.push(w);
			byTag.set(tag.name, list);
		}
	}
	const score = (items: Weighted[], tag: string) =>
		items.reduce((n, w) => n + w.weight, 0) * (BROAD.has(fold(tag)) ? 0.6 : 1);
	return [...byTag]
		.map(([tag, items]) => ({ tag, items, score: score(items, tag) }))
		.sort((a, b) => b.score - a.score || a.tag.localeCompare(b.tag))
		.slice(0, 5)
		.map(({ tag, items }) => {
			const names = items.map((w) => w.name);
			const shown = listWords(names.slice(0, 3));
			const more = names.length > 3 ? ` and ${names.length - 3} more of your artists` : '';
			return {
				label: genreLabel(tag),
				explanation:
					names.length === 1
						? `${shown} carries this tag on MusicBrainz.`
						: `${shown}${more} carry this tag on MusicBrainz.`
			};
		});
}

/** "Portishead (Bristol)": the place inside the country, when MusicBrainz names one. */
function placed(w: Weighted, country: string): string {
	const area = [w.facts.area, w.facts.beginArea].find((a) => a && a.name !== country);
	return area ? `${w.name} (${area.name})` : w.name;
}

function centres(known: Weighted[]): PortraitFacet[] {
	const byCountry = new Map<string, Weighted[]>();
	for (const w of known) {
		if (!w.facts.country) continue;
		const list = byCountry.get(w.facts.country) ?? [];
		list.push(w);
		byCountry.set(w.facts.country, list);
	}
	return topBy(byCountry, (items) => items.reduce((n, w) => n + w.weight, 0), 4).map(
		({ key, items }) => {
			const country = countryName(key);
			return {
				label: country,
				explanation: `${listWords(items.slice(0, 4).map((w) => placed(w, country)))} ${items.length === 1 ? 'comes' : 'come'} from here.`
			};
		}
	);
}

function eras(known: Weighted[]): PortraitFacet[] {
	const byDecade = new Map<number, { score: number; began: Weighted[] }>();
	const add = (decade: number, score: number, w?: Weighted) => {
		const entry = byDecade.get(decade) ?? { score: 0, began: [] };
		entry.score += score;
		if (w) entry.began.push(w);
		byDecade.set(decade, entry);
	};
	for (const w of known) {
		const begin = careerStart(w.facts);
		if (!begin) continue;
		const decade = Math.floor(begin / 10) * 10;
		add(decade, w.weight, w);
		// Still active the decade after: half the weight there.
		if (!w.facts.endYear || w.facts.endYear >= decade + 10) add(decade + 10, w.weight / 2);
	}
	return [...byDecade]
		.filter(([, e]) => e.began.length)
		.sort((a, b) => b[1].score - a[1].score || a[0] - b[0])
		.slice(0, 4)
		.sort((a, b) => a[0] - b[0])
		.map(([decade, { began }]) => ({
			label: `${decade}s`,
			explanation: `${listWords(
				began
					.slice(0, 4)
					.map((w) =>
						w.facts.type === 'Person'
							? `${w.name} (born ${w.facts.beginYear})`
							: `${w.name} (formed ${w.facts.beginYear})`
					)
			)} began making records around then, as MusicBrainz dates them.`
		}));
}

interface Neighbour {
	mbid: string;
	name: string;
	score: number;
	references: string[];
	tags: string[];
}

/** Similar artists the list does not reach, closest first (scores normalised per reference). */
export function neighbourhood(
	known: readonly ArtistFacts[],
	listenerKeys: ReadonlySet<string>,
	similar: readonly SimilarArtist[],
	neighbourFacts: readonly ArtistFacts[] = []
): Neighbour[] {
	const nameOf = new Map(known.map((f) => [f.mbid, f.matchedName ?? f.name]));
	const best = new Map<string, number>();
	for (const s of similar) best.set(s.reference, Math.max(best.get(s.reference) ?? 0, s.score));
	const tagsOf = new Map(
		neighbourFacts
			.filter((f) => f.status === 'known')
			.map((f) => [artistKey(f.name), f.tags.map((t) => t.name).filter(isGenreTag)])
	);
	const out = new Map<string, Neighbour>();
	for (const s of similar) {
		if (nameOf.has(s.mbid) || listenerKeys.has(artistKey(s.name))) continue;
		const n = out.get(s.mbid) ?? {
			mbid: s.mbid,
			name: s.name,
			score: 0,
			references: [],
			tags: tagsOf.get(artistKey(s.name)) ?? []
		};
		n.score += s.score / (best.get(s.reference) || 1);
		const ref = nameOf.get(s.reference);
		if (ref && !n.references.includes(ref)) n.references.push(ref);
		out.set(s.mbid, n);
	}
	return [...out.values()].sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

function gaps(near: Neighbour[], genreLabels: readonly string[]): PortraitFacet[] {
	const have = new Set(genreLabels.map(fold));
	const groups = new Map<string, Neighbour[]>();
	for (const n of near.slice(0, 12)) {
		const tag = n.tags.find((t) => !have.has(fold(t)));
		const key = tag ? genreLabel(tag) : n.name;
		groups.set(key, [...(groups.get(key) ?? []), n]);
	}
	return [...groups].slice(0, 4).map(([label, members]) => {
		const refs = [...new Set(members.flatMap((m) => m.references))].slice(0, 3);
		const names = listWords(members.slice(0, 3).map((m) => m.name));
		return {
			label,
			explanation:
				`${names} ${members.length === 1 ? 'sits' : 'sit'} next to ${listWords(refs) || 'your artists'} ` +
				`in what ListenBrainz listeners play, yet ${members.length === 1 ? 'is not' : 'none of them is'} in your list.`
		};
	});
}

export function cataloguePortrait(input: PortraitInput): PortraitResult {
	const known = weigh(input.artists, input.facts);
	const primaryGenres = genres(known);
	const geographicCenters = centres(known);
	const keyEras = eras(known);
	const listenerKeys = new Set(input.artists.map((a) => artistKey(a.name)));
	const near = input.neighbours
		? neighbourhood(
				known.map((w) => w.facts),
				listenerKeys,
				input.neighbours,
				input.neighbourFacts
			)
		: [];
	const noteworthyGaps = gaps(
		near,
		primaryGenres.map((g) => g.label)
	);

	const sentences = [
		`Your ${input.artists.length} artists lean on ${listWords(primaryGenres.slice(0, 3).map((g) => g.label.toLowerCase())) || 'no one genre'}` +
			(geographicCenters.length
				? `, with ${geographicCenters.length === 1 ? 'a centre' : 'centres'} in ${listWords(geographicCenters.slice(0, 2).map((c) => c.label))}`
				: '') +
			(keyEras.length > 1
				? `; their first records date from the ${keyEras[0].label} to the ${keyEras.at(-1)!.label}.`
				: keyEras.length
					? `; most of them began in the ${keyEras[0].label}.`
					: '.')
	];
	if (near.length) {
		sentences.push(
			`Around them, ListenBrainz listeners also play ${listWords(near.slice(0, 3).map((n) => n.name))} — none of them in your list yet.`
		);
	} else if (!input.neighbours) {
		sentences.push(
			'ListenBrainz did not answer, so your neighbourhood is missing for now; it is asked again for your recommendations.'
		);
	}
	const unplaced = input.artists.length - known.length;
	if (unplaced > 0) {
		sentences.push(
			`MusicBrainz could not tell for sure who ${unplaced === 1 ? 'one of your artists is' : `${unplaced} of your artists are`}, so ${unplaced === 1 ? 'it is' : 'they are'} left out of these figures.`
		);
	}
	return {
		primaryGenres,
		geographicCenters,
		keyEras,
		noteworthyGaps,
		summary: sentences.join(' ')
	};
}
