import atlas from 'world-atlas/countries-110m.json';
import { describe, expect, it } from 'vitest';
import { ALPHA2_OF_NUMERIC, countryName, ISO_NUMERIC, mapCodeOf } from './countries';
import { countriesNamedIn } from './places';

describe('the ISO 3166-1 table', () => {
	it('has every country once, numeric codes unique', () => {
		expect(Object.keys(ISO_NUMERIC)).toHaveLength(249);
		expect(new Set(Object.values(ISO_NUMERIC)).size).toBe(249);
	});

	it('names every shape of the world atlas that has an id (ids are ISO numeric codes)', () => {
		const shapes = (
			atlas as unknown as {
				objects: { countries: { geometries: { id?: string; properties: { name: string } }[] } };
			}
		).objects.countries.geometries.filter((g) => g.id);
		expect(shapes.length).toBeGreaterThan(170);
		const unnamed = shapes.filter((g) => !ALPHA2_OF_NUMERIC.has(g.id!));
		expect(unnamed.map((g) => g.properties.name)).toEqual([]);
		// A few the eye can check against the atlas's own names.
		const named = (id: string) => countryName(ALPHA2_OF_NUMERIC.get(id)!);
		expect(named('826')).toBe('United Kingdom');
		expect(named('276')).toBe('Germany');
		expect(named('352')).toBe('Iceland');
		expect(named('566')).toBe('Nigeria');
		expect(named('231')).toBe('Ethiopia');
	});
});

describe("MusicBrainz's codes outside ISO 3166-1", () => {
	it.each([
		['XG', 'East Germany', 'DE'],
		['SU', 'Soviet Union', undefined],
		['YU', 'Yugoslavia', undefined],
		['XC', 'Czechoslovakia', undefined],
		['CS', 'Serbia and Montenegro', undefined],
		['XK', 'Kosovo', 'XK'],
		['XE', 'Europe', undefined],
		['GB', 'United Kingdom', 'GB'],
		['gb', 'United Kingdom', 'GB']
	])('%s is %s, drawn as %s', (code, name, drawn) => {
		expect(countryName(code)).toBe(name);
		expect(mapCodeOf(code)).toBe(drawn);
	});
});

describe('countriesNamedIn: the countries a place label names', () => {
	it.each([
		['a country', 'Iceland', ['IS']],
		['a short name', 'UK art-school rock', ['GB']],
		['a nation of the UK', 'Scotland', ['GB']],
		['an adjective', 'German electronic pioneers', ['DE', 'XG']],
		['a former country', 'West Germany', ['DE']],
		['East Germany', 'East German cabaret', ['XG']],
		['a region', 'West Africa', 'BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG'.split(' ')],
		['a country inside a region name', 'South African jazz', ['ZA']],
		['a longer name first', 'Guinea-Bissau', ['GW']],
		['two countries', 'Brazil and Jamaica', ['BR', 'JM']],
		['accents folded', 'São Tomé', []],
		['a city names none', 'Manchester', []],
		['"us" is a word, not a country', 'music that moves us', []]
	])('%s: %s', (_what, label, codes) => {
		expect([...countriesNamedIn(label)].sort()).toEqual([...codes].sort());
	});
});
