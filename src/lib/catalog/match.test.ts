import { describe, expect, it } from 'vitest';
import type { MbReleaseGroup } from './types';
import { pickReleaseGroup, sameArtist } from './match';

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
