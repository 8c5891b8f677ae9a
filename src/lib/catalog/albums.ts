/**
 * An artist's albums as MusicBrainz lists them: the release-group browse
 * (`/ws/2/release-group?artist=<mbid>&type=album&inc=artist-credits`), through the same
 * request path as grounding (one request per second, User-Agent outside browsers, backoff).
 * Catalogue mode picks its recommendations from these, so they are grounded by construction.
 */
import type { MbReleaseGroup } from './types';
import { CatalogError, readReleaseGroup, requestJson, type RequestOptions } from './musicbrainz';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Release groups of primary type Album credited to the artist, oldest first; none for an
 * artist MusicBrainz does not have (a 404). Other failures throw a CatalogError.
 */
export async function artistAlbums(
	artistMbid: string,
	opts: RequestOptions = {}
): Promise<MbReleaseGroup[]> {
	let body: unknown;
	try {
		body = await requestJson(
			'/ws/2/release-group',
			{ artist: artistMbid, type: 'album', inc: 'artist-credits', limit: '100' },
			opts
		);
	} catch (err) {
		if (err instanceof CatalogError && err.status === 404) return [];
		throw err;
	}
	if (!isObject(body) || !Array.isArray(body['release-groups'])) {
		throw new CatalogError('UNAVAILABLE', 'MusicBrainz sent an unexpected answer');
	}
	return body['release-groups']
		.map(readReleaseGroup)
		.filter((rg): rg is MbReleaseGroup => !!rg && (rg['primary-type'] ?? 'Album') === 'Album')
		.sort((a, b) =>
			(a['first-release-date'] ?? '9999').localeCompare(b['first-release-date'] ?? '9999')
		);
}

/** A studio album: no secondary type (compilation, live, soundtrack, remix, DJ-mix…). */
export function isStudioAlbum(rg: MbReleaseGroup): boolean {
	return !rg['secondary-types']?.length;
}
