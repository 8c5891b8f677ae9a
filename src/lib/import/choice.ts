/**
 * Which imported artists start ticked, and how their plays read.
 *
 * An artist with no counted play (every play a skip under 30 s) is listed, so
 * the listener sees it was read, but starts unticked: skipping is not loving.
 * A compilation credit ("Various Artists") is nobody's favourite artist: it is
 * ranked last and starts unticked. Only credits that name no artist at all are
 * matched; "Soundtrack" is left alone, since real exports credit the composer
 * or band and a band may well be called that.
 */
import type { RankedArtist } from './tally';

const COMPILATION_CREDITS = new Set([
	'various artists',
	'various artist',
	'various',
	'va',
	'v.a.',
	'v/a',
	'verschiedene interpreten',
	'artistes divers',
	'artistes variés',
	'varios artistas',
	'artisti vari'
]);

export function isCompilationCredit(name: string): boolean {
	return COMPILATION_CREDITS.has(name.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase());
}

/** Whether the artist starts ticked in the import's list. */
export function tickedByDefault(artist: RankedArtist): boolean {
	return artist.plays > 0 && !isCompilationCredit(artist.name);
}

/** "1 play", "2 plays", "1,234 plays". */
export function playsLabel(plays: number): string {
	return `${plays.toLocaleString('en')} ${plays === 1 ? 'play' : 'plays'}`;
}
