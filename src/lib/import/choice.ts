/**
 * Which imported artists start ticked, and how their plays read.
 *
 * An artist with no counted play (every play a skip under 30 s) is listed, so
 * the listener sees it was read, but starts unticked: skipping is not loving.
 * A compilation credit ("Various Artists", see compilation.ts) starts unticked.
 */
import { isCompilationCredit } from './compilation';
import type { RankedArtist } from './tally';

/** Whether the artist starts ticked in the import's list. */
export function tickedByDefault(artist: RankedArtist): boolean {
	return artist.plays > 0 && !isCompilationCredit(artist.name);
}

/** "1 play", "2 plays", "1,234 plays". */
export function playsLabel(plays: number): string {
	return `${plays.toLocaleString('en')} ${plays === 1 ? 'play' : 'plays'}`;
}
