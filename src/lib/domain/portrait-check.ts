/**
 * The portrait's geographic centres and key eras, checked against what MusicBrainz says of the
 * listener's own artists. The curator draws the portrait from names alone; where no artist's
 * facts back a centre or an era, the screen says it is the curator's reading, not a fact.
 *
 * - A centre is supported by an artist whose country it names (by country, adjective or region,
 *   places.ts) or whose area or place of origin it names ("Bristol" and Portishead's Bristol).
 * - An era is supported by an artist active in the years it names (eras.ts).
 * - While some artists have not been looked up yet, an unsupported label is `unchecked`: the
 *   next answer may support it. Once every artist has a verdict (known, unknown or ambiguous),
 *   a label no known artist supports is `curators-reading`.
 */
import type { PortraitResult } from '$contract/curator';
import { artistKey, fold } from '$contract/identity';
import type { ArtistFactsFields } from './artist-facts-cache';
import { activeSpan, overlaps, yearsNamedIn } from './eras';
import { countriesNamedIn, hasWords } from './places';

export type FactsByKey = ReadonlyMap<string, ArtistFactsFields>;

export type ReadingStatus = 'supported' | 'curators-reading' | 'unchecked';

export interface Reading {
	label: string;
	status: ReadingStatus;
	/** The artists whose facts support it, as the listener wrote them. */
	by: string[];
}

export interface PortraitCheck {
	places: Reading[];
	eras: Reading[];
}

/** An artist's facts when MusicBrainz identified them (unknown and ambiguous support nothing). */
function known(facts: FactsByKey, name: string): ArtistFactsFields | undefined {
	const f = facts.get(artistKey(name));
	return f?.status === 'known' ? f : undefined;
}

function placeSupported(label: string, f: ArtistFactsFields): boolean {
	const codes = countriesNamedIn(label);
	if (f.country && codes.has(f.country)) return true;
	const text = fold(label);
	return [f.area, f.beginArea].some((area) => {
		const name = area ? fold(area.name) : '';
		// A country's own name is handled above; a city's must be three letters or more.
		return name.length >= 3 && area?.type !== 'Country' && hasWords(text, name);
	});
}

function eraSupported(label: string, f: ArtistFactsFields, thisYear: number): boolean {
	const span = activeSpan(f, thisYear);
	return !!span && yearsNamedIn(label, thisYear).some((years) => overlaps(years, span));
}

/**
 * Each centre and era of the portrait with whether the artists' facts support it. `facts`
 * holds what the device knows, by artist key; an artist missing from it is not looked up yet.
 */
export function checkPortrait(
	portrait: Pick<PortraitResult, 'geographicCenters' | 'keyEras'>,
	artists: readonly string[],
	facts: FactsByKey,
	thisYear: number
): PortraitCheck {
	const pending = artists.some((name) => {
		const status = facts.get(artistKey(name))?.status;
		return !status || status === 'unchecked';
	});
	const read = (label: string, supports: (f: ArtistFactsFields) => boolean): Reading => {
		const by = artists.filter((name) => {
			const f = known(facts, name);
			return !!f && supports(f);
		});
		const status = by.length ? 'supported' : pending ? 'unchecked' : 'curators-reading';
		return { label, status, by };
	};
	return {
		places: portrait.geographicCenters.map(({ label }) =>
			read(label, (f) => placeSupported(label, f))
		),
		eras: portrait.keyEras.map(({ label }) => read(label, (f) => eraSupported(label, f, thisYear)))
	};
}
