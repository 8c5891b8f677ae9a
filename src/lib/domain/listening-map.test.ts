import { describe, expect, it } from 'vitest';
import { artistKey } from '$contract/identity';
import type { ArtistFactsFields } from './artist-facts-cache';
import type { Journey } from './journey';
import { listeningMap, namesOfJourneys, routeOf, type FactsByKey } from './listening-map';
import { describeCountry, describeDecade, describeWaypoint } from './map-words';
import type { Rating } from './types';

const city = (name: string) => ({ mbid: `id-${name}`, name, type: 'City' });
const known = (f: Partial<ArtistFactsFields>): ArtistFactsFields => ({
	status: 'known',
	tags: [],
	...f
});

const FACTS: Record<string, ArtistFactsFields> = {
	Can: known({
		country: 'DE',
		area: city('Cologne'),
		type: 'Group',
		beginYear: 1968,
		endYear: 1979,
		tags: [
			{ name: 'krautrock', count: 20 },
			{ name: 'experimental rock', count: 5 }
		]
	}),
	Kraftwerk: known({
		country: 'DE',
		area: city('Düsseldorf'),
		type: 'Group',
		beginYear: 1970,
		tags: [
			{ name: 'electronic', count: 30 },
			{ name: 'krautrock', count: 10 }
		]
	}),
	Portishead: known({
		country: 'GB',
		area: city('Bristol'),
		type: 'Group',
		beginYear: 1991,
		tags: [{ name: 'trip hop', count: 25 }]
	}),
	Nico: known({ country: 'XG', type: 'Person', beginYear: 1938, endYear: 1988, tags: [] }),
	Kino: known({ country: 'SU', type: 'Group', beginYear: 1981, endYear: 1990, tags: [] }),
	Madvillain: known({ type: 'Group', beginYear: 2002, tags: [] }),
	Nirvana: { status: 'ambiguous', tags: [], candidates: [] },
	'Nobody Known': { status: 'unknown', tags: [] },
	'Miles Davis': known({ country: 'US', type: 'Person', beginYear: 1926, endYear: 1991 }),
	'Mulatu Astatke': known({ country: 'ET', type: 'Person', beginYear: 1943 }),
	'Brian Eno': known({ country: 'GB', type: 'Person', beginYear: 1948 })
};
const facts = (entries = FACTS): FactsByKey =>
	new Map(Object.entries(entries).map(([name, f]) => [artistKey(name), f]));

interface AlbumSpec {
	title: string;
	artist: string;
	year: string;
	rating?: Rating;
}

/** A journey as the store holds it: artists, a portrait, and rounds of rated albums. */
function journey(
	artists: { name: string; plays?: number }[],
	rounds: { direction: 'initial' | 'reinforced' | 'pivot'; albums: AlbumSpec[] }[] = [],
	genres: string[] = []
): Journey {
	const id = 'j1';
	const conversations = rounds.map((r, i) => ({
		id: `c${i + 1}`,
		journeyId: id,
		round: i + 1,
		direction: r.direction,
		createdAt: i,
		complete: true,
		updatedAt: i
	}));
	const sets = rounds.map((r, i) => ({
		id: `s${i + 1}`,
		journeyId: id,
		conversationId: `c${i + 1}`,
		round: i + 1,
		batch: 1,
		createdAt: i,
		albums: r.albums.map((a, n) => ({ ...a, key: `1-${n}`, reason: '', genres: [] }))
	}));
	const feedback = rounds.flatMap((r, i) =>
		r.albums.flatMap((a, n) =>
			a.rating
				? [
						{
							id: `f${i}-${n}`,
							journeyId: id,
							setId: `s${i + 1}`,
							albumKey: `1-${n}`,
							round: i + 1,
							title: a.title,
							artist: a.artist,
							year: a.year,
							listened: true,
							rating: a.rating,
							createdAt: 0,
							updatedAt: 0
						}
					]
				: []
		)
	);
	return {
		row: { id, createdAt: 0, updatedAt: 0, artists, source: 'typed', round: rounds.length || 1 },
		portrait: {
			id: 'p1',
			journeyId: id,
			createdAt: 0,
			artists,
			source: 'typed',
			result: {
				primaryGenres: genres.map((label) => ({ label, explanation: '' })),
				geographicCenters: [],
				keyEras: [],
				noteworthyGaps: [],
				summary: ''
			}
		},
		conversations,
		sets,
		feedback,
		analyses: []
	};
}

const ROUND_1 = {
	direction: 'initial' as const,
	albums: [
		{ title: 'Kind of Blue', artist: 'Miles Davis', year: '1959', rating: 5 as Rating },
		{ title: 'Ethiopiques, Vol. 4', artist: 'Mulatu Astatke', year: '1998', rating: 3 as Rating },
		{ title: 'Invented', artist: 'Nobody Known', year: '1983' }
	]
};
const ROUND_2 = {
	direction: 'pivot' as const,
	albums: [
		{ title: 'Another Green World', artist: 'Brian Eno', year: '1975', rating: 4 as Rating },
		{ title: 'Music for Airports', artist: 'Brian Eno', year: '1978', rating: 2 as Rating }
	]
};

