/**
 * The map in words: what each country, decade and round says when it is focused, and what the
 * tables and screen readers read. One place, so the map, its tables and the tests agree.
 */
import type { Direction } from '$contract/curator';
import { countryName } from './countries';
import type { CountryMark, DecadeRow, MapArtist, Waypoint } from './listening-map';

export const DIRECTION_WORDS: Record<Direction, string> = {
	initial: 'Start',
	reinforced: 'Go deeper',
	pivot: 'Pivot'
};

export const decadeLabel = (decade: number) => `${decade}s`;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Can (Cologne)", "Nico (East Germany)", "Radiohead, 1,204 plays". */
export function artistWords(a: MapArtist): string {
	const where = a.formerly ?? a.place;
	const plays = a.plays !== undefined ? `, ${a.plays.toLocaleString('en')} plays` : '';
	return `${a.name}${where ? ` (${where})` : ''}${plays}`;
}

export function ratingWords(average: number | undefined, rated: number): string {
	if (!rated || average === undefined) return 'none rated yet';
	return `${rated} rated, average ${average.toFixed(1)} out of 5`;
}

export function describeCountry(mark: CountryMark): string {
	const parts: string[] = [];
	if (mark.artists.length)
		parts.push(
			`${mark.artists.length} of your artists: ${mark.artists.map(artistWords).join('; ')}`
		);
	if (mark.albums.length)
		parts.push(
			`${plural(mark.albums.length, 'album')} recommended (${ratingWords(mark.averageRating, mark.rated)})`
		);
	if (!mark.onTodaysMap) parts.push('not one of today’s countries, so not drawn on the map');
	return `${mark.name}: ${parts.join('. ')}.`;
}

export function describeDecade(row: DecadeRow): string {
	const parts: string[] = [];
	parts.push(
		row.artists.length
			? `${row.artists.length} of your artists active (${row.artists.join(', ')})`
			: 'none of your artists active'
	);
	parts.push(
		row.recommended.length
			? `${plural(row.recommended.length, 'album')} recommended from it (${ratingWords(row.averageRating, row.rated)})`
			: 'no album recommended from it'
	);
	return `${decadeLabel(row.decade)}: ${parts.join('; ')}.`;
}

export function describeWaypoint(wp: Waypoint): string {
	const parts = [`Round ${wp.round}`, DIRECTION_WORDS[wp.direction].toLowerCase()];
	parts.push(
		wp.ratedCount && wp.averageRating !== undefined
			? `average rating ${wp.averageRating.toFixed(1)} from ${plural(wp.ratedCount, 'album')}`
			: 'not rated yet'
	);
	parts.push(
		wp.countries.length
			? `reached ${wp.countries.map(countryName).join(', ')}`
			: wp.albums.length
				? 'no country known for its albums yet'
				: 'no albums yet'
	);
	if (wp.decades.length) parts.push(wp.decades.map(decadeLabel).join(', '));
	return `${parts.join(' · ')}.`;
}
