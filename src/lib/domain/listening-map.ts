/**
 * The listener's map, worked out from their journeys and the artist facts the device knows:
 * where their artists and the albums they were given come from (countries weighted by plays
 * where an import gave them, else one per artist), the decades of the artists' activity and of
 * the albums, the portrait's genres weighted by the artists' MusicBrainz tags, and each round's
 * waypoint on the journey's route. Pure: the screens draw it, the tests read it.
 *
 * Nothing is guessed: an artist MusicBrainz does not know, or knows several of, stays off the
 * map and is listed as such (`coverage`); a country that is not on today's map (the Soviet
 * Union) is listed by name rather than spread over today's countries.
 *
 * Each part is worked out in its own module (./map-countries with the coverage, ./map-decades,
 * ./map-genres, ./map-route), from what ./map-journeys takes of the journeys and ./map-facts of
 * the facts; this one puts them together and is what the screens import.
 */
import type { Journey } from './journey';
import { countriesOf, coverageOf, type CountryMark, type Coverage } from './map-countries';
import { decadesOfMap, type DecadeRow } from './map-decades';
import { genresOf, type GenreWeight } from './map-genres';
import { albumsOfJourneys, listenerArtists } from './map-journeys';
import type { FactsByKey } from './portrait-check';

export type { CountryMark, Coverage, DecadeRow, FactsByKey, GenreWeight };
export type { MapArtist } from './map-countries';
export { tagFits } from './map-genres';
export { albumsOfJourneys, namesOfJourneys, type MapAlbum } from './map-journeys';
export { routeOf, type Waypoint } from './map-route';

export interface ListeningMap {
	countries: CountryMark[];
	decades: DecadeRow[];
	genres: GenreWeight[];
	coverage: Coverage;
}

/** The map of these journeys (one, or all of the listener's). */
export function listeningMap(
	journeys: readonly Journey[],
	facts: FactsByKey,
	thisYear: number
): ListeningMap {
	const artists = listenerArtists(journeys);
	const albums = albumsOfJourneys(journeys);
	return {
		countries: countriesOf(artists, albums, facts),
		decades: decadesOfMap(artists, albums, facts, thisYear),
		genres: genresOf(journeys, artists, facts),
		coverage: coverageOf(artists, facts)
	};
}
