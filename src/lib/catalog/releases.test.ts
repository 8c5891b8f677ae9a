import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import { albumFacts } from '../../../tests/fakes/fake-musicbrainz-releases.mjs';
import desire from '../../../tests/unit/fixtures/mb-real/hqub-rg-get-desire.json';
import { groundAlbums } from './ground';
import { RateLimiter } from './musicbrainz';
import { lookUpAlbumLink, lookUpTracklist, readAlbumLink, readTracklist } from './releases';

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => mb.reset());

const opts = () => ({ baseUrl: mb.url, limiter: new RateLimiter(0), backoffMs: 1 });

async function mbidOf(title: string, artist: string): Promise<string> {
	const [album] = await groundAlbums([{ title, artist }], opts());
	expect(album.status).toBe('verified');
	return album.mbid!;
}

describe('an album’s links (url relationships)', () => {
	it('picks the review of a real lookup over Wikidata, AllMusic and Discogs', () => {
		expect(readAlbumLink(desire)).toEqual({
			kind: 'review',
			url: 'https://pitchfork.com/reviews/albums/bob-dylan-desire/',
			site: 'pitchfork.com'
		});
	});

	it('falls back in order: Wikipedia, Wikidata, AllMusic, Discogs; none of ours is none', () => {
		const rel = (type: string, resource: string) => ({
			'target-type': 'url',
			type,
			url: { resource }
		});
		const withRels = (...relations: unknown[]) => ({ relations });
		expect(
			readAlbumLink(
				withRels(
					rel('discogs', 'https://www.discogs.com/master/1'),
					rel('wikidata', 'https://www.wikidata.org/wiki/Q1'),
					rel('other databases', 'https://rateyourmusic.com/x')
				)
			)?.kind
		).toBe('wikidata');
		expect(
			readAlbumLink(withRels(rel('wikipedia', 'https://en.wikipedia.org/wiki/Desire_(album)')))
		).toEqual({
			kind: 'wikipedia',
			url: 'https://en.wikipedia.org/wiki/Desire_(album)',
			site: 'en.wikipedia.org'
		});
		expect(
			readAlbumLink(withRels(rel('other databases', 'https://rateyourmusic.com/x')))
		).toBeUndefined();
		expect(readAlbumLink(withRels(rel('review', 'javascript:alert(1)')))).toBeUndefined();
		expect(readAlbumLink({})).toBeUndefined();
	});

	it('looks a grounded album’s links up in the fake MusicBrainz, with inc=url-rels', async () => {
		const mbid = await mbidOf('Kind of Blue', 'Miles Davis');
		mb.reset();
		const link = await lookUpAlbumLink(mbid, opts());
		const [asked] = mb.requests();
		expect(asked.path).toBe(`/ws/2/release-group/${mbid}`);
		// Whichever link the fake gives this album, it is one of ours and a real address.
		if (link) expect(() => new URL(link.url)).not.toThrow();
		await expect(lookUpAlbumLink('not-an-mbid', opts())).rejects.toMatchObject({
			code: 'REJECTED'
		});
	});
});

describe('an album’s tracks and barcodes', () => {
	it('reads the earliest official release’s recordings in order, and every barcode', () => {
		const track = (position: number, id: string, title: string) => ({
			position,
			title,
			recording: { id, title, length: 1000 * position }
		});
		const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
		const body = {
			'release-count': 2,
			'release-offset': 0,
			releases: [
				{
					status: 'Official',
					date: '1999-05-01',
					barcode: '5099749428622',
					media: [{ position: 1, tracks: [track(1, id(5), 'Reissue bonus')] }]
				},
				{
					status: 'Official',
					date: '1997-05-21',
					barcode: '724385522925',
					media: [
						{ position: 2, tracks: [track(1, id(3), 'Side B')] },
						{ position: 1, tracks: [track(2, id(2), 'Second'), track(1, id(1), 'First')] }
					]
				},
				{ status: 'Bootleg', date: '1990', barcode: null, media: [] }
			]
		};
		expect(readTracklist(body)).toEqual({
			barcodes: ['724385522925', '5099749428622'],
			recordings: [
				{ mbid: id(1), title: 'First', lengthMs: 1000 },
				{ mbid: id(2), title: 'Second', lengthMs: 2000 },
				{ mbid: id(3), title: 'Side B', lengthMs: 1000 }
			]
		});
		expect(readTracklist({})).toEqual({ barcodes: [], recordings: [] });
	});

	it('browses the release group’s releases with their recordings in the fake MusicBrainz', async () => {
		const mbid = await mbidOf('Dummy', 'Portishead');
		mb.reset();
		const list = await lookUpTracklist(mbid, opts());
		const facts = albumFacts('Dummy', 'Portishead');
		expect(list.recordings).toHaveLength(facts.tracks.length);
		expect(list.recordings[0].title).toBe('Dummy');
		expect(list.barcodes).toEqual(facts.barcode ? [facts.barcode] : []);
		expect(mb.requests().map((r) => r.path)).toEqual(['/ws/2/release']);
	});
});
