/**
 * Where to listen: search pages on the big services, plus the album's
 * MusicBrainz page when we know its release group. Searches rather than
 * deep links because we only hold a title and an artist, never a service's ID.
 */
export type ListeningService =
	'spotify' | 'apple-music' | 'youtube-music' | 'bandcamp' | 'musicbrainz';

export interface ListeningLink {
	service: ListeningService;
	label: string;
	url: string;
}

export function listeningLinks(title: string, artist: string, mbid?: string): ListeningLink[] {
	const q = encodeURIComponent(`${artist} ${title}`.trim());
	const links: ListeningLink[] = [
		{ service: 'spotify', label: 'Spotify', url: `https://open.spotify.com/search/${q}` },
		{
			service: 'apple-music',
			label: 'Apple Music',
			url: `https://music.apple.com/search?term=${q}`
		},
		{
			service: 'youtube-music',
			label: 'YouTube Music',
			url: `https://music.youtube.com/search?q=${q}`
		},
		{
			service: 'bandcamp',
			label: 'Bandcamp',
			url: `https://bandcamp.com/search?q=${q}&item_type=a`
		}
	];
	if (mbid) {
		links.push({
			service: 'musicbrainz',
			label: 'MusicBrainz',
			url: `https://musicbrainz.org/release-group/${encodeURIComponent(mbid)}`
		});
	}
	return links;
}
