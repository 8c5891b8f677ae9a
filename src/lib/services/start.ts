/**
 * Starting a journey: the artists the listener typed and chose from an import, with the
 * import's record kept beside the journey it fed.
 */
import type { ArtistInput } from '$contract/curator';
import { createJourneyWithImport, type ImportDraft } from '$lib/db/imports';

export type { ImportDraft };

/** Stores the new journey (and its import); returns its id. */
export function startJourney(artists: ArtistInput[], draft?: ImportDraft): Promise<string> {
	return createJourneyWithImport(artists, draft);
}
