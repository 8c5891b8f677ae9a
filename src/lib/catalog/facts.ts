/**
 * Artist facts from MusicBrainz (issue 13, the map): for each artist name, its MBID, type,
 * area and country (ISO 3166-1 alpha-2), active years and tags.
 *
 * Names are never guessed. A name is `known` only when MusicBrainz has exactly one artist of
 * that (folded) name at the top of its answer; two of one name with close scores (the two
 * Nirvanas) or only longer names that contain it ("Sigur" → "Sigur Rós") make it `ambiguous`,
 * with the candidates kept; no match at all is `unknown`. When MusicBrainz can't be asked, a
 * name is `unchecked` (with the reason) and nothing is cached, so it is asked again next time.
 *
 * Cost: one search asks for up to 25 names (`artist:"A" OR artist:"B"`, 100 hits per page);
 * a page that was cut off is asked again in halves for the names it left without an exact hit,
 * so a common word ("Can") can't push the others out of the page. A search answer carries
 * `country` only when the artist's area is a country; for a city ("Salford") the area's
 * "part of" relations are walked upwards, one lookup per area, until an ISO 3166-1 code (or a
 * subdivision's ISO 3166-2 code, whose prefix is the country). Areas are cached as well as
 * artists, so a thousand Londoners cost one walk. Every request is made by album grounding's
 * `requestJson`: the same 1 request/s limiter, User-Agent, backoff and error codes.
 */
import { artistKey, fold } from '$contract/identity';
import type {
	AreaRef,
	ArtistCandidate,
	ArtistFactsCache,
	ArtistFactsFields,
	ArtistFactsStatus,
	CachedArea,
	CachedArtistFacts,
	CachedFact
} from '$lib/domain/artist-facts-cache';
import { isObject, list, readAreaAnswer, readHit, type Hit } from './artist-answers';
import { CatalogError, phrase, requestJson, type RequestOptions } from './musicbrainz';
import type { UnverifiedReason } from './types';

export type {
	AreaRef,
	ArtistCandidate,
	ArtistFactsCache,
	ArtistFactsStatus,
	CachedArea,
	CachedArtistFacts,
	CachedFact
};

export interface ArtistFacts extends ArtistFactsFields {
	/** The name as it was asked for. */
	name: string;
	/** For `unchecked`: why MusicBrainz gave no answer. */
	unverifiedReason?: UnverifiedReason;
	/** When MusicBrainz gave these facts (ms since epoch). */
	checkedAt?: number;
}

export function memoryArtistFactsCache(): ArtistFactsCache & { size(): number } {
	const entries = new Map<string, CachedFact>();
	return {
		get: async (key) => entries.get(key),
		set: async (key, value) => {
			entries.set(key, value);
		},
		size: () => entries.size
	};
}

export interface FactsOptions extends RequestOptions {
	cache: ArtistFactsCache;
	now?: () => number;
	onProgress?: (progress: { done: number; total: number }) => void;
	/** Most names per search (default 25). */
	batchSize?: number;
}

const DAY = 24 * 60 * 60 * 1000;
/** Facts change slowly; a name MusicBrainz lacked may be added any week. */
const KNOWN_TTL = 30 * DAY;
const UNKNOWN_TTL = 7 * DAY;
const AREA_TTL = 180 * DAY;
const PAGE_LIMIT = 100;
const MAX_QUERY_CHARS = 1500;
/** Two artists of one name this close in score are both plausible. */
const SCORE_MARGIN = 10;
const MAX_AREA_DEPTH = 8;
const MAX_CANDIDATES = 5;

/** A JSON object from MusicBrainz; undefined when it has no such thing (a lookup's 404). */
async function getJson(
	path: string,
	params: Record<string, string>,
	opts: FactsOptions
): Promise<Record<string, unknown> | undefined> {
	let body: unknown;
	try {
		body = await requestJson(path, params, opts);
	} catch (err) {
		if (err instanceof CatalogError && err.status === 404) return undefined;
		throw err;
	}
	if (!isObject(body)) throw new CatalogError('UNAVAILABLE', 'MusicBrainz sent no JSON');
	return body;
}

