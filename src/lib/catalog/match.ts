/**
 * Deciding whether a MusicBrainz release group is the album the curator meant.
 *
 * Language models write titles the way people say them: without accents, with
 * or without a leading "The", "and" for "&", and with the edition they happened
 * to read about ("(Super Deluxe Edition)", " - Remastered 2009"). MusicBrainz's
 * release group is the work itself, so we compare folded keys with edition
 * suffixes removed on both sides, and demand the same artist (any name in the
 * artist credit) and an Album-type release group. Anything looser lets invented
 * albums through by matching a real one with a similar name; anything stricter
 * drops real albums, which is why the previous app had to revert its filter.
 */
import type { AlbumQuery, MbArtistCredit, MbReleaseGroup } from './types';

/** Letters that Unicode decomposition leaves alone but people type in ASCII. */
const LIGATURES: Record<string, string> = {
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	ß: 'ss',
	ð: 'd',
	đ: 'd',
	þ: 'th',
	ł: 'l',
	ı: 'i'
};

/** Words that mark an edition of an album rather than a different album. */
const EDITION =
	/\b(deluxe|remaster(ed)?|anniversary|expanded|edition|reissue|bonus|legacy|collector'?s|mono|stereo|special|version)\b/i;

/** Case, accents, apostrophes, "&" → "and", and all other punctuation folded away. */
export function fold(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[æœøßðđþłı]/g, (c) => LIGATURES[c] ?? c)
		.replace(/['’`´]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/**
 * Removes trailing edition markers: "(Deluxe)", "[2011 Remaster]", " - 25th
 * Anniversary Edition". Only when they name an edition, so "OK Computer
 * OKNOTOK 1997 2017" and "Live at Leeds" stay distinct albums.
 */
export function stripEdition(title: string): string {
	let current = title.trim();
	for (;;) {
		const next = current
			.replace(/\s*[([]([^()[\]]*)[)\]]\s*$/, (whole, inner: string) =>
				EDITION.test(inner) ? '' : whole
			)
			.replace(/\s+[-–—:]\s+([^-–—:]*)$/, (whole, tail: string) =>
				EDITION.test(tail) ? '' : whole
			)
			.trim();
		if (next === current || next === '') return current;
		current = next;
	}
}

const dropLeadingThe = (key: string) => key.replace(/^the /, '');

export function titleKey(title: string): string {
	return dropLeadingThe(fold(stripEdition(title)));
}

const JOINING_WORDS = ['and', 'feat', 'ft', 'featuring', 'with'];
/** Joiners that are also names ("Malcolm X", "Vs."), so they only count between two names. */
const INNER_JOINING_WORDS = ['vs', 'versus', 'x'];

/**
 * Joining words vary between sources: MusicBrainz credits "DJ Muggs vs. Ill
 * Bill" or "A x B" where people write "&" or "and", so they don't count.
 */
export function artistKey(artist: string): string {
	const words = dropLeadingThe(fold(artist)).split(' ');
	return words
		.filter(
			(w, i) =>
				!JOINING_WORDS.includes(w) &&
				!(INNER_JOINING_WORDS.includes(w) && i > 0 && i < words.length - 1)
		)
		.join(' ');
}

/** The cache and de-duplication key for a proposed album. */
export function albumKey(album: AlbumQuery): string {
	return `${artistKey(album.artist)}|${titleKey(album.title)}`;
}

/** The credit as printed ("Lou Reed / John Cale") plus each credited artist's names. */
export function creditNames(credit: MbArtistCredit[] = []): string[] {
	const printed = credit.map((c) => c.name + (c.joinphrase ?? '')).join('');
	const names = credit.flatMap((c) => [c.name, c.artist.name]);
	// Sort names are "Beatles, The"; turn them round so they fold like the name.
	const sorted = credit
		.map((c) => c.artist['sort-name'])
		.filter((n): n is string => !!n)
		.map((n) => n.replace(/^(.*), (the|a|an)$/i, '$2 $1'));
	return [printed, ...names, ...sorted];
}

export function sameArtist(artist: string, credit: MbArtistCredit[] | undefined): boolean {
	const wanted = artistKey(artist);
	return wanted !== '' && creditNames(credit).some((name) => artistKey(name) === wanted);
}

/** Did the curator ask for a live record or a compilation itself? Then don't penalise one. */
function asksFor(title: string): { live: boolean; compilation: boolean } {
	const key = fold(title);
	return {
		live: /\b(live|unplugged|in concert)\b/.test(key),
		compilation: /\b(greatest hits|best of|hits|collection|anthology|essential|singles)\b/.test(key)
	};
}

function penalty(rg: MbReleaseGroup, wants: { live: boolean; compilation: boolean }): number {
	const types = (rg['secondary-types'] ?? []).map((t) => t.toLowerCase());
	let p = 0;
	for (const t of types) {
		if (t === 'live') p += wants.live ? 0 : 2;
		else if (t === 'compilation') p += wants.compilation ? 0 : 2;
		else p += 1;
	}
	return p;
}

const yearOf = (rg: MbReleaseGroup) => (rg['first-release-date'] ?? '').slice(0, 4);

/**
 * The release group that is this album, or undefined. Among several (a studio
 * album and a live album of the same name), the one without secondary types
 * wins unless the title asked for live or a compilation; then the earliest.
 */
export function pickReleaseGroup(
	album: AlbumQuery,
	groups: readonly MbReleaseGroup[]
): MbReleaseGroup | undefined {
	const wantedTitle = titleKey(album.title);
	const wants = asksFor(album.title);
	const matches = groups.filter(
		(rg) =>
			rg['primary-type'] === 'Album' &&
			titleKey(rg.title) === wantedTitle &&
			sameArtist(album.artist, rg['artist-credit'])
	);
	const ranked = matches
		.map((rg) => ({ rg, p: penalty(rg, wants), y: yearOf(rg) || '9999' }))
		.sort((a, b) => a.p - b.p || a.y.localeCompare(b.y));
	return ranked[0]?.rg;
}

export function firstReleaseYear(rg: MbReleaseGroup): string | undefined {
	const year = yearOf(rg);
	return /^\d{4}$/.test(year) ? year : undefined;
}

export function printedCredit(rg: MbReleaseGroup): string | undefined {
	const credit = rg['artist-credit'];
	return credit?.length ? credit.map((c) => c.name + (c.joinphrase ?? '')).join('') : undefined;
}
