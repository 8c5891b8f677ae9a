import { describe, expect, it } from 'vitest';
import type { MbReleaseGroup } from './types';
import { albumKey, artistKey, pickReleaseGroup, sameArtist, stripEdition, titleKey } from './match';

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
		expect(albumKey({ title: 'Blue', artist: 'Joni Mitchell' })).not.toBe(
			albumKey({ title: 'Blue', artist: 'LeAnn Rimes' })
		);
	});
});

let seq = 0;
function rg(
	title: string,
	credit: string | [string, string?][],
	type = 'Album',
	secondary: string[] = [],
	date = '2000'
): MbReleaseGroup {
	const parts = typeof credit === 'string' ? [[credit] as [string, string?]] : credit;
	return {
		id: `rg-${++seq}`,
		title,
		'primary-type': type,
		'secondary-types': secondary,
		'first-release-date': date,
		'artist-credit': parts.map(([name, joinphrase]) => ({
			name,
			joinphrase,
			artist: { id: name, name, 'sort-name': name.replace(/^The (.*)$/, '$1, The') }
		}))
	};
}

describe('sameArtist via the artist credit', () => {
	type Credit = [string, string?][];
	const drella: Credit = [['Lou Reed', ' / '], ['John Cale']];
	const vu: Credit = [['The Velvet Underground', ' & '], ['Nico']];
	it.each<[string, Credit, boolean]>([
		['Lou Reed / John Cale', drella, true],
		['Lou Reed & John Cale', drella, true],
		['John Cale', drella, true],
		['Velvet Underground', vu, true],
		['Nico', vu, true],
		['Lou Reed', [['The Velvet Underground']], false],
		['', [['Nico']], false]
	])('%s in %j → %s', (artist, credit, expected) => {
		expect(sameArtist(artist, rg('x', credit)['artist-credit'])).toBe(expected);
	});
});

describe('pickReleaseGroup', () => {
	const okComputer = rg('OK Computer', 'Radiohead', 'Album', [], '1997-05-21');
	const oknotok = rg(
		'OK Computer OKNOTOK 1997 2017',
		'Radiohead',
		'Album',
		['Compilation'],
		'2017'
	);
	const heroesSingle = rg('“Heroes”', 'David Bowie', 'Single', [], '1977-09-23');
	const heroesAlbum = rg('“Heroes”', 'David Bowie', 'Album', [], '1977-10-14');
	const blueJoni = rg('Blue', 'Joni Mitchell', 'Album', [], '1971');
	const blueLeAnn = rg('Blue', 'LeAnn Rimes', 'Album', [], '1996');
	const studio = rg('Homecoming', 'Someone', 'Album', [], '1992');
	const live = rg('Homecoming', 'Someone', 'Album', ['Live'], '1991');
	const hits = rg('Greatest Hits', 'Queen', 'Album', ['Compilation'], '1981');
	const all = [
		okComputer,
		oknotok,
		heroesSingle,
		heroesAlbum,
		blueJoni,
		blueLeAnn,
		studio,
		live,
		hits
	];

	it.each([
		['OK Computer', 'Radiohead', okComputer],
		['OK Computer (Deluxe Edition)', 'Radiohead', okComputer],
		['OK Computer OKNOTOK 1997 2017', 'Radiohead', oknotok],
		['Heroes', 'David Bowie', heroesAlbum],
		['Blue', 'Joni Mitchell', blueJoni],
		['Blue', 'LeAnn Rimes', blueLeAnn],
		['Homecoming', 'Someone', studio],
		['Homecoming (Live)', 'Someone', undefined],
		['Greatest Hits', 'Queen', hits],
		['OK Computer', 'Thom Yorke', undefined],
		['Blue', 'Weezer', undefined],
		['Kid B', 'Radiohead', undefined]
	])('%s by %s', (title, artist, expected) => {
		expect(pickReleaseGroup({ title, artist }, all)?.id).toBe(expected?.id);
	});

	it('takes the live release group when the title asks for live', () => {
		const liveOnly = rg('Live at Leeds', 'The Who', 'Album', ['Live'], '1970');
		expect(pickReleaseGroup({ title: 'Live at Leeds', artist: 'The Who' }, [liveOnly])?.id).toBe(
			liveOnly.id
		);
	});

	it('never matches a Single, even when it is the only one', () => {
		expect(pickReleaseGroup({ title: 'Heroes', artist: 'David Bowie' }, [heroesSingle])).toBe(
			undefined
		);
	});
});