describe('listeningMap: countries', () => {
	it('shades countries by how many artists come from them, or by plays when known', () => {
		const typed = listeningMap(
			[journey([{ name: 'Can' }, { name: 'Kraftwerk' }, { name: 'Portishead' }])],
			facts(),
			2026
		);
		expect(typed.countries.map((c) => [c.code, c.weight, Math.round(c.share * 100)])).toEqual([
			['DE', 2, 67],
			['GB', 1, 33]
		]);
		const imported = listeningMap(
			[
				journey([
					{ name: 'Can', plays: 10 },
					{ name: 'Kraftwerk', plays: 20 },
					{ name: 'Portishead', plays: 270 }
				])
			],
			facts(),
			2026
		);
		expect(imported.countries.map((c) => [c.code, c.weight, c.share])).toEqual([
			['GB', 270, 0.9],
			['DE', 30, 0.1]
		]);
	});

	it('draws East Germany inside Germany, and lists the Soviet Union by name only', () => {
		const map = listeningMap([journey([{ name: 'Nico' }, { name: 'Kino' }])], facts(), 2026);
		const de = map.countries.find((c) => c.code === 'DE')!;
		expect(de.artists).toEqual([{ name: 'Nico', weight: 1, formerly: 'East Germany' }]);
		expect(de.onTodaysMap).toBe(true);
		const su = map.countries.find((c) => c.code === 'SU')!;
		expect([su.name, su.onTodaysMap]).toEqual(['Soviet Union', false]);
	});

	it('colours countries by the ratings of albums from there', () => {
		const map = listeningMap([journey([{ name: 'Can' }], [ROUND_1, ROUND_2])], facts(), 2026);
		const byCode = Object.fromEntries(map.countries.map((c) => [c.code, c]));
		expect([byCode.US.rated, byCode.US.averageRating]).toEqual([1, 5]);
		expect([byCode.GB.rated, byCode.GB.averageRating]).toEqual([2, 3]);
		expect(byCode.GB.artists).toEqual([]);
		expect(byCode.ET.averageRating).toBe(3);
		expect(describeCountry(byCode.GB)).toBe(
			'United Kingdom: 2 albums recommended (2 rated, average 3.0 out of 5).'
		);
		expect(describeCountry(byCode.DE)).toBe('Germany: 1 of your artists: Can (Cologne).');
	});

	it('places nobody it is unsure of, and says so', () => {
		const names = ['Can', 'Madvillain', 'Nirvana', 'Nobody Known', 'Not Yet Asked'];
		const map = listeningMap([journey(names.map((name) => ({ name })))], facts(), 2026);
		expect(map.countries.map((c) => c.code)).toEqual(['DE']);
		expect(map.coverage).toEqual({
			total: 5,
			placed: 1,
			noCountry: ['Madvillain'],
			unknown: ['Nobody Known'],
			ambiguous: ['Nirvana'],
			pending: ['Not Yet Asked']
		});
	});
});

describe('listeningMap: decades and genres', () => {
	it('fills the decades the artists were active in and those of the albums, with no holes', () => {
		const map = listeningMap(
			[journey([{ name: 'Can' }, { name: 'Portishead' }], [ROUND_1])],
			facts(),
			2026
		);
		expect(
			map.decades.map((d) => [d.decade, d.artists, d.recommended.length, d.averageRating])
		).toEqual([
			[1950, [], 1, 5],
			[1960, ['Can'], 0, undefined],
			[1970, ['Can'], 0, undefined],
			[1980, [], 1, undefined],
			[1990, ['Portishead'], 1, 3],
			[2000, ['Portishead'], 0, undefined],
			[2010, ['Portishead'], 0, undefined],
			[2020, ['Portishead'], 0, undefined]
		]);
		expect(describeDecade(map.decades[2])).toBe(
			'1970s: 1 of your artists active (Can); no album recommended from it.'
		);
	});

	it("weighs the portrait's genres by the artists tagged with them, then the artists' other tags", () => {
		const map = listeningMap(
			[
				journey(
					[{ name: 'Can' }, { name: 'Kraftwerk' }, { name: 'Portishead' }, { name: 'Madvillain' }],
					[],
					['Krautrock', 'Ambient']
				)
			],
			facts(),
			2026
		);
		expect(
			map.genres.map((g) => [g.label, Math.round(g.share * 100), g.artists, g.source])
		).toEqual([
			['Krautrock', 67, ['Can', 'Kraftwerk'], 'portrait'],
			['Ambient', 0, [], 'portrait'],
			['electronic', 33, ['Kraftwerk'], 'tag'],
			['experimental rock', 33, ['Can'], 'tag'],
			['trip hop', 33, ['Portishead'], 'tag']
		]);
	});
});

describe('routeOf: the rounds as waypoints', () => {
	it('gives each round its direction, average rating, countries and decades', () => {
		const j = journey([{ name: 'Can' }], [ROUND_1, ROUND_2]);
		const route = routeOf(j, facts());
		expect(
			route.map((w) => [w.round, w.direction, w.averageRating, w.countries, w.decades])
		).toEqual([
			[1, 'initial', 4, ['ET', 'US'], [1950, 1980, 1990]],
			[2, 'pivot', 3, ['GB'], [1970]]
		]);
		expect(describeWaypoint(route[1])).toBe(
			'Round 2 · pivot · average rating 3.0 from 2 albums · reached United Kingdom · 1970s.'
		);
	});

	it('shows a round that has begun but has no albums yet', () => {
		const j = journey([{ name: 'Can' }], [ROUND_1, { direction: 'reinforced', albums: [] }]);
		const route = routeOf(j, facts());
		expect(route[1]).toMatchObject({
			round: 2,
			direction: 'reinforced',
			countries: [],
			albums: []
		});
		expect(describeWaypoint(route[1])).toBe('Round 2 · go deeper · not rated yet · no albums yet.');
	});

	it('asks for the facts of the listener’s artists and of every album’s artist, once each', () => {
		const j = journey([{ name: 'Can' }, { name: 'can' }], [ROUND_1, ROUND_2]);
		expect(namesOfJourneys([j])).toEqual([
			'Can',
			'Miles Davis',
			'Mulatu Astatke',
			'Nobody Known',
			'Brian Eno'
		]);
	});
});
