/**
 * The map's decades: the years the listener's artists were active and the decades of the albums
 * they were given, every decade between the first and the last, with how the albums of each
 * were rated. Pure.
 */
import { activeSpan, decadeOf, decadesOf } from './eras';
import { known } from './map-facts';
import { average, type MapAlbum } from './map-journeys';
import type { FactsByKey } from './portrait-check';

export interface DecadeRow {
	decade: number;
	/** Listener's artists active in this decade. */
	artists: string[];
	recommended: MapAlbum[];
	rated: number;
	averageRating?: number;
}

export function decadesOfMap(
	artists: { name: string }[],
	albums: MapAlbum[],
	facts: FactsByKey,
	thisYear: number
): DecadeRow[] {
	const rows = new Map<number, DecadeRow>();
	const row = (decade: number) => {
		let r = rows.get(decade);
		if (!r) rows.set(decade, (r = { decade, artists: [], recommended: [], rated: 0 }));
		return r;
	};
	for (const a of artists) {
		const f = known(facts, a.name);
		const span = f && activeSpan(f, thisYear);
		if (span) for (const d of decadesOf(span)) row(d).artists.push(a.name);
	}
	for (const album of albums) if (album.year) row(decadeOf(album.year)).recommended.push(album);
	if (!rows.size) return [];
	// Every decade between the first and the last, so the timeline has no holes.
	const first = Math.min(...rows.keys());
	const last = Math.max(...rows.keys());
	for (let d = first; d <= last; d += 10) row(d);
	for (const r of rows.values()) {
		const ratings = r.recommended.flatMap((a) => (a.rating ? [a.rating] : []));
		r.rated = ratings.length;
		const avg = average(ratings);
		if (avg !== undefined) r.averageRating = avg;
	}
	return [...rows.values()].sort((a, b) => a.decade - b.decade);
}
