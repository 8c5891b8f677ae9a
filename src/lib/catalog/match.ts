/**
 * Deciding whether a MusicBrainz release group is the album the curator meant.
 *
 * Language models write titles the way people say them: without accents, with
 * or without a leading "The", "and" for "&", and with the edition they happened
 * to read about ("(Super Deluxe Edition)", " - Remastered 2009"). MusicBrainz's
 * release group is the work itself, so we compare the shared identity keys
 * ($contract/identity) on both sides, and demand the same artist (any name in the
 * artist credit) and an Album-type release group. Anything looser lets invented
 * albums through by matching a real one with a similar name; anything stricter
 * drops real albums, which is why the previous app had to revert its filter.
 */
import { artistKey, fold, titleKey } from '$contract/identity';
import type { AlbumQuery, MbArtistCredit, MbReleaseGroup } from './types';

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
