import type { Journey, Stage } from './journey';
import { stageOf } from './journey';

export function journeyHref(j: Journey, stage: Stage = stageOf(j)): string {
	return `/journey/${j.row.id}/${stage}`;
}

export function formatDate(ms: number): string {
	return new Date(ms).toLocaleDateString(undefined, {
		year: 'numeric',
		month: 'short',
		day: 'numeric',
		hour: '2-digit',
		minute: '2-digit'
	});
}

/**
 * A journey's name as the listener tells it apart from the others: the artists it started
 * from ("Radiohead, Björk, Portishead and 9 more"). Genres alone made two journeys look alike.
 */
export function journeyTitle(j: Journey, shown = 3): string {
	const names = j.row.artists.map((a) => a.name);
	const head = names.slice(0, shown).join(', ');
	const more = names.length - shown;
	return more > 0 ? `${head} and ${more} more` : head || 'A journey';
}

/** What a journey found, in one line: its portrait's genres, once drawn. */
export function journeyGenres(j: Journey): string {
	return j.portrait?.result.primaryGenres.map((g) => g.label).join(' · ') ?? '';
}
