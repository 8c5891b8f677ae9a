/**
 * Which spellings are one artist and which titles are one album: the one module that decides,
 * shared by the app (grounding, "never again" rules, merging typed and imported artists) and the
 * curator function (dropping excluded and repeated albums). Pure, no imports, so Deno and the app
 * read the same file.
 *
 * Listeners, exports, language models and MusicBrainz disagree on accents, a leading "The", "&"
 * or "and", how a collaboration is joined ("DJ Muggs vs. Ill Bill", "A x B", "A with B") and
 * which edition of an album they mean ("(Super Deluxe Edition)", " - Remastered 2009"). Keys fold
 * all of that away, and no more: "OK Computer OKNOTOK 1997 2017" and "Live at Leeds" stay their
 * own albums, "Malcolm X" keeps its X. A looser key lets an invented album through by matching a
 * real one; a stricter one lets the same album be recommended twice.
 *
 * Once an album is grounded its MusicBrainz release-group MBID is the identity; the key is what
 * two albums share before that.
 */

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
 * Removes trailing edition markers: "(Deluxe)", "[2011 Remaster]", " - 25th Anniversary
 * Edition". Only when they name an edition, so "OK Computer OKNOTOK 1997 2017" and "Live at
 * Leeds" stay distinct albums.
 */
export function stripEdition(title: string): string {
	let current = title.trim();
	for (;;) {
		const next = current
			.replace(
				/\s*[([]([^()[\]]*)[)\]]\s*$/,
				(whole, inner: string) => (EDITION.test(inner) ? '' : whole)
			)
			.replace(
				/\s+[-–—:]\s+([^-–—:]*)$/,
				(whole, tail: string) => (EDITION.test(tail) ? '' : whole)
			)
			.trim();
		if (next === current || next === '') return current;
		current = next;
	}
}

/** "The The" keeps its second word; "The" alone stays "the". */
const dropLeadingThe = (key: string) => key.replace(/^the (?=\S)/, '');

/** The key two writings of one album title share, edition markers removed. */
export function titleKey(title: string): string {
	return dropLeadingThe(fold(stripEdition(title)));
}

const JOINING_WORDS = ['and', 'feat', 'ft', 'featuring', 'with'];
/** Joiners that are also names ("Malcolm X", "Vs."), so they only count between two names. */
const INNER_JOINING_WORDS = ['vs', 'versus', 'x'];

/**
 * Light folding for names that are all punctuation or joining words ("!!!", "And"): case,
 * accents and spaces only, so they still have a key of their own.
 */
function plainKey(name: string): string {
	return dropLeadingThe(
		name
			.normalize('NFKD')
			.replace(/\p{M}/gu, '')
			.toLocaleLowerCase('en')
			.replace(/\s+/g, ' ')
			.trim()
	);
}

/**
 * The key two spellings of one artist share: case, accents, punctuation and a leading "The"
 * folded away ("Björk" = "bjork", "The Beatles" = "Beatles"), and joining words dropped, since
 * sources vary between them: MusicBrainz credits "DJ Muggs vs. Ill Bill" or "A x B" where people
 * write "&" or "and". Empty only for a name that is empty.
 */
export function artistKey(name: string): string {
	const words = dropLeadingThe(fold(name)).split(' ');
	const key = words
		.filter(
			(w, i) =>
				!JOINING_WORDS.includes(w) &&
				!(INNER_JOINING_WORDS.includes(w) && i > 0 && i < words.length - 1)
		)
		.join(' ');
	return key || plainKey(name);
}

/**
 * "DJ Muggs vs. Ill Bill" is by DJ Muggs and by Ill Bill as well as by the pair.
 * Not "&" or "and": "Belle and Sebastian" is not by Sebastian.
 */
const COLLABORATION = /\s+(?:vs\.?|versus|x|×|with|feat\.?|ft\.?|featuring|\/)\s+/i;

/** The keys of every artist a credit names: the credit itself and each collaborator in it. */
export function creditedArtistKeys(...names: (string | undefined)[]): string[] {
	const keys = names
		.filter((n): n is string => !!n)
		.flatMap((n) => [n, ...n.split(COLLABORATION)])
		.map(artistKey)
		.filter((k) => k !== '');
	return [...new Set(keys)];
}

export interface AlbumIdentity {
	title: string;
	artist: string;
	/** The MusicBrainz release-group MBID, once the album is grounded. */
	mbid?: string;
}

/**
 * The key every edition and spelling of one album shares (artist key, then title key). Also
 * the catalogue cache's key, so its format is stored on devices: change it and every cached
 * answer is looked up again.
 */
export function albumIdentityKey(album: { title: string; artist: string }): string {
	return `${artistKey(album.artist)}|${titleKey(album.title)}`;
}

/** One album: the same release group when both are grounded, else the same key. */
export function sameAlbum(a: AlbumIdentity, b: AlbumIdentity): boolean {
	if (a.mbid && b.mbid) return a.mbid === b.mbid;
	return albumIdentityKey(a) === albumIdentityKey(b);
}

/**
 * `sameAlbum` against a whole list at once (every album given in every journey): whether any
 * album in `albums` is the same album as the one asked about.
 */
export function albumMatcher(albums: readonly AlbumIdentity[]): (album: AlbumIdentity) => boolean {
	const mbids = new Set<string>();
	const keys = new Set<string>();
	const keysWithoutMbid = new Set<string>();
	for (const a of albums) {
		const key = albumIdentityKey(a);
		keys.add(key);
		if (a.mbid) mbids.add(a.mbid);
		else keysWithoutMbid.add(key);
	}
	return (album) =>
		album.mbid
			? mbids.has(album.mbid) || keysWithoutMbid.has(albumIdentityKey(album))
			: keys.has(albumIdentityKey(album));
}
