/**
 * Grounding against answers recorded from the live MusicBrainz (tests/unit/fixtures/mb-real/SOURCES.md).
 * The fake here is only the network: whatever the query, MusicBrainz "answers" the recorded body,
 * as a recording replayed would.
 */
import { describe, expect, it } from 'vitest';
import cultAssassin from '../../../tests/unit/fixtures/mb-real/gb-rg-lookup-cult-assassin-2021-04-15.json';
import dylan2025 from '../../../tests/unit/fixtures/mb-real/hqub-rg-search-2025-10-07.json';
import dylanLegacy from '../../../tests/unit/fixtures/mb-real/legacy-hqub-rg-search-2015-03-19.json';
import loveLegacy from '../../../tests/unit/fixtures/mb-real/legacy-mbserver-rg-search-love-2015-01-12.json';
import marbles from '../../../tests/unit/fixtures/mb-real/ml-rg-search-marbles-2025-02-28.json';
import { groundAlbums } from './ground';
import { RateLimiter } from './musicbrainz';

/** A MusicBrainz that answers every search with this recorded body. */
function recorded(body: unknown): typeof fetch {
	return async () =>
		new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
}

/** A lookup answer (one release group) as the search page it would be one result of. */
const asSearch = (...groups: unknown[]) => ({
	created: '2021-04-15T09:03:20.000Z',
	count: groups.length,
	offset: 0,
	'release-groups': groups
});

const opts = (body: unknown) => ({ fetch: recorded(body), limiter: new RateLimiter(0) });

describe('credits joined by "vs.", "x", "with" or "&"', () => {
	const CULT_ASSASSIN = '53614893-6f25-4519-9cae-b1db904e2887';

	it('finds the real "DJ Muggs vs. Ill Bill" release group for "DJ Muggs & Ill Bill"', async () => {
		const [album] = await groundAlbums(
			[{ title: 'Cult Assassin', artist: 'DJ Muggs & Ill Bill' }],
			opts(asSearch(cultAssassin))
		);
		expect(album).toMatchObject({
			status: 'verified',
			mbid: CULT_ASSASSIN,
			matchedArtist: 'DJ Muggs vs. Ill Bill',
			year: '2010'
		});
	});

	// The same real release group with its joinphrase swapped for the others MusicBrainz uses.
	for (const joinphrase of [' vs. ', ' x ', ' with ', ' & ']) {
		for (const written of ['DJ Muggs & Ill Bill', 'DJ Muggs and Ill Bill']) {
			it(`"${written}" matches a credit joined by "${joinphrase}"`, async () => {
				const [first, second] = cultAssassin['artist-credit'];
				const rg = { ...cultAssassin, 'artist-credit': [{ ...first, joinphrase }, second] };
				const [album] = await groundAlbums(
					[{ title: 'Cult Assassin', artist: written }],
					opts(asSearch(rg))
				);
				expect(album.status).toBe('verified');
				expect(album.matchedArtist).toBe(`DJ Muggs${joinphrase}Ill Bill`);
			});
		}
	}

	it('still tells two different artists apart', async () => {
		const [album] = await groundAlbums(
			[{ title: 'Cult Assassin', artist: 'DJ Muggs & Sick Jacken' }],
			opts(asSearch(cultAssassin))
		);
		expect(album.status).toBe('not-found');
	});
});

describe('release groups with fields missing (the old search server)', () => {
	it('verifies albums whose credits carry no name and that have no date', async () => {
		const albums = [
			{ title: 'Desire', artist: 'Bob Dylan', year: '1976' },
			{ title: 'Empire Burlesque', artist: 'Bob Dylan' },
			{ title: 'The Times They Are A-Changin’', artist: 'Bob Dylan' },
			{ title: 'Glass Orchard', artist: 'Bob Dylan' }
		];
		const results = await groundAlbums(albums, opts(dylanLegacy));
		expect(results.map((r) => [r.title, r.status])).toEqual([
			['Desire', 'verified'],
			['Empire Burlesque', 'verified'],
			['The Times They Are A-Changin’', 'verified'],
			['Glass Orchard', 'not-found']
		]);
		expect(results[0]).toMatchObject({
			mbid: expect.stringMatching(/^fc325dd3-/),
			matchedArtist: 'Bob Dylan',
			// No date in the catalogue: the curator's year stays, none is invented.
			year: '1976',
			firstReleaseYear: undefined
		});
	});

	it('reads a string score and a credit without name or join phrase', async () => {
		const [love] = await groundAlbums([{ title: 'Love', artist: 'Love' }], opts(loveLegacy));
		expect(love).toMatchObject({ status: 'verified', matchedTitle: 'Love', matchedArtist: 'Love' });
	});

	it('one broken entry does not cost the other albums of the batch', async () => {
		const broken = [
			{ id: 'no-title' },
			{ title: 'No id', 'primary-type': 'Album' },
			{ ...dylan2025['release-groups'][1], 'artist-credit': [{}, { joinphrase: ' & ' }] },
			null
		];
		const page = {
			...marbles,
			'release-groups': [...broken, ...marbles['release-groups'], ...dylan2025['release-groups']]
		};
		const results = await groundAlbums(
			[
				{ title: 'Marbles (Deluxe Edition)', artist: 'Marillion' },
				{ title: 'Positively 4th Street', artist: 'Bob Dylan' }
			],
			opts(page)
		);
		expect(results.map((r) => [r.status, r.mbid?.slice(0, 8), r.firstReleaseYear])).toEqual([
			['verified', '20790e26', '2004'],
			['verified', '951bb3c9', '1993']
		]);
	});
});
