/**
 * Starting a journey: the artists the listener typed and chose from an import, with the
 * import's record kept beside the journey it fed.
 */
import type { ArtistInput } from '$contract/curator';
import { createJourneyWithImport, type ImportDraft } from '$lib/db/imports';

export type { ImportDraft };

/**
 * Stores the new journey (and its import); returns its id. `services` names the music services
 * some of the artists were read from, for the journey's `source`.
 */
export function startJourney(
	artists: ArtistInput[],
	draft?: ImportDraft,
	services: readonly string[] = []
): Promise<string> {
	return createJourneyWithImport(artists, draft, services);
}