/** Does the hit's name contain the asked name's words, in order? */
function contains(hitName: string, askedKey: string): boolean {
	return ` ${fold(hitName)} `.includes(` ${askedKey} `);
}

type Verdict = Omit<ArtistFacts, 'name'>;

/** What the hits for one name say, or undefined when they can't tell (the page was cut off). */
function judge(key: string, hits: Hit[], truncated: boolean): Verdict | undefined {
	const mine = hits
		.filter((h) => h.key === key || contains(h.facts.matchedName ?? '', key))
		.sort((a, b) => b.score - a.score);
	const exact = mine.filter((h) => h.key === key);
	if (!exact.length && truncated) return undefined;
	const candidates = mine.slice(0, MAX_CANDIDATES).map(({ facts: f }) => ({
		mbid: f.mbid ?? '',
		name: f.matchedName ?? '',
		...(f.disambiguation ? { disambiguation: f.disambiguation } : {}),
		...(f.country ? { country: f.country } : {})
	}));
	if (!mine.length) return { status: 'unknown', tags: [] };
	const [top, second] = exact;
	const outscored = !top || mine[0].score > top.score;
	if (outscored || (second && top.score - second.score < SCORE_MARGIN))
		return { status: 'ambiguous', tags: [], candidates };
	return { status: 'known', ...top.facts };
}

/** Names in searches whose query stays short enough for one URL. */
function batches(keys: string[], names: Map<string, string>, size: number): string[][] {
	const out: string[][] = [];
	let current: string[] = [];
	let chars = 0;
	for (const key of keys) {
		const clause = phrase('artist', names.get(key) ?? key).length + 4;
		if (current.length && (current.length >= size || chars + clause > MAX_QUERY_CHARS)) {
			out.push(current);
			current = [];
			chars = 0;
		}
		current.push(key);
		chars += clause;
	}
	if (current.length) out.push(current);
	return out;
}

const fresh = (value: CachedFact | undefined, now: number): boolean => {
	if (!value) return false;
	const ttl =
		value.kind === 'area' ? AREA_TTL : value.status === 'unknown' ? UNKNOWN_TTL : KNOWN_TTL;
	return now - value.checkedAt < ttl;
};

/**
 * The ISO 3166-1 code of the country an area lies in, walking "part of" upwards. Throws a
 * CatalogError when MusicBrainz can't be asked; null when it places the area in no country.
 */
async function countryOf(areaId: string, opts: FactsOptions, now: number): Promise<string | null> {
	const path: string[] = [];
	let id: string | undefined = areaId;
	let country: string | null = null;
	while (id && path.length < MAX_AREA_DEPTH && !path.includes(id)) {
		const cached = await opts.cache.get(`area:${id}`);
		if (cached?.kind === 'area' && fresh(cached, now)) {
			country = cached.country;
			break;
		}
		path.push(id);
		const area = await getJson(`/ws/2/area/${id}`, { inc: 'area-rels' }, opts);
		if (!area) break;
		const read = readAreaAnswer(area);
		country = read.country;
		if (country) break;
		id = read.partOf;
	}
	for (const step of path)
		await opts.cache.set(`area:${step}`, { kind: 'area', country, checkedAt: now });
	return country;
}

/**
 * Facts for each name, in the order given (one entry per name, repeats included). Never throws
 * for one bad entry or a failing MusicBrainz; only the caller's own abort propagates.
 */
