/** How each format is named to the listener. */
import type { FormatId } from './types';

const LABELS: Record<FormatId, string> = {
	'spotify-account': 'Spotify account data (streaming history)',
	'spotify-library': 'Spotify library (YourLibrary.json)',
	'spotify-playlists': 'Spotify playlists',
	'spotify-extended': 'Spotify extended streaming history',
	exportify: 'Exportify playlist CSV',
	discogs: 'Discogs collection',
	'lastfm-to-csv': 'Last.fm (lastfm-to-csv)',
	'lastfm-ghan-csv': 'Last.fm (lastfm.ghan.nl CSV)',
	'lastfm-ghan-json': 'Last.fm (lastfm.ghan.nl JSON)',
	'lastfmstats-json': 'Last.fm (lastfmstats.com JSON)',
	'lastfmstats-csv': 'Last.fm (lastfmstats.com CSV)',
	'apple-daily-tracks': 'Apple Music play history',
	'apple-play-activity': 'Apple Music play activity',
	'text-list': 'List of artists',
	'generic-csv': 'CSV'
};

function isFormatId(id: string): id is FormatId {
	return id in LABELS;
}

/** "spotify-account+spotify-extended" → "Spotify account data (…) + Spotify extended streaming history". */
export function formatLabel(format: string): string {
	return format
		.split('+')
		.map((id) => (isFormatId(id) ? LABELS[id] : id))
		.join(' + ');
}
