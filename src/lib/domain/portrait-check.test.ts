import { describe, expect, it } from 'vitest';
import { artistKey } from '$contract/identity';
import type { ArtistFactsFields } from './artist-facts-cache';
import { checkPortrait, type FactsByKey } from './portrait-check';

const area = (name: string, type = 'City') => ({ mbid: `id-${name}`, name, type });

/** Facts as MusicBrainz gives them for a few real artists. */
const FACTS: Record<string, ArtistFactsFields> = {
	Portishead: { status: 'known', country: 'GB', area: area('Bristol'), beginYear: 1991, tags: [] },
	Can: {
		status: 'known',
		country: 'DE',
		area: area('Cologne'),
		beginYear: 1968,
		endYear: 1979,
		tags: []
	},
	Björk: {
		status: 'known',
		type: 'Person',
		country: 'IS',
		area: area('Iceland', 'Country'),
		beginArea: area('Reykjavík'),
		beginYear: 1965,
		tags: []
	},
	Nirvana: { status: 'ambiguous', tags: [], candidates: [] },
	'Nobody Known': { status: 'unknown', tags: [] }
};

const factsOf = (entries: Record<string, ArtistFactsFields>): FactsByKey =>
	new Map(Object.entries(entries).map(([name, f]) => [artistKey(name), f]));

const portrait = (places: string[], eras: string[]) => ({
	geographicCenters: places.map((label) => ({ label, explanation: '' })),
	keyEras: eras.map((label) => ({ label, explanation: '' }))
});

const ARTISTS = ['Portishead', 'Can', 'Björk', 'Nirvana', 'Nobody Known'];

describe('checkPortrait: centres and eras against the artists’ facts', () => {
	it.each([
		['a city an artist comes from', 'Bristol', 'supported', ['Portishead']],
		['a city an artist began in', 'Reykjavík', 'supported', ['Björk']],
		['the same city without its accent', 'Reykjavik nights', 'supported', ['Björk']],
		['a country an artist is from', 'Germany', 'supported', ['Can']],
		['a country by its adjective', 'Icelandic', 'supported', ['Björk']],
		['a region holding two of them', 'Europe', 'supported', ['Portishead', 'Can', 'Björk']],
		['a city none comes from', 'Manchester', 'curators-reading', []],
		['a country none is from', 'Japan', 'curators-reading', []],
		['no place at all', 'Everywhere and nowhere', 'curators-reading', []]
	])('a centre: %s (%s)', (_what, label, status, by) => {
		const check = checkPortrait(portrait([label], []), ARTISTS, factsOf(FACTS), 2026);
		expect(check.places).toEqual([{ label, status, by }]);
	});

	it.each([
		['a decade one was active in', '1970s', 'supported', ['Can']],
		['late in a decade', 'Late-1970s', 'supported', ['Can']],
		['a person counts from age 18 (Björk, born 1965)', 'Late 1970s', 'supported', ['Can']],
		['the 1990s', 'Early-1990s', 'supported', ['Portishead', 'Björk']],
		['a decade before any began', '1950s', 'curators-reading', []],
		['Björk as a child does not count', 'Early 1970s', 'supported', ['Can']],
		['no years named', 'The golden age', 'curators-reading', []]
	])('an era: %s (%s)', (_what, label, status, by) => {
		const check = checkPortrait(portrait([], [label]), ARTISTS, factsOf(FACTS), 2026);
		expect(check.eras).toEqual([{ label, status, by }]);
	});

	it('says "not checked yet" while some artists are still to be looked up', () => {
		const partial = factsOf({ Portishead: FACTS.Portishead });
		const check = checkPortrait(
			portrait(['Bristol', 'Manchester'], ['1950s']),
			ARTISTS,
			partial,
			2026
		);
		expect(check.places.map((r) => r.status)).toEqual(['supported', 'unchecked']);
		expect(check.eras.map((r) => r.status)).toEqual(['unchecked']);
	});

	it('counts an artist MusicBrainz could not be asked about as not looked up', () => {
		const facts = factsOf({ ...FACTS, Can: { status: 'unchecked', tags: [] } });
		const check = checkPortrait(portrait(['Japan'], []), ARTISTS, facts, 2026);
		expect(check.places[0].status).toBe('unchecked');
	});

	it('never lets an unknown or ambiguous artist support anything', () => {
		const check = checkPortrait(
			portrait(['Aberdeen'], ['1990s']),
			['Nirvana', 'Nobody Known'],
			factsOf(FACTS),
			2026
		);
		expect(check.places[0]).toEqual({ label: 'Aberdeen', status: 'curators-reading', by: [] });
		expect(check.eras[0].status).toBe('curators-reading');
	});
});
