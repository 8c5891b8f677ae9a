/**
 * The catalogue curator: the same five steps as the AI curator's client (portrait, converse,
 * recommend, recommendStream, analyze), answered from open music data when no AI provider is
 * configured. It runs in the app: MusicBrainz and the ListenBrainz labs API both answer browsers
 * (CORS) and each listener's device keeps within their rate limits, which a shared server could
 * not do for everyone at once.
 *
 * Recommendations are albums (release groups of primary type Album, studio albums first) of
 * artists ListenBrainz listeners play with the listener's own, steered by the conversation's
 * answers (a genre, an era, how far to travel), taken from MusicBrainz itself, so every one
 * exists; the never-again rules decide which are new (`notNew`). Each album is handed on the
 * moment it is chosen, so the screen fills as the catalogue answers.
 *
 * The outside world comes in as `CatalogueDeps` (artist facts, similar artists, an artist's
 * albums), so tests point it at the shared fakes.
 */
import type {
	AnalysisResult,
	ArtistInput,
	ConverseResult,
	PortraitResult,
	RecommendedAlbum,
	RecommendResult,
	Sent
} from '$contract/curator';
import { albumMatcher, artistKey, fold } from '$contract/identity';
import { catalogueTurn, readAnswers, type Steer } from '$lib/domain/catalogue-conversation';
import { CatalogueError, isAbort } from '$lib/errors/base';
import { isStudioAlbum } from '../albums';
import { coverUrl } from '../cover';
import type { ArtistFacts } from '../facts';
import { CatalogError } from '../musicbrainz';
import type { SimilarArtist } from '../similar';
import type { MbReleaseGroup } from '../types';
import { catalogueAnalysis } from './analysis';
import {
	careerStart,
	cataloguePortrait,
	countryName,
	genreLabel,
	isGenreTag,
	listWords,
	neighbourhood
} from './portrait';

export interface CatalogueDeps {
	/** Facts per name (never throws for MusicBrainz being down: those come back `unchecked`). */
	facts(names: readonly string[], signal?: AbortSignal): Promise<ArtistFacts[]>;
	/** ListenBrainz's similar artists (throws a CatalogError when it cannot be asked). */
	similar(mbids: readonly string[], signal?: AbortSignal): Promise<SimilarArtist[]>;
	/** An artist's albums, oldest first (throws a CatalogError when MusicBrainz cannot be asked). */
	albums(artistMbid: string, signal?: AbortSignal): Promise<MbReleaseGroup[]>;
}

/** What the curator knows of the journey beyond the request (the AI curator keeps no state either). */
export interface CatalogueJourney {
	/** The artists the listener gave. */
	artists: readonly ArtistInput[];
	/** Albums rated in this journey, for the seeds of a "go deeper" round. */
	rated?: readonly { artist: string; rating: number }[];
	/** The portrait's gaps, for the analysis's pivot. */
	portrait?: PortraitResult;
	/** Why an album is not new to the listener (the never-again rules), or undefined. */
	notNew?: (album: { title: string; artist: string; mbid?: string }) => string | undefined;
}

/** A recommended album that is grounded already: its release group and cover are known. */
export interface CatalogueAlbum extends RecommendedAlbum {
	mbid: string;
	coverUrl: string;
	coverUrl500: string;
}

interface Opts {
	signal?: AbortSignal;
}

/** Artists looked up for a portrait; the rest of a long list adds little and costs requests. */
const PORTRAIT_ARTISTS = 40;
const SEEDS = 8;
const CANDIDATE_FACTS = 24;
const SPARES = 2;
const MAX_BROWSES = 12;

/** A CatalogError from a service, in the listener's words. */
function unavailable(err: unknown, service: string): never {
	if (err instanceof CatalogError) {
		throw new CatalogueError(
			err.code === 'OFFLINE' ? 'CATALOGUE_OFFLINE' : 'CATALOGUE_UNAVAILABLE',
			err.code === 'OFFLINE'
				? 'Catalogue mode asks MusicBrainz and ListenBrainz for every step, and this device is offline. Everything you entered is saved; try again when you are back online.'
				: `${service} did not answer (${err.message}). Everything you entered is saved; try again in a minute.`,
			{ cause: err }
		);
	}
	throw err;
}

/** MusicBrainz could not be asked for (some of) the artists, and too few are known without them. */
function whenFactsFailed(facts: readonly ArtistFacts[], need = 1): never | void {
	const known = facts.filter((f) => f.status === 'known').length;
	if (known < need && facts.some((f) => f.status === 'unchecked')) {
		const offline = facts.some((f) => f.unverifiedReason === 'offline');
		unavailable(
			new CatalogError(offline ? 'OFFLINE' : 'UNAVAILABLE', 'no answer to the artist search'),
			'MusicBrainz'
		);
	}
}

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

