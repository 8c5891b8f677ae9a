import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import type { AlbumRef, RecommendedAlbum } from '$contract/curator';
import { CuratorError } from '$lib/errors';
import { groundAlbums } from './ground';
import { RateLimiter } from './musicbrainz';
import { groundRecommendations, type GroundRecommendationsOptions } from './recommendations';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => mb.reset());

const album = (title: string, artist: string): RecommendedAlbum => ({
	title,
	artist,
	year: '2000',
	reason: `Because of ${artist}`,
	genres: []
});

const REAL = [
	album('Remain in Light', 'Talking Heads'),
	album('Dummy', 'Portishead'),
	album('Kind of Blue', 'Miles Davis'),
	album('Unknown Pleasures', 'Joy Division'),
	album('Homogenic', 'Björk'),
	album('Illmatic', 'Nas'),
	album('Loveless', 'My Bloody Valentine'),
	album('Blue Lines', 'Massive Attack')
];
const INVENTED = [
	album('Glass Orchard', 'Portishead'),
	album('Night Ferry to Reykjavík', 'Sigur Rós'),
	album('The Quiet Engine', 'Talking Heads')
];

const opts = (
	more: GroundRecommendationsOptions<RecommendedAlbum> = {}
): GroundRecommendationsOptions<RecommendedAlbum> => ({
	baseUrl: mb.url,
	limiter: new RateLimiter(),
	...more
});

const titles = (albums: { title: string }[]) => albums.map((a) => a.title);

