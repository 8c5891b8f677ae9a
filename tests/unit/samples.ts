/** Sample curator answers shared by unit tests that walk a journey through the store. */
import type { PortraitResult, RecommendedAlbum } from '$contract/curator';

export const samplePortrait: PortraitResult = {
	primaryGenres: [{ label: 'Art rock', explanation: 'Radiohead and Talking Heads.' }],
	geographicCenters: [{ label: 'England', explanation: 'Oxford and Bristol.' }],
	keyEras: [{ label: '1990s', explanation: 'Trip-hop and Britpop years.' }],
	noteworthyGaps: [{ label: 'Jazz', explanation: 'No jazz at all.' }],
	summary: 'A listener of textured, restless records.'
};

/** Five albums "Album A" … "Album E" by "Artist A" … "Artist E", 1990–1994. */
export const sampleAlbums: RecommendedAlbum[] = ['A', 'B', 'C', 'D', 'E'].map((t, i) => ({
	title: `Album ${t}`,
	artist: `Artist ${t}`,
	year: `${1990 + i}`,
	reason: 'Because.',
	genres: ['rock']
}));
