/**
 * What of the listener's journeys goes on the map: their artists, each once (with the most plays
 * any journey gave), every album they were given with its rating, and every name whose facts the
 * map needs. Pure.
 */
import { artistKey } from '$contract/identity';
import { albumYear } from './eras';
import type { Journey } from './journey';

export interface MapAlbum {
	title: string;
	artist: string;
	year?: number;
	round: number;
	rating?: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** The average of some ratings, to one decimal (undefined for none). */
export const average = (ratings: number[]) =>
	ratings.length ? round1(ratings.reduce((a, b) => a + b, 0) / ratings.length) : undefined;

/** Every name whose facts the map needs: the listener's artists and the albums' artists. */
export function namesOfJourneys(journeys: readonly Journey[]): string[] {
	const names = new Map<string, string>();
	for (const j of journeys) {
		for (const a of j.row.artists)
			names.set(artistKey(a.name), names.get(artistKey(a.name)) ?? a.name);
		for (const s of j.sets)
			for (const album of s.albums)
				if (!names.has(artistKey(album.artist))) names.set(artistKey(album.artist), album.artist);
	}
	names.delete('');
	return [...names.values()];
}

/** The listener's artists over the journeys, each once (the most plays any journey gave). */
export function listenerArtists(journeys: readonly Journey[]): { name: string; plays?: number }[] {
	const out = new Map<string, { name: string; plays?: number }>();
	for (const j of journeys)
		for (const a of j.row.artists) {
			const key = artistKey(a.name);
			if (!key) continue;
			const seen = out.get(key);
			if (!seen) out.set(key, { name: a.name, plays: a.plays });
			else if ((a.plays ?? -1) > (seen.plays ?? -1)) seen.plays = a.plays;
		}
	return [...out.values()];
}

/** Every album given in the journeys, with its rating where the listener gave one. */
export function albumsOfJourneys(journeys: readonly Journey[]): MapAlbum[] {
	return journeys.flatMap((j) =>
		j.sets.flatMap((set) =>
			set.albums.map((album) => {
				const feedback = j.feedback.find((f) => f.setId === set.id && f.albumKey === album.key);
				return {
					title: album.title,
					artist: album.artist,
					year: albumYear(album.year),
					round: set.round,
					...(feedback?.rating ? { rating: feedback.rating } : {})
				};
			})
		)
	);
}
