/**
 * The function drops excluded albums by the app's own identity (contract/identity.ts): another
 * edition or spelling of an album the listener was given is not recommended again.
 */
import { assert, assertEquals } from './_assert.ts';
import { albumIdentityKey } from '../_shared/contract/identity.ts';
import { SYSTEM_PROMPTS } from '../_shared/prompts.ts';
import { validateRecommend } from '../_shared/schemas.ts';

const album = (title: string, artist: string) => ({
	title,
	artist,
	year: '1997',
	reason: 'Because it is there.',
	genres: ['rock']
});

const EXCLUDED = [
	{ title: 'OK Computer', artist: 'Radiohead' },
	{ title: 'Homogenic', artist: 'Björk' },
	{ title: 'The Velvet Underground & Nico', artist: 'The Velvet Underground' }
];

Deno.test('recommend: the model is told another edition of an excluded album is that album', () => {
	const rule = SYSTEM_PROMPTS.recommend.split('\n').find((line) => line.includes('"exclude" ('));
	assert(rule, 'the recommend prompt has its exclude rule');
	assert(/ignoring case/.test(rule) && /another edition of an excluded album/.test(rule), rule);
	assert(/remaster/.test(rule) && /same album/.test(rule), rule);
});

Deno.test('recommend: another edition or spelling of an excluded album is dropped', () => {
	const result = validateRecommend(
		{
			albums: [
				album('OK Computer (Remastered)', 'Radiohead'),
				album('Homogenic [2011 Remaster]', 'Bjork'),
				album('Velvet Underground and Nico - Deluxe Edition', 'Velvet Underground'),
				album('Kid A', 'Radiohead')
			]
		},
		EXCLUDED
	);
	assert(result.ok, JSON.stringify(result));
	assertEquals(
		result.value.albums.map((a) => a.title),
		['Kid A']
	);
});

Deno.test('recommend: two editions of one album in one answer count once', () => {
	const result = validateRecommend(
		{ albums: [album('Rumours', 'Fleetwood Mac'), album('Rumours (Expanded)', 'fleetwood mac')] },
		[]
	);
	assert(result.ok);
	assertEquals(result.value.albums.length, 1);
});

Deno.test('recommend: excludes exactly what the shared albumIdentityKey calls the same', () => {
	const candidates = [
		album('Blue', 'Joni Mitchell'),
		album('Blue', 'Weezer'),
		album('OK Computer OKNOTOK 1997 2017', 'Radiohead'),
		album('Live at Leeds', 'The Who'),
		album('“Heroes”', 'David Bowie')
	];
	const exclude = [
		{ title: 'Blue (Remastered)', artist: 'Joni Mitchell' },
		{ title: 'OK Computer', artist: 'Radiohead' },
		{ title: 'Heroes', artist: 'Bowie, David' },
		{ title: 'Live At Leeds', artist: 'Who' }
	];
	const keys = new Set(exclude.map(albumIdentityKey));
	const result = validateRecommend({ albums: candidates }, exclude);
	assert(result.ok);
	assertEquals(
		result.value.albums.map((a) => a.title + ' / ' + a.artist),
		candidates.filter((a) => !keys.has(albumIdentityKey(a))).map((a) => a.title + ' / ' + a.artist)
	);
	assertEquals(result.value.albums.length, 3);
});
