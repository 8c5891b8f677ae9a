/**
 * The listener's map: their journeys and what the device knows of the artists in them, read
 * together so a liveQuery over `loadMap` follows both (a round saved, an artist's facts arriving
 * from MusicBrainz). Reads the device only: the map opens offline with whatever it has, and
 * the look-ups that fill it in run beside it (`artistFacts`).
 */
import { listJourneys, loadJourney } from '$lib/db/journeys';
import type { Journey } from '$lib/domain/journey';
import { namesOfJourneys, type FactsByKey } from '$lib/domain/listening-map';
import { knownArtistFacts } from './facts';

export interface MapData {
	/** Newest first. */
	journeys: Journey[];
	facts: FactsByKey;
}

/** Every journey on the device and the facts of every artist in them. */
export async function loadMap(): Promise<MapData> {
	const journeys = await listJourneys();
	return { journeys, facts: await knownArtistFacts(namesOfJourneys(journeys)) };
}

/** One journey and the facts of its artists (the portrait's compact map). */
export async function loadJourneyMap(journeyId: string): Promise<MapData> {
	const journey = await loadJourney(journeyId);
	const journeys = journey ? [journey] : [];
	return { journeys, facts: await knownArtistFacts(namesOfJourneys(journeys)) };
}

/** The facts the device knows of these artists, by artist key (for the portrait's checks). */
export function knownFactsOf(names: readonly string[]): Promise<FactsByKey> {
	return knownArtistFacts(names);
}
