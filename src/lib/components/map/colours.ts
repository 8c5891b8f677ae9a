/**
 * The map's colours, from the design system's chart colours: pink for where the listener's
 * artists come from (deeper for more of their listening), green / yellow / orange for how the
 * albums from a place were rated, cyan for the journey's route. Text never sits on these except
 * black on the route's cyan (12:1).
 */

/** Countries by share of the listener's artists, lightest first. */
export const SHADES = ['#6b1034', '#a30d44', '#d6004c', '#ff0055'] as const;
/** A country the listener's albums come from but none of their artists. */
export const ALBUMS_ONLY = '#4a4a4a';
export const LAND = '#303030';
export const ROUTE = '#00ccff';

export function shadeOf(share: number, maxShare: number): string {
	if (!maxShare) return SHADES[0];
	const level = Math.min(SHADES.length - 1, Math.floor((share / maxShare) * SHADES.length - 1e-9));
	return SHADES[Math.max(0, level)];
}

export const RATING_BANDS = [
	{ min: 4, colour: '#00ff88', words: 'loved (4 or more)' },
	{ min: 2.5, colour: '#ffff00', words: 'mixed (2.5 to 4)' },
	{ min: 0, colour: '#ff6600', words: 'not for you (under 2.5)' }
] as const;

export function ratingColour(average: number): string {
	return (RATING_BANDS.find((b) => average >= b.min) ?? RATING_BANDS[2]).colour;
}