export async function lookUpArtistFacts(
	names: readonly string[],
	opts: FactsOptions
): Promise<ArtistFacts[]> {
	const now = (opts.now ?? Date.now)();
	const asked = new Map<string, string>();
	for (const name of names) {
		const key = artistKey(name);
		if (key && !asked.has(key)) asked.set(key, name);
	}
	const verdicts = new Map<string, Verdict>();
	const stale = new Map<string, CachedArtistFacts>();
	const total = asked.size;
	const progress = () => opts.onProgress?.({ done: verdicts.size, total });

	for (const key of asked.keys()) {
		const cached = await opts.cache.get(`artist:${key}`);
		if (cached?.kind !== 'artist') continue;
		if (fresh(cached, now)) verdicts.set(key, strip(cached));
		else stale.set(key, cached);
	}
	progress();

	let failure: CatalogError | undefined;
	function unchecked(key: string, err: CatalogError) {
		const old = stale.get(key);
		// An old answer beats none; it is asked again next time.
		verdicts.set(
			key,
			old ? strip(old) : { status: 'unchecked', tags: [], unverifiedReason: err.unverifiedReason }
		);
	}
	/** Whether the artist's country is settled (found, or MusicBrainz has none to give). */
	async function settleCountry(facts: Verdict): Promise<boolean> {
		if (facts.status !== 'known' || facts.country || !(facts.area || facts.beginArea)) return true;
		if (failure) return false;
		try {
			await placeInCountry(facts, opts, now);
			return true;
		} catch (err) {
			if (!(err instanceof CatalogError)) throw err;
			if (err.code !== 'REJECTED') failure = err;
			return false;
		}
	}
	const queue = batches(
		[...asked.keys()].filter((k) => !verdicts.has(k)),
		asked,
		opts.batchSize ?? 25
	);
	while (queue.length && !failure) {
		const batch = queue.shift() ?? [];
		try {
			const query = batch.map((k) => phrase('artist', asked.get(k) ?? k)).join(' OR ');
			const body = await getJson('/ws/2/artist', { query, limit: String(PAGE_LIMIT) }, opts);
			// Only a lookup may miss; a search that isn't there is the wrong server, not "unknown".
			if (!body) throw new CatalogError('REJECTED', 'MusicBrainz has no artist search here');
			const page = list(body.artists);
			const hits = page.map(readHit).filter((h): h is Hit => !!h);
			const truncated = Number(body.count) > Number(body.offset ?? 0) + page.length;
			const retry: string[] = [];
			for (const key of batch) {
				const verdict = judge(key, hits, truncated && batch.length > 1);
				if (!verdict) {
					retry.push(key);
					continue;
				}
				// Without its country an artist is shown, not remembered: it is asked again.
				const settled = await settleCountry(verdict);
				verdicts.set(key, { ...verdict, checkedAt: now });
				if (settled)
					await opts.cache.set(`artist:${key}`, { ...verdict, kind: 'artist', checkedAt: now });
			}
			// A cut-off page: ask again in halves for the names it had no room for.
			if (retry.length) {
				const half = Math.ceil(retry.length / 2);
				queue.unshift(...[retry.slice(0, half), retry.slice(half)].filter((b) => b.length));
			}
		} catch (err) {
			if (!(err instanceof CatalogError)) throw err;
			// A refused query costs only its own names; anything else would fail for the rest too.
			if (err.code === 'REJECTED') batch.forEach((k) => unchecked(k, err));
			else failure = err;
		}
		progress();
	}

	if (failure) for (const key of asked.keys()) if (!verdicts.has(key)) unchecked(key, failure);
	progress();

	return names.map((name) => {
		const verdict = verdicts.get(artistKey(name));
		return verdict ? { name, ...verdict } : { name, status: 'unknown', tags: [] };
	});
}

function strip(cached: CachedArtistFacts): Verdict {
	const { kind: _kind, ...facts } = cached;
	return facts;
}

/**
 * Fills in the country from the area (or, without one, where the artist began) when the
 * search answer had none. A failing lookup is thrown on, leaving the artist without a country.
 */
async function placeInCountry(facts: Verdict, opts: FactsOptions, now: number) {
	if (facts.country) return;
	for (const [area, from] of [
		[facts.area, 'area'],
		[facts.beginArea, 'begin-area']
	] as const) {
		if (!area) continue;
		const country = await countryOf(area.mbid, opts, now);
		if (country) {
			facts.country = country;
			facts.countryFrom = from;
			return;
		}
	}
}
