/**
 * How the map reads an artist's facts. Nothing is guessed: only an artist MusicBrainz knows for
 * sure is placed, under today's country that holds theirs (East Germany in Germany, noted as
 * such) or, for a country not on today's map (the Soviet Union), under its own code. Pure.
 */
import { artistKey } from '$contract/identity';
import type { ArtistFactsFields } from './artist-facts-cache';
import { mapCodeOf, MUSICBRAINZ_ONLY } from './countries';
import type { FactsByKey } from './portrait-check';

/** An artist's facts, when MusicBrainz knows them for sure. */
export const known = (facts: FactsByKey, name: string): ArtistFactsFields | undefined => {
	const f = facts.get(artistKey(name));
	return f?.status === 'known' ? f : undefined;
};

/** Where an artist is drawn: today's country holding theirs, or their country's own code. */
export function drawnAt(
	f: ArtistFactsFields | undefined
): { code: string; formerly?: string } | undefined {
	if (!f?.country) return undefined;
	const today = mapCodeOf(f.country);
	if (today && today !== f.country)
		return { code: today, formerly: MUSICBRAINZ_ONLY[f.country]?.name };
	return { code: f.country };
}
