import { describe, expect, it } from 'vitest';
import { Tally } from './tally';

type Row = [name: string, ms: number | null, plays?: number];

const cases: {
	name: string;
	rows: Row[];
	expected: { name: string; plays: number; msPlayed: number }[];
}[] = [
	{
		name: 'a play under 30 s adds time but no play; 30 s exactly is a play',
		rows: [
			['Nao', 29_999],
			['Nao', 30_000]
		],
		expected: [{ name: 'Nao', plays: 1, msPlayed: 59_999 }]
	},
	{
		name: 'rows without durations are one play each',
		rows: [
			['Enya', null],
			['Enya', null]
		],
		expected: [{ name: 'Enya', plays: 2, msPlayed: 0 }]
	},
	{
		name: 'names merge across case, accents and spacing; the most common spelling is shown',
		rows: [
			['bjork', null],
			['Björk', null],
			[' BJÖRK ', null],
			['Björk', null]
		],
		expected: [{ name: 'Björk', plays: 4, msPlayed: 0 }]
	},
	{
		name: 'on a spelling tie the first one seen wins',
		rows: [
			['sigur ros', null],
			['Sigur Rós', null]
		],
		expected: [{ name: 'sigur ros', plays: 2, msPlayed: 0 }]
	},
	{
		name: 'ranked by plays, then listening time, then name',
		rows: [
			['B', 40_000],
			['A', 40_000],
			['C', 200_000],
			['C', 1_000],
			['D', 100_000],
			['D', 100_000]
		],
		expected: [
			{ name: 'D', plays: 2, msPlayed: 200_000 },
			{ name: 'C', plays: 1, msPlayed: 201_000 },
			{ name: 'A', plays: 1, msPlayed: 40_000 },
			{ name: 'B', plays: 1, msPlayed: 40_000 }
		]
	},
	{
		name: 'an explicit play count is credited as given (Apple counts per day)',
		rows: [
			['Fleetwood Mac', 720_000, 3],
			['Fleetwood Mac', 15_000, 0]
		],
		expected: [{ name: 'Fleetwood Mac', plays: 3, msPlayed: 735_000 }]
	},
	{
		name: 'blank names are not artists',
		rows: [
			['  ', null],
			['', 100_000]
		],
		expected: []
	}
];

describe('Tally', () => {
	it.each(cases)('$name', ({ rows, expected }) => {
		const tally = new Tally();
		for (const [name, ms, plays] of rows) tally.add(name, ms, plays);
		expect(tally.ranked()).toEqual(expected);
	});

	it('reports blank names so the row can be counted as skipped', () => {
		const tally = new Tally();
		expect(tally.add('   ', null)).toBe(false);
		expect(tally.add('Mitski', null)).toBe(true);
	});

	it('credits every artist of a track with the play and its time', () => {
		const tally = new Tally();
		tally.addAll(['Kanye West', 'Bon Iver'], 256_000);
		expect(tally.ranked()).toEqual([
			{ name: 'Bon Iver', plays: 1, msPlayed: 256_000 },
			{ name: 'Kanye West', plays: 1, msPlayed: 256_000 }
		]);
	});

	it('merges tallies from several files, spellings included', () => {
		const a = new Tally();
		const b = new Tally();
		a.add('Sigur Rós', 200_000);
		b.add('sigur ros', 100_000);
		b.add('sigur ros', 100_000);
		a.merge(b);
		expect(a.ranked()).toEqual([{ name: 'sigur ros', plays: 3, msPlayed: 400_000 }]);
	});
});