describe('groundRecommendations', () => {
	it('replaces an invented album with the next spare candidate, in one request', async () => {
		const requestMore = vi.fn(async () => []);
		const candidates = [REAL[0], INVENTED[0], ...REAL.slice(1, 6)];
		const result = await groundRecommendations(candidates, opts({ requestMore }));

		expect(titles(result.kept)).toEqual(titles([REAL[0], ...REAL.slice(1, 5)]));
		expect(result.kept.every((a) => a.status === 'verified' && a.mbid)).toBe(true);
		expect(result.kept[1].reason).toBe('Because of Portishead');
		expect(titles(result.dropped)).toEqual(['Glass Orchard']);
		expect(titles(result.spare)).toEqual(['Illmatic']);
		expect(requestMore).not.toHaveBeenCalled();
		expect(mb.requests()).toHaveLength(1);
	});

	it('asks the curator for more, excluding every album tried, when too few survive', async () => {
		const candidates = [REAL[0], INVENTED[0], REAL[1], INVENTED[1], REAL[2], INVENTED[2]];
		const requestMore = vi.fn(async (exclude: AlbumRef[]) => {
			expect(exclude).toHaveLength(6);
			// A model repeating itself: the repeat is ignored, the new albums are grounded.
			return [REAL[1], REAL[6], REAL[7]];
		});
		const result = await groundRecommendations(candidates, opts({ requestMore }));

		expect(titles(result.kept)).toEqual([
			'Remain in Light',
			'Dummy',
			'Kind of Blue',
			'Loveless',
			'Blue Lines'
		]);
		expect(titles(result.dropped)).toEqual(titles(INVENTED));
		expect(requestMore).toHaveBeenCalledTimes(1);
		expect(requestMore.mock.calls[0][0]).toContainEqual({
			title: 'Glass Orchard',
			artist: 'Portishead'
		});
		expect(result.extraRounds).toBe(1);
	});

	it('gives up after two extra rounds when the curator keeps inventing', async () => {
		let n = 0;
		const requestMore = vi.fn(async () => [album(`Imaginary ${++n}`, 'Radiohead')]);
		const result = await groundRecommendations([REAL[0], INVENTED[0]], opts({ requestMore }));

		expect(requestMore).toHaveBeenCalledTimes(2);
		expect(titles(result.kept)).toEqual(['Remain in Light']);
		expect(titles(result.dropped)).toEqual(['Glass Orchard', 'Imaginary 1', 'Imaginary 2']);
		expect(result.extraRounds).toBe(2);
	});

	it("keeps albums marked 'unverified' when MusicBrainz is unreachable", async () => {
		mb.setMode('down');
		const requestMore = vi.fn(async () => []);
		const result = await groundRecommendations(
			[INVENTED[1], ...REAL.slice(0, 4)],
			opts({ requestMore })
		);

		expect(result.kept).toHaveLength(5);
		expect(result.kept.every((a) => a.status === 'unverified')).toBe(true);
		expect(result.dropped).toEqual([]);
		expect(requestMore).not.toHaveBeenCalled();
	});

	it('reports a failed top-up instead of throwing, with the albums it has', async () => {
		const failure = new Error('curator offline');
		const result = await groundRecommendations(
			[REAL[0], INVENTED[0]],
			opts({
				requestMore: async () => {
					throw failure;
				}
			})
		);

		expect(titles(result.kept)).toEqual(['Remain in Light']);
		expect(result.moreError).toBe(failure);
	});

	it('stops when the top-up was cancelled, instead of settling for fewer albums', async () => {
		const cancelled = new CuratorError('ABORTED', 'Cancelled');
		const result = groundRecommendations(
			[REAL[0], INVENTED[0]],
			opts({
				requestMore: async () => {
					throw cancelled;
				}
			})
		);
		await expect(result).rejects.toBe(cancelled);
	});

	it('never recommends an album by an artist the listener gave', async () => {
		const requestMore = vi.fn(async (_exclude: AlbumRef[]) => []);
		const result = await groundRecommendations(
			REAL.slice(0, 7),
			opts({ requestMore, listenerArtists: ['Portishead', 'talking heads', 'Bjork'] })
		);

		expect(titles(result.kept)).toEqual([
			'Kind of Blue',
			'Unknown Pleasures',
			'Illmatic',
			'Loveless'
		]);
		expect(result.rejected.map((r) => [r.album.title, r.reason])).toEqual([
			['Remain in Light', 'listener-artist'],
			['Dummy', 'listener-artist'],
			['Homogenic', 'listener-artist']
		]);
		// Too few left: the curator is asked again, told about the rejected ones too.
		expect(requestMore).toHaveBeenCalled();
		expect(requestMore.mock.calls[0][0]).toContainEqual({ title: 'Dummy', artist: 'Portishead' });
	});

	it('never shows two albums by one artist in one batch, and fills the gap from the spares', async () => {
		const requestMore = vi.fn(async () => []);
		const candidates = [
			album('OK Computer', 'Radiohead'),
			album('Kid A', 'radiohead'),
			album('Songs for Drella', 'Lou Reed / John Cale'),
			album('In Rainbows', 'Radiohead'),
			...REAL.slice(0, 4)
		];
		const result = await groundRecommendations(candidates, opts({ requestMore }));

		expect(titles(result.kept)).toEqual([
			'OK Computer',
			'Songs for Drella',
			'Remain in Light',
			'Dummy',
			'Kind of Blue'
		]);
		expect(result.rejected.map((r) => [r.album.title, r.reason])).toEqual([
			['Kid A', 'artist-in-batch'],
			['In Rainbows', 'artist-in-batch']
		]);
		expect(requestMore).not.toHaveBeenCalled();
	});

	it('never gives another edition of an album given before, by title or by release group', async () => {
		// An earlier journey's album, verified then: its release group is its identity.
		const [earlier] = await groundAlbums(
			[{ title: 'The Velvet Underground & Nico', artist: 'The Velvet Underground & Nico' }],
			{ baseUrl: mb.url, limiter: new RateLimiter() }
		);
		expect(earlier.mbid).toBeTruthy();
		const given = [
			{ title: 'Remain in Light', artist: 'Talking Heads' },
			{ title: 'Homogenic (Remastered)', artist: 'Björk' },
			{ title: earlier.title, artist: earlier.artist, mbid: earlier.mbid }
		];
		const candidates = [
			album('Remain in Light [2011 Remaster]', 'Talking Heads'),
			album('Velvet Underground and Nico (Deluxe Edition)', 'The Velvet Underground'),
			album('Homogenic', 'Bjork'),
			...REAL.slice(1, 4),
			...REAL.slice(5, 8)
		];
		const result = await groundRecommendations(candidates, opts({ given }));

		expect(titles(result.kept)).toEqual(titles([...REAL.slice(1, 4), ...REAL.slice(5, 7)]));
		expect(result.rejected.map((r) => [r.album.title, r.reason])).toEqual([
			['Remain in Light [2011 Remaster]', 'given-before'],
			['Homogenic', 'given-before'],
			['Velvet Underground and Nico (Deluxe Edition)', 'given-before']
		]);
	});
});
