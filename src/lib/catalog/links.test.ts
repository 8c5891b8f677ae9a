import { describe, expect, it } from 'vitest';
import { coverUrl } from './cover';
import { listeningLinks } from './links';

describe('listeningLinks', () => {
	it('searches every service with the artist and title URL-encoded', () => {
		const links = listeningLinks('Ágætis byrjun', 'Sigur Rós');
		const q = encodeURIComponent('Sigur Rós Ágætis byrjun');
		expect(links.map((l) => l.service)).toEqual([
			'spotify',
			'apple-music',
			'youtube-music',
			'bandcamp'
		]);
		for (const link of links) {
			expect(link.url).toContain(q);
			expect(() => new URL(link.url)).not.toThrow();
		}
	});

	it('keeps "&" and "/" from breaking the query string', () => {
		const [, apple] = listeningLinks('The Velvet Underground & Nico', 'AC/DC');
		expect(new URL(apple.url).searchParams.get('term')).toBe('AC/DC The Velvet Underground & Nico');
	});

	it('adds the MusicBrainz release-group page when the MBID is known', () => {
		const links = listeningLinks(
			'OK Computer',
			'Radiohead',
			'b1392450-e666-3926-a536-22c65f834433'
		);
		expect(links.at(-1)).toEqual({
			service: 'musicbrainz',
			label: 'MusicBrainz',
			url: 'https://musicbrainz.org/release-group/b1392450-e666-3926-a536-22c65f834433',
			kind: 'album'
		});
	});

	it('points Spotify at the album itself once it is matched there, not at a search', () => {
		const known = {
			mbid: 'b1392450-e666-3926-a536-22c65f834433',
			spotifyUrl: 'https://open.spotify.com/album/6dVIqQ8qmQ5GBnJ9shOYGE'
		};
		const links = listeningLinks('OK Computer', 'Radiohead', known);
		expect(links[0]).toEqual({
			service: 'spotify',
			label: 'Spotify',
			url: 'https://open.spotify.com/album/6dVIqQ8qmQ5GBnJ9shOYGE',
			kind: 'album'
		});
		expect(links.filter((l) => l.kind === 'album').map((l) => l.service)).toEqual([
			'spotify',
			'musicbrainz'
		]);
		expect(listeningLinks('OK Computer', 'Radiohead')[0].kind).toBe('search');
	});
});

describe('coverUrl', () => {
	it('points at the Cover Art Archive release-group front image', () => {
		expect(coverUrl('abc', 250)).toBe('https://coverartarchive.org/release-group/abc/front-250');
		expect(coverUrl('abc', 500)).toBe('https://coverartarchive.org/release-group/abc/front-500');
	});
});
