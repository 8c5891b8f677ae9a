/**
 * The listener's map, worked out from their journeys and the artist facts the device knows:
 * where their artists and the albums they were given come from (countries weighted by plays
 * where an import gave them, else one per artist), the decades of the artists' activity and of
 * the albums, the portrait's genres weighted by the artists' MusicBrainz tags, and each round's
 * waypoint on the journey's route. Pure: the screens draw it, the tests read it.
 *
 * Nothing is guessed: an artist MusicBrainz does not know, or knows several of, stays off the
 * map and is listed as such (`coverage`); a country that is not on today's map (the Soviet
 * Union) is listed by name rather than spread over today's countries.
 */
import type { Direction } from '$contract/curator';
import { artistKey, fold } from '$contract/identity';
import type { ArtistFactsFields } from './artist-facts-cache';
import { countryName, mapCodeOf, MUSICBRAINZ_ONLY } from './countries';
import { activeSpan, albumYear, decadeOf, decadesOf } from './eras';
import { feedbackOfRound, localAnalysis, type Journey } from './journey';
import { hasWords } from './places';
import type { FactsByKey } from './portrait-check';

export type { FactsByKey };

export interface MapArtist {
	name: string;
	/** Plays from an import, when it gave them. */
	plays?: number;
	/** What the artist counts for: plays when known, else 1. */
	weight: number;
	/** The area MusicBrainz gives (a city, a region or the country itself). */
	place?: string;
	/** For a country of the past drawn inside today's ("East Germany"). */
	formerly?: string;
}

export interface MapAlbum {
	title: string;
	artist: string;
	year?: number;
	round: number;
	rating?: number;
}

export interface CountryMark {
	/** The code it is drawn under: ISO 3166-1 alpha-2, or MusicBrainz's own (SU, YU, XE…). */
	code: string;
	name: string;
	/** Whether one of today's countries stands for it (false for the Soviet Union, Europe…). */
	onTodaysMap: boolean;
	artists: MapArtist[];
	weight: number;
	/** Of all the placed artists' weight, 0–1. */
	share: number;
	/** Albums recommended by artists from here. */
	albums: MapAlbum[];
	rated: number;
	averageRating?: number;
}

export interface DecadeRow {
	decade: number;
	/** Listener's artists active in this decade. */
	artists: string[];
	recommended: MapAlbum[];
	rated: number;
	averageRating?: number;
}

export interface GenreWeight {
	label: string;
	/** Of the weight of the artists MusicBrainz tags at all, 0–1. */
	share: number;
	artists: string[];
	/** 'portrait': one of the portrait's primary genres; 'tag': frequent in the artists' tags. */
	source: 'portrait' | 'tag';
}

export interface Waypoint {
	round: number;
	direction: Direction;
	albums: MapAlbum[];
	ratedCount: number;
	averageRating?: number;
	/** Codes of the countries the round's albums come from, most albums first. */
	countries: string[];
	decades: number[];
}

export interface Coverage {
	/** The listener's artists in scope. */
	total: number;
	placed: number;
	/** Known to MusicBrainz, but with no country. */
	noCountry: string[];
	unknown: string[];
	ambiguous: string[];
	/** Not looked up yet (or MusicBrainz could not be asked). */
	pending: string[];
}

