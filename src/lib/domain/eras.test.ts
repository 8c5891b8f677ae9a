import { describe, expect, it } from 'vitest';
import { activeSpan, albumYear, decadesOf, yearsNamedIn } from './eras';

const NOW = 2026;

describe('yearsNamedIn: the years an era label names', () => {
	it.each([
		['a decade', '1990s', [[1990, 1999]]],
		['a late decade with a hyphen', 'Late-1970s', [[1976, 1979]]],
		['an early decade', 'Early 1990s', [[1990, 1993]]],
		['a mid decade', 'mid-1980s post-punk', [[1983, 1986]]],
		["an apostrophe'd decade", "the 1960's", [[1960, 1969]]],
		[
			'two-digit decades',
			"the '70s and mid-90s",
			[
				[1970, 1979],
				[1993, 1996]
			]
		],
		[
			'two-digit decades this century',
			'00s and 10s',
			[
				[2000, 2009],
				[2010, 2019]
			]
		],
		['a decade in words', 'the late sixties', [[1966, 1969]]],
		['noughties', 'Noughties indie', [[2000, 2009]]],
		['a range of years', '1965–1972', [[1965, 1972]]],
		['a range written short', '1965-72', [[1965, 1972]]],
		[
			'a range of decades',
			'1960s to 1970s',
			[
				[1960, 1969],
				[1970, 1979]
			]
		],
		['one year', 'Summer of 1977', [[1977, 1977]]],
		['a century so far', '21st century', [[2000, 2026]]],
		['a whole century', '20th-century minimalism', [[1900, 1999]]],
		['nothing to read', 'The golden age of hip hop', []],
		['numbers that are not years', 'Top 40 radio', []]
	])('%s: %s', (_what, label, spans) => {
		expect(yearsNamedIn(label, NOW).map((s) => [s.from, s.to])).toEqual(spans);
	});
});

describe('activeSpan: when an artist was active', () => {
	it.each([
		[
			'a group from its start to its end',
			{ type: 'Group', beginYear: 1968, endYear: 1979 },
			[1968, 1979]
		],
		['a group still going', { type: 'Group', beginYear: 1991 }, [1991, NOW]],
		['a person from age 18', { type: 'Person', beginYear: 1958 }, [1976, NOW]],
		[
			'a person until their death',
			{ type: 'Person', beginYear: 1926, endYear: 1991 },
			[1944, 1991]
		],
		['no type: taken as given', { beginYear: 1970 }, [1970, NOW]]
	] as const)('%s', (_what, facts, [from, to]) => {
		expect(activeSpan(facts, NOW)).toEqual({ from, to });
	});

	it('has none without a begin year (never made up)', () => {
		expect(activeSpan({ type: 'Person' }, NOW)).toBeUndefined();
		expect(activeSpan({ type: 'Group', endYear: 1990 }, NOW)).toBeUndefined();
	});

	it('touches every decade between its ends', () => {
		expect(decadesOf({ from: 1976, to: 1980 })).toEqual([1970, 1980]);
		expect(decadesOf({ from: 1990, to: 1990 })).toEqual([1990]);
	});
});

describe('albumYear', () => {
	it.each([
		['1971', 1971],
		['1971-03-01', 1971],
		['', undefined],
		['unknown', undefined],
		[undefined, undefined]
	])('%s → %s', (text, year) => {
		expect(albumYear(text)).toBe(year);
	});
});
