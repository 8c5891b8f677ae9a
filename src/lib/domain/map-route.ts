/**
 * The journey as a route: one waypoint per round that has begun, with its direction, its albums
 * and how they were rated, and the countries and decades it reached. Pure.
 */
import type { Direction } from '$contract/curator';
import { decadeOf } from './eras';
import { feedbackOfRound, localAnalysis, type Journey } from './journey';
import { drawnAt, known } from './map-facts';
import { albumsOfJourneys, type MapAlbum } from './map-journeys';
import type { FactsByKey } from './portrait-check';

export interface Waypoint {
	round: number;
	direction: Direction;
	albums: MapAlbum[];
	ratedCount: number;
	averageRating?: number;
	/** Codes of the countries the round's albums come from, most albums first. */
	countries: string[];
	decades: number[];
}

/** The journey as a route: one waypoint per round that has begun, in order. */
export function routeOf(journey: Journey, facts: FactsByKey): Waypoint[] {
	const albums = albumsOfJourneys([journey]);
	const rounds = new Set<number>([
		...journey.conversations.map((c) => c.round),
		...journey.sets.map((s) => s.round)
	]);
	return [...rounds]
		.sort((a, b) => a - b)
		.map((round) => {
			const mine = albums.filter((a) => a.round === round);
			const counts = new Map<string, number>();
			for (const album of mine) {
				const at = drawnAt(known(facts, album.artist));
				if (at) counts.set(at.code, (counts.get(at.code) ?? 0) + 1);
			}
			const rated = localAnalysis(feedbackOfRound(journey, round));
			const direction =
				journey.conversations.find((c) => c.round === round)?.direction ??
				(round === 1 ? 'initial' : 'reinforced');
			return {
				round,
				direction,
				albums: mine,
				ratedCount: rated.ratedCount,
				...(rated.ratedCount ? { averageRating: rated.averageRating } : {}),
				countries: [...counts]
					.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
					.map(([code]) => code),
				decades: [...new Set(mine.flatMap((a) => (a.year ? [decadeOf(a.year)] : [])))].sort(
					(a, b) => a - b
				)
			};
		});
}