export interface ListeningMap {
	countries: CountryMark[];
	decades: DecadeRow[];
	genres: GenreWeight[];
	coverage: Coverage;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const average = (ratings: number[]) =>
	ratings.length ? round1(ratings.reduce((a, b) => a + b, 0) / ratings.length) : undefined;

/** Every name whose facts the map needs: the listener's artists and the albums' artists. */
export function namesOfJourneys(journeys: readonly Journey[]): string[] {
	const names = new Map<string, string>();
	for (const j of journeys) {
		for (const a of j.row.artists)
			names.set(artistKey(a.name), names.get(artistKey(a.name)) ?? a.name);
		for (const s of j.sets)
			for (const album of s.albums)
				if (!names.has(artistKey(album.artist))) names.set(artistKey(album.artist), album.artist);
	}
	names.delete('');
	return [...names.values()];
}

/** The listener's artists over the journeys, each once (the most plays any journey gave). */
function listenerArtists(journeys: readonly Journey[]): { name: string; plays?: number }[] {
	const out = new Map<string, { name: string; plays?: number }>();
	for (const j of journeys)
		for (const a of j.row.artists) {
			const key = artistKey(a.name);
			if (!key) continue;
			const seen = out.get(key);
			if (!seen) out.set(key, { name: a.name, plays: a.plays });
			else if ((a.plays ?? -1) > (seen.plays ?? -1)) seen.plays = a.plays;
		}
	return [...out.values()];
}

/** Every album given in the journeys, with its rating where the listener gave one. */
export function albumsOfJourneys(journeys: readonly Journey[]): MapAlbum[] {
	return journeys.flatMap((j) =>
		j.sets.flatMap((set) =>
			set.albums.map((album) => {
				const feedback = j.feedback.find((f) => f.setId === set.id && f.albumKey === album.key);
				return {
					title: album.title,
					artist: album.artist,
					year: albumYear(album.year),
					round: set.round,
					...(feedback?.rating ? { rating: feedback.rating } : {})
				};
			})
		)
	);
}

const known = (facts: FactsByKey, name: string): ArtistFactsFields | undefined => {
	const f = facts.get(artistKey(name));
	return f?.status === 'known' ? f : undefined;
};

/** Where an artist is drawn: today's country holding theirs, or their country's own code. */
function drawnAt(
	f: ArtistFactsFields | undefined
): { code: string; formerly?: string } | undefined {
	if (!f?.country) return undefined;
	const today = mapCodeOf(f.country);
	if (today && today !== f.country)
		return { code: today, formerly: MUSICBRAINZ_ONLY[f.country]?.name };
	return { code: f.country };
}

function countriesOf(
	artists: { name: string; plays?: number }[],
	albums: MapAlbum[],
	facts: FactsByKey
): CountryMark[] {
	const marks = new Map<string, CountryMark>();
	const mark = (code: string) => {
		let m = marks.get(code);
		if (!m) {
			m = {
				code,
				name: countryName(code),
				onTodaysMap: mapCodeOf(code) === code,
				artists: [],
				weight: 0,
				share: 0,
				albums: [],
				rated: 0
			};
			marks.set(code, m);
		}
		return m;
	};
	for (const a of artists) {
		const f = known(facts, a.name);
		const at = drawnAt(f);
		if (!at) continue;
		const weight = a.plays && a.plays > 0 ? a.plays : 1;
		const place = f?.area?.type === 'Country' ? undefined : f?.area?.name;
		mark(at.code).artists.push({
			name: a.name,
			weight,
			...(a.plays !== undefined ? { plays: a.plays } : {}),
			...(place ? { place } : {}),
			...(at.formerly ? { formerly: at.formerly } : {})
		});
		mark(at.code).weight += weight;
	}
	for (const album of albums) {
		const at = drawnAt(known(facts, album.artist));
		if (at) mark(at.code).albums.push(album);
	}
	const total = [...marks.values()].reduce((n, m) => n + m.weight, 0);
	for (const m of marks.values()) {
		m.share = total ? m.weight / total : 0;
		const ratings = m.albums.flatMap((a) => (a.rating ? [a.rating] : []));
		m.rated = ratings.length;
		const avg = average(ratings);
		if (avg !== undefined) m.averageRating = avg;
		m.artists.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
	}
	return [...marks.values()].sort(
		(a, b) =>
			b.weight - a.weight || b.albums.length - a.albums.length || a.name.localeCompare(b.name)
	);
}

function decadesOfMap(
	artists: { name: string }[],
	albums: MapAlbum[],
	facts: FactsByKey,
	thisYear: number
): DecadeRow[] {
	const rows = new Map<number, DecadeRow>();
	const row = (decade: number) => {
		let r = rows.get(decade);
		if (!r) rows.set(decade, (r = { decade, artists: [], recommended: [], rated: 0 }));
		return r;
	};
	for (const a of artists) {
		const f = known(facts, a.name);
		const span = f && activeSpan(f, thisYear);
		if (span) for (const d of decadesOf(span)) row(d).artists.push(a.name);
	}
	for (const album of albums) if (album.year) row(decadeOf(album.year)).recommended.push(album);
	if (!rows.size) return [];
	// Every decade between the first and the last, so the timeline has no holes.
	const first = Math.min(...rows.keys());
	const last = Math.max(...rows.keys());
	for (let d = first; d <= last; d += 10) row(d);
	for (const r of rows.values()) {
		const ratings = r.recommended.flatMap((a) => (a.rating ? [a.rating] : []));
		r.rated = ratings.length;
		const avg = average(ratings);
		if (avg !== undefined) r.averageRating = avg;
	}
	return [...rows.values()].sort((a, b) => a.decade - b.decade);
}

/** Does a MusicBrainz tag stand for a genre? Equal, or narrower ("modal jazz" for "jazz"). */
export function tagFits(tag: string, genre: string): boolean {
	return hasWords(fold(tag), fold(genre));
}

const TOP_TAGS = 5;

function genresOf(
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

function coverageOf(artists: { name: string }[], facts: FactsByKey): Coverage {
	const out: Coverage = {
		total: artists.length,
		placed: 0,
		noCountry: [],
		unknown: [],
		ambiguous: [],
		pending: []
	};
	for (const { name } of artists) {
		const f = facts.get(artistKey(name));
		if (!f || f.status === 'unchecked') out.pending.push(name);
		else if (f.status === 'unknown') out.unknown.push(name);
		else if (f.status === 'ambiguous') out.ambiguous.push(name);
		else if (drawnAt(f)) out.placed++;
		else out.noCountry.push(name);
	}
	return out;
}

/** The map of these journeys (one, or all of the listener's). */
export function listeningMap(
	journeys: readonly Journey[],
	facts: FactsByKey,
	thisYear: number
): ListeningMap {
	const artists = listenerArtists(journeys);
	const albums = albumsOfJourneys(journeys);
	return {
		countries: countriesOf(artists, albums, facts),
		decades: decadesOfMap(artists, albums, facts, thisYear),
		genres: genresOf(journeys, artists, facts),
		coverage: coverageOf(artists, facts)
	};
}

/** The journey as a route: one waypoint per round that has begun, in order. */
export function routeOf(journey: Journey, facts: FactsByKey): Waypoint[] {
	const albums = albumsOfJourneys([journey]);
	const rounds = new Set<number>([
		...journey.conversations.map((c) => c.round),
		...journey.sets.map((s) => s.round)
	]);
	return [...rounds]
		.sort((a, b) => a - b)
		.map((round) => {
			const mine = albums.filter((a) => a.round === round);
			const counts = new Map<string, number>();
			for (const album of mine) {
				const at = drawnAt(known(facts, album.artist));
				if (at) counts.set(at.code, (counts.get(at.code) ?? 0) + 1);
			}
			const rated = localAnalysis(feedbackOfRound(journey, round));
			const direction =
				journey.conversations.find((c) => c.round === round)?.direction ??
				(round === 1 ? 'initial' : 'reinforced');
			return {
				round,
				direction,
				albums: mine,
				ratedCount: rated.ratedCount,
				...(rated.ratedCount ? { averageRating: rated.averageRating } : {}),
				countries: [...counts]
					.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
					.map(([code]) => code),
				decades: [...new Set(mine.flatMap((a) => (a.year ? [decadeOf(a.year)] : [])))].sort(
					(a, b) => a - b
				)
			};
		});
}
