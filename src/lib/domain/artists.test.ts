import { describe, expect, it } from 'vitest';
import { artistKey as contractArtistKey } from '$contract/identity';
import { artistCountMessage, artistKey, mergeArtists, parseArtistText } from './artists';

describe('parseArtistText', () => {
	it.each([
		['one per line', 'Radiohead\nBjörk\nPortishead', ['Radiohead', 'Björk', 'Portishead']],
		['comma separated', 'Radiohead, Björk,Portishead', ['Radiohead', 'Björk', 'Portishead']],
		['blank lines and spaces', '\n  Radiohead  \n\n\tBjörk\n', ['Radiohead', 'Björk']],
		['case duplicates merged', 'Radiohead\nRADIOHEAD\nradiohead', ['Radiohead']],
		['accent duplicates merged', 'Björk\nBjork\nbjörk', ['Björk']],
		['list markers stripped', '1. Radiohead\n- Björk\n• Can', ['Radiohead', 'Björk', 'Can']],
		['numbers in names kept', '808 State\n50 Cent', ['808 State', '50 Cent']],
		['a leading "The" merged', 'The Beatles\nBeatles\nthe beatles', ['The Beatles']],
		['"&" and "and" merged', 'Simon & Garfunkel\nSimon and Garfunkel', ['Simon & Garfunkel']],
		['punctuation merged', 'Sgt. Kabukiman\nSgt Kabukiman', ['Sgt. Kabukiman']],
		['names of punctuation kept', '!!!\n+/-\nCan', ['!!!', '+/-', 'Can']],
		['empty', '  \n , ', []]
	])('%s', (_label, input, expected) => {
		expect(parseArtistText(input)).toEqual(expected);
	});
});

describe('artistKey', () => {
	it('is the shared identity key the catalogue and the curator function use', () => {
		expect(artistKey).toBe(contractArtistKey);
	});

	it('ignores case, accents and spacing', () => {
		expect(artistKey('  Sigur  Rós ')).toBe(artistKey('sigur ros'));
		expect(artistKey('Motörhead')).toBe('motorhead');
	});

	it('treats a leading "The" as the same artist without it', () => {
		expect(artistKey('The Beatles')).toBe(artistKey('Beatles'));
		expect(artistKey('THE  Cure')).toBe(artistKey('cure'));
		// Only a leading article, only once, and never down to nothing.
		expect(artistKey('The The')).toBe('the');
		expect(artistKey('The')).toBe('the');
		expect(artistKey('Theory of a Deadman')).toBe('theory of a deadman');
		expect(artistKey('Them')).not.toBe(artistKey('m'));
		expect(artistKey('Lemon The Band')).toBe('lemon the band');
	});
});

describe('mergeArtists', () => {
	it('adds plays of the same artist and keeps the first spelling', () => {
		expect(
			mergeArtists([
				[{ name: 'Björk', plays: 3 }],
				[
					{ name: 'bjork', plays: 2 },
					{ name: 'Can', plays: 1 }
				]
			])
		).toEqual([
			{ name: 'Björk', plays: 5 },
			{ name: 'Can', plays: 1 }
		]);
	});
});

describe('artistCountMessage', () => {
	it('says how many more are needed below five', () => {
		expect(artistCountMessage(3)).toMatch(/Add 2 more artists/);
		expect(artistCountMessage(4)).toMatch(/Add 1 more artist /);
		expect(artistCountMessage(5)).toBeNull();
	});
});
