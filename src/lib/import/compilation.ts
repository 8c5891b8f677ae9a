/**
 * A compilation credit ("Various Artists") is nobody's favourite artist: the
 * tally ranks it last and the import's list starts it unticked. Only credits
 * that name no artist at all are matched; "Soundtrack" is left alone, since
 * real exports credit the composer or band and a band may well be called that.
 */
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
