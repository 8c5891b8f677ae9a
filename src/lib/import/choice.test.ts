import { describe, expect, it } from 'vitest';
import { playsLabel, tickedByDefault } from './choice';
import { isCompilationCredit } from './compilation';
import { parseExport } from './index';
import { Tally } from './tally';

const json = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** A Spotify account StreamingHistory file (FORMATS.md §1): one row per play. */
function history(plays: [artist: string, ms: number][]) {
	return json(
		plays.map(([artistName, msPlayed], i) => ({
			endTime: `2024-05-01 ${String(10 + Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`,
			artistName,
			trackName: `Track ${i}`,
			msPlayed
		}))
	);
}

describe('which imported artists start ticked', () => {
	it('lists an artist whose every play was a skip, unticked', async () => {
		const result = await parseExport(
			'StreamingHistory0.json',
			history([
				['Nao', 200_000],
				['Nao', 180_000],
				['Skipped Band', 4_000],
				['Skipped Band', 2_000]
			])
		);
		expect(result.artists.map((a) => [a.name, a.plays, tickedByDefault(a)])).toEqual([
			['Nao', 2, true],
			['Skipped Band', 0, false]
		]);
	});

	it('ranks "Various Artists" last and unticked, however often it was played', async () => {
		const result = await parseExport(
			'StreamingHistory0.json',
			history([
				['Various Artists', 200_000],
				['Various Artists', 200_000],
				['Various Artists', 200_000],
				['Nao', 200_000]
			])
		);
		expect(result.artists.map((a) => [a.name, a.plays, tickedByDefault(a)])).toEqual([
			['Nao', 1, true],
			['Various Artists', 3, false]
		]);
	});

	it.each(['Various Artists', 'various', 'VA', 'V.A.', 'V/A', 'Verschiedene Interpreten'])(
		'%s is a compilation credit',
		(name) => expect(isCompilationCredit(name)).toBe(true)
	);

	// "Soundtrack" appears in real exports only in titles and genres, never as a credit.
	it.each(['Vampire Weekend', 'Various Cruelties', 'Soundtrack', 'Vava', 'Va Va Voom'])(
		'%s is an artist',
		(name) => expect(isCompilationCredit(name)).toBe(false)
	);
});

describe('"The" and its absence are one artist', () => {
	it('merges "The Beatles" and "Beatles", shown as the spelling with more plays', async () => {
		const result = await parseExport(
			'StreamingHistory0.json',
			history([
				['Beatles', 200_000],
				['The Beatles', 200_000],
				['The Beatles', 200_000],
				['Beatles', 3_000],
				['Beatles', 3_000]
			])
		);
		// "Beatles" has more rows but only one play; "The Beatles" has two.
		expect(result.artists).toEqual([{ name: 'The Beatles', plays: 3, msPlayed: 606_000 }]);
	});

	it('merges across the files of one import', () => {
		const a = new Tally();
		a.add('Cure', null);
		const b = new Tally();
		b.add('The Cure', null);
		b.add('The Cure', null);
		a.merge(b);
		expect(a.ranked()).toEqual([{ name: 'The Cure', plays: 3, msPlayed: 0 }]);
	});
});

describe('playsLabel', () => {
	it.each([
		[0, '0 plays'],
		[1, '1 play'],
		[2, '2 plays'],
		[1234, '1,234 plays']
	])('%i → %s', (n, label) => expect(playsLabel(n)).toBe(label));
});
