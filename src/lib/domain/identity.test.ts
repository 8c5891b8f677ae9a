import { describe, expect, it } from 'vitest';
import {
	albumIdentityKey,
	albumMatcher,
	artistKey,
	creditedArtistKeys,
	sameAlbum,
	stripEdition,
	titleKey
} from '$contract/identity';

describe('stripEdition', () => {
	it.each([
		['Abbey Road (Super Deluxe Edition)', 'Abbey Road'],
		['Sticky Fingers [2015 Remaster]', 'Sticky Fingers'],
		['The Joshua Tree (30th Anniversary Edition)', 'The Joshua Tree'],
		['Pet Sounds - Remastered 2012', 'Pet Sounds'],
		['Rumours – Expanded', 'Rumours'],
		['Exile on Main St. (Deluxe) [Remastered]', 'Exile on Main St.'],
		// Not editions: these are the album's own title.
		['OK Computer OKNOTOK 1997 2017', 'OK Computer OKNOTOK 1997 2017'],
		['(What’s the Story) Morning Glory?', '(What’s the Story) Morning Glory?'],
		['Live at Leeds', 'Live at Leeds'],
		['Selected Ambient Works 85–92', 'Selected Ambient Works 85–92'],
		['Sign o’ the Times (Part 1)', 'Sign o’ the Times (Part 1)']
	])('%s → %s', (input, expected) => {
		expect(stripEdition(input)).toBe(expected);
	});
});

describe('titleKey: the same album however it is written', () => {
	it.each([
		['The Velvet Underground & Nico', 'Velvet Underground and Nico'],
		['Ágætis byrjun', 'Agaetis Byrjun'],
		['“Heroes”', 'Heroes'],
		['Sgt. Pepper’s Lonely Hearts Club Band', "Sgt Pepper's Lonely Hearts Club Band"],
		['Bridge Over Troubled Water', 'Bridge over Troubled Water (40th Anniversary Edition)'],
		['Selected Ambient Works 85–92', 'Selected Ambient Works 85-92'],
		['OK Computer', 'OK COMPUTER - Remastered']
	])('%s = %s', (a, b) => {
		expect(titleKey(a)).toBe(titleKey(b));
	});

	it.each([
		['OK Computer', 'OK Computer OKNOTOK 1997 2017'],
		['Kid A', 'Kid A Mnesia'],
		['Blue', 'Blue Lines'],
		['Rumours', 'Rumours Live']
	])('%s ≠ %s', (a, b) => {
		expect(titleKey(a)).not.toBe(titleKey(b));
	});
});

describe('artistKey', () => {
	it.each([
		['The Beatles', 'Beatles'],
		['Sigur Rós', 'sigur ros'],
		['Simon & Garfunkel', 'Simon and Garfunkel'],
		['Björk', 'Bjork'],
		['DJ Muggs vs. Ill Bill', 'DJ Muggs & Ill Bill'],
		['Skrillex x Diplo', 'Skrillex and Diplo']
	])('%s = %s', (a, b) => {
		expect(artistKey(a)).toBe(artistKey(b));
	});

	it('keeps "x" and "vs" that are part of a name', () => {
		expect(artistKey('Malcolm X')).toBe('malcolm x');
		expect(artistKey('X')).toBe('x');
		expect(artistKey('X Ambassadors')).toBe('x ambassadors');
	});

	it('keeps different artists apart', () => {
		expect(albumIdentityKey({ title: 'Blue', artist: 'Joni Mitchell' })).not.toBe(
			albumIdentityKey({ title: 'Blue', artist: 'LeAnn Rimes' })
		);
	});
});

describe('artistKey: names that are only punctuation or joining words', () => {
	it.each([['!!!'], ['And'], ['+/-']])('%s keeps a key of its own', (name) => {
		expect(artistKey(name)).not.toBe('');
		expect(artistKey(name)).toBe(artistKey(` ${name.toUpperCase()} `));
	});

	it('is empty only for an empty name', () => {
		expect(artistKey('   ')).toBe('');
		expect(artistKey('!!!')).not.toBe(artistKey('+/-'));
	});
});

describe('creditedArtistKeys', () => {
	it('names the pair and each collaborator, not the halves of a band name', () => {
		expect(creditedArtistKeys('DJ Muggs vs. Ill Bill')).toEqual(
			expect.arrayContaining([artistKey('DJ Muggs'), artistKey('Ill Bill')])
		);
		expect(creditedArtistKeys('Belle and Sebastian')).toEqual([artistKey('Belle & Sebastian')]);
		expect(creditedArtistKeys(undefined, 'Björk', 'bjork')).toEqual(['bjork']);
	});
});

describe('albumIdentityKey: one album, every edition', () => {
	it.each([
		['OK Computer', 'OK Computer (Remastered)'],
		['Rumours', 'Rumours (Deluxe Edition)'],
		['Sticky Fingers', 'Sticky Fingers [2011 Remaster]'],
		['Tusk', 'Tusk - Expanded'],
		['Homogenic', 'HOMOGENIC']
	])('%s = %s', (a, b) => {
		expect(albumIdentityKey({ title: a, artist: 'The Artist' })).toBe(
			albumIdentityKey({ title: b, artist: 'artist' })
		);
	});

	it('keeps the same title by two artists apart', () => {
		expect(albumIdentityKey({ title: 'Blue', artist: 'Joni Mitchell' })).not.toBe(
			albumIdentityKey({ title: 'Blue', artist: 'Weezer' })
		);
	});
});

describe('sameAlbum', () => {
	const gabriel1 = { title: 'Peter Gabriel', artist: 'Peter Gabriel', mbid: 'rg-car' };
	const gabriel3 = { title: 'Peter Gabriel', artist: 'Peter Gabriel', mbid: 'rg-melt' };

	it('trusts the release group when both are grounded', () => {
		expect(sameAlbum(gabriel1, gabriel3)).toBe(false);
		expect(sameAlbum(gabriel1, { title: 'Car', artist: 'Peter Gabriel', mbid: 'rg-car' })).toBe(
			true
		);
	});

	it('falls back to the key when either is not grounded', () => {
		expect(sameAlbum(gabriel1, { title: 'peter gabriel', artist: 'PETER GABRIEL' })).toBe(true);
		expect(sameAlbum({ title: 'Car', artist: 'Peter Gabriel' }, gabriel1)).toBe(false);
	});

	it('albumMatcher answers as sameAlbum does against each album of a list', () => {
		const given = [gabriel1, { title: 'So (Remastered)', artist: 'Peter Gabriel' }];
		const isGiven = albumMatcher(given);
		const asked = [
			gabriel3,
			{ title: 'Car', artist: 'Peter Gabriel', mbid: 'rg-car' },
			{ title: 'So', artist: 'Peter Gabriel', mbid: 'rg-so' },
			{ title: 'So', artist: 'Peter Gabriel' },
			{ title: 'Us', artist: 'Peter Gabriel' }
		];
		for (const album of asked) {
			expect(isGiven(album), album.title).toBe(given.some((g) => sameAlbum(g, album)));
		}
		expect(asked.map(isGiven)).toEqual([false, true, true, true, false]);
	});
});
