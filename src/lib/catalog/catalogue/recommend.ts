/**
 * Catalogue mode's recommendations: albums (release groups of primary type Album, studio albums
 * first) of artists ListenBrainz listeners play with the listener's own, steered by the
 * conversation's answers (a genre, an era, how far to travel), taken from MusicBrainz itself, so
 * every one exists; the never-again rules decide which are new (`notNew`). Each album is handed
 * on the moment it is chosen, so the screen fills as the catalogue answers.
 */
import type { RecommendedAlbum, RecommendResult, Sent } from '$contract/curator';
import { albumMatcher, artistKey, fold } from '$contract/identity';
import { readAnswers, type Steer } from '$lib/domain/catalogue-conversation';
import { CatalogueError, isAbort } from '$lib/errors/base';
import { isStudioAlbum } from '../albums';
import { coverUrl } from '../cover';
import type { ArtistFacts } from '../facts';
import { CatalogError } from '../musicbrainz';
import type { MbReleaseGroup } from '../types';
import { unavailable } from './failures';
import {
	careerStart,
	countryName,
	genreLabel,
	isGenreTag,
	listWords,
	neighbourhood
} from './portrait';
import type { CatalogueAlbum, CuratorContext, Opts } from './types';

const SEEDS = 8;
const CANDIDATE_FACTS = 24;
const SPARES = 2;
const MAX_BROWSES = 12;

const yearOf = (rg: MbReleaseGroup) => rg['first-release-date']?.slice(0, 4) ?? '';

function creditOf(rg: MbReleaseGroup, fallback: string): string {
	const credit = rg['artist-credit'];
	if (!credit?.length) return fallback;
	return (
		credit
			.map((c) => c.name + (c.joinphrase ?? ''))
			.join('')
			.trim() || fallback
	);
}

const matchesGenre = (tags: readonly string[], genre: string) => {
	const g = fold(genre);
	return tags.some((t) => {
		const f = fold(t);
		return f === g || f.includes(g) || g.includes(f);
	});
};

/** Seeds: the listener's artists (those of the asked-for genre first), or the favourites. */
async function seedsFor(
	{ deps, journey, listenerFacts }: CuratorContext,
	steer: Steer,
	direction: string,
	signal?: AbortSignal
) {
	const facts = await listenerFacts(signal);
	const known = facts.filter((f) => f.status === 'known' && f.mbid);
	const genreFirst = steer.genre
		? [
				...known.filter((f) =>
					matchesGenre(
						f.tags.map((t) => t.name),
						steer.genre!
					)
				),
				...known.filter(
					(f) =>
						!matchesGenre(
							f.tags.map((t) => t.name),
							steer.genre!
						)
				)
			]
		: known;
	let seeds = genreFirst.slice(0, SEEDS);
	if (direction !== 'initial' && journey.rated?.length) {
		const liked = journey.rated.filter((r) => r.rating >= (direction === 'pivot' ? 3 : 4));
		const likedFacts = (
			await deps.facts(
				liked.map((r) => r.artist),
				signal
			)
		).filter((f) => f.status === 'known' && f.mbid);
		seeds = [...likedFacts, ...seeds].slice(0, SEEDS);
	}
	return { seeds, known };
}

