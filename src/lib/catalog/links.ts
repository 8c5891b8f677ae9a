/**
 * Where to listen: the album itself where we know it — its MusicBrainz release-group page once
 * grounded, its Spotify album once matched (the listener's Spotify connected) — and a search on
 * the other services, where we hold only a title and an artist.
 */
export type ListeningService =
	'spotify' | 'apple-music' | 'youtube-music' | 'bandcamp' | 'musicbrainz';

export interface ListeningLink {
	service: ListeningService;
	label: string;
	url: string;
	/** The album's own page, or a search for it. */
	kind: 'album' | 'search';
}

export interface KnownAlbum {
	/** Release-group MBID, once grounded. */
	mbid?: string;
	/** https://open.spotify.com/album/…, once matched on Spotify. */
	spotifyUrl?: string;
}

export function listeningLinks(
	title: string,
	artist: string,
	known: KnownAlbum | string = {}
): ListeningLink[] {
	const { mbid, spotifyUrl } = typeof known === 'string' ? { mbid: known } : known;
	const q = encodeURIComponent(`${artist} ${title}`.trim());
	const links: ListeningLink[] = [
		spotifyUrl
			? { service: 'spotify', label: 'Spotify', url: spotifyUrl, kind: 'album' }
			: {
					service: 'spotify',
					label: 'Spotify',
					url: `https://open.spotify.com/search/${q}`,
					kind: 'search'
				},
		{
			service: 'apple-music',
			label: 'Apple Music',
			url: `https://music.apple.com/search?term=${q}`,
			kind: 'search'
		},
		{
			service: 'youtube-music',
			label: 'YouTube Music',
			url: `https://music.youtube.com/search?q=${q}`,
			kind: 'search'
		},
		{
			service: 'bandcamp',
			label: 'Bandcamp',
			url: `https://bandcamp.com/search?q=${q}&item_type=a`,
			kind: 'search'
		}
	];
	if (mbid) {
		links.push({
			service: 'musicbrainz',
			label: 'MusicBrainz',
			url: `https://musicbrainz.org/release-group/${encodeURIComponent(mbid)}`,
			kind: 'album'
		});
	}
	return links;
}
