/**
 * Catalogue mode's edge: where the catalogue curator (src/lib/catalog/catalogue) finds artist
 * facts (MusicBrainz, cached on the device), similar artists (ListenBrainz's labs API) and an
 * artist's albums (MusicBrainz), and whether the app is in catalogue mode at all (the curator
 * function says whether it has an AI provider).
 */
import { config } from '$lib/config';
import { artistAlbums, similarArtists, type CatalogueDeps } from '$lib/catalog';
import { aiConfigured, rememberAiStatus } from '$lib/curator/status';
import { artistFacts } from './facts';

export { aiConfigured, rememberAiStatus };

export const catalogueDeps: CatalogueDeps = {
	facts: (names, signal) => artistFacts(names, { signal }),
	similar: (mbids, signal) =>
		similarArtists(mbids, { baseUrl: config.listenbrainzLabsUrl, signal }),
	albums: (mbid, signal) => artistAlbums(mbid, { baseUrl: config.musicbrainzUrl, signal })
};

/** "drawn from MusicBrainz and ListenBrainz" mode, for the screens: undefined while unknown. */
export async function catalogueMode(): Promise<boolean | undefined> {
	const ai = await aiConfigured();
	return ai === undefined ? undefined : !ai;
}