/** The albums of one recommendation, each handed to `opts.onAlbum` as it is chosen. */
export async function recommendFromCatalogue(
	ctx: CuratorContext,
	req: Sent<'recommend'>,
	opts: Opts & { onAlbum: (album: RecommendedAlbum) => void }
): Promise<RecommendResult & { albums: CatalogueAlbum[] }> {
	const { deps, journey, listenerKeys, similar } = ctx;
	const { signal } = opts;
	const direction = req.direction;
	const steer = readAnswers(req.portrait, direction, req.messages ?? []);
	const { seeds, known } = await seedsFor(ctx, steer, direction, signal);
	if (!seeds.length) {
		throw new CatalogueError(
			'TOO_FEW_KNOWN',
			'MusicBrainz knows none of your artists for sure, so catalogue mode has nowhere to start. Add artists spelled as on their records and start again.'
		);
	}
	const listenerCountries = new Set(known.map((f) => f.country).filter(Boolean));
	const seedKeys = new Set(seeds.map((f) => artistKey(f.name)));
	let near = neighbourhood(
		seeds,
		listenerKeys,
		await similar(
			seeds.map((f) => f.mbid!),
			signal
		)
	);
	near = near.filter((n) => !seedKeys.has(artistKey(n.name)));
	if (steer.distance === 'far' && near.length) {
		// The neighbours' neighbours, beyond the first ring.
		const firstRing = new Set(near.map((n) => n.mbid));
		const ring = near.slice(0, 6);
		const second = neighbourhood(
			ring.map((n) => ({ name: n.name, status: 'known', mbid: n.mbid, tags: [] }) as ArtistFacts),
			listenerKeys,
			await similar(
				ring.map((n) => n.mbid),
				signal
			)
		).filter((n) => !firstRing.has(n.mbid) && !seedKeys.has(artistKey(n.name)));
		near = [...second.map((n) => ({ ...n, score: n.score + 1 })), ...near];
	}
	if (!near.length) {
		throw new CatalogueError(
			'NO_NEIGHBOURS',
			'ListenBrainz has no listening data that links your artists to others yet, so catalogue mode cannot find their neighbours. Add a few more widely played artists and start a new journey.'
		);
	}

	const candidates = near.slice(0, CANDIDATE_FACTS);
	const facts = await deps.facts(
		candidates.map((c) => c.name),
		signal
	);
	const factsOf = new Map(
		facts.filter((f) => f.status === 'known').map((f) => [artistKey(f.name), f])
	);
	const place = steer.place ? fold(steer.place) : undefined;
	const scored = candidates
		.map((c) => {
			const f = factsOf.get(artistKey(c.name));
			const same = f && (!f.mbid || f.mbid === c.mbid) ? f : undefined;
			const tags = (same?.tags ?? []).map((t) => t.name).filter(isGenreTag);
			const country = same?.country;
			let score = c.score;
			if (steer.genre && matchesGenre(tags, steer.genre)) score += 1;
			// An artist whose records began before or in the era may have an album from it.
			const began = same ? careerStart(same) : undefined;
			if (steer.era && began) score += began <= steer.era.to ? 0.6 : -0.5;
			if (place && country && fold(countryName(country)) === place) score += 1;
			if (steer.distance === 'close' && country && listenerCountries.has(country)) score += 0.4;
			if (steer.distance === 'far' && country && !listenerCountries.has(country)) score += 0.6;
			return { ...c, tags, score };
		})
		.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));

	const need = (req.count ?? 5) + SPARES;
	const excluded = albumMatcher(req.exclude ?? []);
	const chosen: CatalogueAlbum[] = [];
	let browsed = 0;
	let failure: unknown;
	for (const candidate of scored) {
		if (chosen.length >= need || browsed >= MAX_BROWSES) break;
		browsed++;
		let albums: MbReleaseGroup[];
		try {
			albums = await deps.albums(candidate.mbid, signal);
		} catch (err) {
			if (isAbort(err) || signal?.aborted) throw err;
			if (!(err instanceof CatalogError)) throw err;
			failure = err;
			if (err.code !== 'REJECTED') break;
			continue;
		}
		const album = pickAlbum(albums, steer, (rg) => {
			const ref = { title: rg.title, artist: creditOf(rg, candidate.name), mbid: rg.id };
			return !excluded(ref) && !journey.notNew?.(ref);
		});
		if (!album) continue;
		const entry: CatalogueAlbum = {
			title: album.title,
			artist: creditOf(album, candidate.name),
			year: yearOf(album),
			reason: reasonFor(candidate, album, steer),
			genres: (candidate.tags.length ? candidate.tags.slice(0, 3) : ['unclassified']).map((t) =>
				genreLabel(t).slice(0, 100)
			),
			mbid: album.id,
			coverUrl: coverUrl(album.id, 250),
			coverUrl500: coverUrl(album.id, 500)
		};
		chosen.push(entry);
		opts.onAlbum(entry);
	}
	if (!chosen.length) {
		if (failure) unavailable(failure, 'MusicBrainz');
		throw new CatalogueError(
			'NOTHING_NEW',
			'Every album near your artists is one you have already been given, played or named. Pivot to new territory, or add artists to a new journey.'
		);
	}
	return { albums: chosen };
}

/** Studio albums first (a live album or compilation only when there is nothing else), of the asked-for era when there is one. */
function pickAlbum(
	albums: readonly MbReleaseGroup[],
	steer: Steer,
	isNew: (rg: MbReleaseGroup) => boolean
): MbReleaseGroup | undefined {
	const open = albums.filter(isNew);
	const studio = open.filter(isStudioAlbum);
	const pool = studio.length ? studio : open;
	if (steer.era) {
		const inEra = pool.find((rg) => {
			const y = Number(yearOf(rg));
			return y >= steer.era!.from && y <= steer.era!.to;
		});
		if (inEra) return inEra;
	}
	return pool[0];
}

function reasonFor(
	candidate: { name: string; references: string[]; tags: string[] },
	album: MbReleaseGroup,
	steer: Steer
): string {
	const refs = listWords(candidate.references.slice(0, 2));
	const parts = [
		refs
			? `${candidate.name} is a close neighbour of ${refs} in what ListenBrainz listeners play`
			: `${candidate.name} is in the neighbourhood of your artists on ListenBrainz`
	];
	if (candidate.tags.length)
		parts.push(`tagged ${candidate.tags.slice(0, 2).join(' and ')} on MusicBrainz`);
	const year = Number(yearOf(album));
	if (steer.era && year >= steer.era.from && year <= steer.era.to) {
		parts.push(`and ${album.title} is from the ${steer.era.label}, as you asked`);
	} else if (year) {
		parts.push(`first released in ${year}`);
	}
	return `${parts.join('; ')}.`;
}
