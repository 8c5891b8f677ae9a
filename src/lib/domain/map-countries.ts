/**
 * The map's countries: where the listener's artists come from, weighted by plays where an import
 * gave them (else one per artist), with the albums recommended from each and how they were
 * rated; and its coverage, the artists it could not place and why (unknown to MusicBrainz,
 * several of that name, no country, not looked up yet). Pure.
 */
import { artistKey } from '$contract/identity';
import { countryName, mapCodeOf } from './countries';
import { drawnAt, known } from './map-facts';
import { average, type MapAlbum } from './map-journeys';
import type { FactsByKey } from './portrait-check';

export interface MapArtist {
	name: string;
	/** Plays from an import, when it gave them. */
	plays?: number;
	/** What the artist counts for: plays when known, else 1. */
	weight: number;
	/** The area MusicBrainz gives (a city, a region or the country itself). */
	place?: string;
	/** For a country of the past drawn inside today's ("East Germany"). */
	formerly?: string;
}

export interface CountryMark {
	/** The code it is drawn under: ISO 3166-1 alpha-2, or MusicBrainz's own (SU, YU, XE…). */
	code: string;
	name: string;
	/** Whether one of today's countries stands for it (false for the Soviet Union, Europe…). */
	onTodaysMap: boolean;
	artists: MapArtist[];
	weight: number;
	/** Of all the placed artists' weight, 0–1. */
	share: number;
	/** Albums recommended by artists from here. */
	albums: MapAlbum[];
	rated: number;
	averageRating?: number;
}

export interface Coverage {
	/** The listener's artists in scope. */
	total: number;
	placed: number;
	/** Known to MusicBrainz, but with no country. */
	noCountry: string[];
	unknown: string[];
	ambiguous: string[];
	/** Not looked up yet (or MusicBrainz could not be asked). */
	pending: string[];
}

export function countriesOf(
	artists: { name: string; plays?: number }[],
	albums: MapAlbum[],
	facts: FactsByKey
): CountryMark[] {
	const marks = new Map<string, CountryMark>();
	const mark = (code: string) => {
		let m = marks.get(code);
		if (!m) {
			m = {
				code,
				name: countryName(code),
				onTodaysMap: mapCodeOf(code) === code,
				artists: [],
				weight: 0,
				share: 0,
				albums: [],
				rated: 0
			};
			marks.set(code, m);
		}
		return m;
	};
	for (const a of artists) {
		const f = known(facts, a.name);
		const at = drawnAt(f);
		if (!at) continue;
		const weight = a.plays && a.plays > 0 ? a.plays : 1;
		const place = f?.area?.type === 'Country' ? undefined : f?.area?.name;
		mark(at.code).artists.push({
			name: a.name,
			weight,
			...(a.plays !== undefined ? { plays: a.plays } : {}),
			...(place ? { place } : {}),
			...(at.formerly ? { formerly: at.formerly } : {})
		});
		mark(at.code).weight += weight;
	}
	for (const album of albums) {
		const at = drawnAt(known(facts, album.artist));
		if (at) mark(at.code).albums.push(album);
	}
	const total = [...marks.values()].reduce((n, m) => n + m.weight, 0);
	for (const m of marks.values()) {
		m.share = total ? m.weight / total : 0;
		const ratings = m.albums.flatMap((a) => (a.rating ? [a.rating] : []));
		m.rated = ratings.length;
		const avg = average(ratings);
		if (avg !== undefined) m.averageRating = avg;
		m.artists.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
	}
	return [...marks.values()].sort(
		(a, b) =>
			b.weight - a.weight || b.albums.length - a.albums.length || a.name.localeCompare(b.name)
	);
}

export function coverageOf(artists: { name: string }[], facts: FactsByKey): Coverage {
	const out: Coverage = {
		total: artists.length,
		placed: 0,
		noCountry: [],
		unknown: [],
		ambiguous: [],
		pending: []
	};
	for (const { name } of artists) {
		const f = facts.get(artistKey(name));
		if (!f || f.status === 'unchecked') out.pending.push(name);
		else if (f.status === 'unknown') out.unknown.push(name);
		else if (f.status === 'ambiguous') out.ambiguous.push(name);
		else if (drawnAt(f)) out.placed++;
		else out.noCountry.push(name);
	}
	return out;
}