export function createCatalogueCurator(deps: CatalogueDeps, journey: CatalogueJourney) {
	const listenerKeys = new Set(journey.artists.map((a) => artistKey(a.name)));
	const topNames = journey.artists.slice(0, PORTRAIT_ARTISTS).map((a) => a.name);

	async function listenerFacts(signal?: AbortSignal) {
		const facts = await deps.facts(topNames, signal);
		whenFactsFailed(facts, Math.min(3, topNames.length));
		return facts;
	}

	async function similar(mbids: readonly string[], signal?: AbortSignal) {
		try {
			return await deps.similar(mbids, signal);
		} catch (err) {
			if (isAbort(err) || signal?.aborted) throw err;
			return unavailable(err, 'ListenBrainz');
		}
	}

	async function portrait(req: Sent<'portrait'>, opts: Opts = {}): Promise<PortraitResult> {
		const facts = await listenerFacts(opts.signal);
		const known = facts.filter((f) => f.status === 'known' && f.mbid);
		if (known.length < 3) {
			const unsure = facts.filter((f) => f.status !== 'known').map((f) => `“${f.name}”`);
			throw new CatalogueError(
				'TOO_FEW_KNOWN',
				`MusicBrainz knows only ${known.length} of your artists for sure${unsure.length ? ` (it cannot tell who ${listWords(unsure.slice(0, 4))} ${unsure.length === 1 ? 'is' : 'are'})` : ''}. ` +
					'Catalogue mode needs at least three: add a few more artists, spelled as on their records, and start again. Your list is kept.'
			);
		}
		let neighbours: SimilarArtist[] | undefined;
		let neighbourFacts: ArtistFacts[] = [];
		try {
			neighbours = await deps.similar(
				known.slice(0, 10).map((f) => f.mbid!),
				opts.signal
			);
			const near = neighbourhood(known, listenerKeys, neighbours).slice(0, 12);
			neighbourFacts = await deps.facts(
				near.map((n) => n.name),
				opts.signal
			);
		} catch (err) {
			if (isAbort(err) || opts.signal?.aborted) throw err;
			if (!(err instanceof CatalogError)) throw err;
			// The portrait stands without its gaps; recommendations ask ListenBrainz again.
			neighbours = undefined;
		}
		return cataloguePortrait({
			artists: req.artists.map((a) => ({ name: a.name, plays: a.plays ?? undefined })),
			facts,
			neighbours,
			neighbourFacts
		});
	}

	async function converse(
		req: Sent<'converse'>,
		onText: (textSoFar: string) => void
	): Promise<ConverseResult> {
		const turn = catalogueTurn({
			portrait: req.portrait,
			direction: req.direction,
			messages: req.messages ?? []
		});
		onText(turn.message);
		return turn;
	}

	/** Seeds: the listener's artists (those of the asked-for genre first), or the favourites. */
	async function seedsFor(steer: Steer, direction: string, signal?: AbortSignal) {
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

	async function recommendStream(
		req: Sent<'recommend'>,
		opts: Opts & { onAlbum: (album: RecommendedAlbum) => void }
	): Promise<RecommendResult & { albums: CatalogueAlbum[] }> {
		const { signal } = opts;
		const direction = req.direction;
		const steer = readAnswers(req.portrait, direction, req.messages ?? []);
		const { seeds, known } = await seedsFor(steer, direction, signal);
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

	async function recommend(
		req: Sent<'recommend'>,
		opts: Opts = {}
	): Promise<RecommendResult & { albums: CatalogueAlbum[] }> {
		return recommendStream(req, { ...opts, onAlbum: () => {} });
	}

	async function analyze(req: Sent<'analyze'>, opts: Opts = {}): Promise<AnalysisResult> {
		const albums = req.albums.map((a) => ({
			title: a.title,
			artist: a.artist,
			year: String(a.year ?? ''),
			rating: a.rating,
			rationale: a.rationale ?? undefined,
			resonantElement: a.resonantElement ?? undefined
		}));
		// From the device's facts where it has them; a failing MusicBrainz only thins the reading.
		const facts = await deps.facts(
			albums.map((a) => a.artist),
			opts.signal
		);
		return catalogueAnalysis(albums, facts, journey.portrait?.noteworthyGaps ?? []);
	}

	return { kind: 'catalogue' as const, portrait, converse, recommend, recommendStream, analyze };
}

export type CatalogueCurator = ReturnType<typeof createCatalogueCurator>;

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
