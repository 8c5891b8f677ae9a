/**
 * The MusicBrainz release-group search, used as a good citizen (FORMATS.md §7), and the
 * one way any request reaches MusicBrainz (`requestJson`; artist facts use it too).
 *
 * MusicBrainz allows about one request per second per client and answers 503
 * beyond that, so every request goes through one shared `RateLimiter`, and
 * several albums share one Lucene query: `(releasegroup:"A" AND artist:"X") OR
 * (...)`. Five recommendations then cost one request (~0.3 s) instead of five
 * (>4 s at 1 req/s). On 503/5xx we back off (honouring Retry-After) and retry
 * a few times; when it still fails, or the network is gone, we raise a
 * `CatalogError` the caller turns into "not yet verified" — never a crash.
 *
 * Browsers refuse to let scripts set User-Agent (Chrome drops it silently) and
 * any non-safelisted header costs a CORS preflight, so in a browser we send
 * only safelisted headers and MusicBrainz sees the browser's own User-Agent;
 * elsewhere (Node: tests, scripts) we send the descriptive one.
 */
import type {
	AlbumQuery,
	MbArtistCredit,
	MbReleaseGroup,
	MbReleaseGroupSearch,
	UnverifiedReason
} from './types';
import { stripEdition } from '$contract/identity';
import { AppError, isOffline } from '$lib/errors/base';

const MUSICBRAINZ_URL = 'https://musicbrainz.org';
export const USER_AGENT = 'SonicCartographer/0.1 ( https://github.com/sonic-cartographer )';

/** MusicBrainz's maximum page size; a batch's matches must fit in one page. */
const PAGE_LIMIT = 100;

export type CatalogErrorCode = 'OFFLINE' | 'UNAVAILABLE' | 'REJECTED';

/** Why MusicBrainz gave no answer; stored on the album as its (lower-case) UnverifiedReason. */
export class CatalogError extends AppError<CatalogErrorCode> {
	override name = 'CatalogError';

	constructor(
		code: CatalogErrorCode,
		message: string,
		/** MusicBrainz's HTTP status, when it answered. */
		readonly status?: number
	) {
		super(code, message);
	}

	get unverifiedReason(): UnverifiedReason {
		return this.code === 'OFFLINE'
			? 'offline'
			: this.code === 'REJECTED'
				? 'rejected'
				: 'unavailable';
	}
}

const sleep = (ms: number, signal?: AbortSignal) =>
	new Promise<void>((resolve, reject) => {
		if (signal?.aborted) return reject(signal.reason);
		const timer = setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		const onAbort = () => {
			clearTimeout(timer);
			reject(signal?.reason);
		};
		signal?.addEventListener('abort', onAbort, { once: true });
	});

/**
 * Spaces request starts at least `intervalMs` apart. Slots are reserved
 * synchronously, so concurrent callers queue instead of racing. The default is
 * a little over a second so network jitter can't squeeze two into one second.
 */
export class RateLimiter {
	#next = 0;
	constructor(
		readonly intervalMs = 1100,
		private readonly now: () => number = Date.now
	) {}

	async take(signal?: AbortSignal): Promise<void> {
		const now = this.now();
		const at = Math.max(now, this.#next);
		this.#next = at + this.intervalMs;
		if (at > now) await sleep(at - now, signal);
	}
}

/** One per page load: the budget belongs to the client, not to a call. */
export const sharedLimiter = new RateLimiter();

/** Lucene's special characters, escaped so a title like "AC/DC: Live!" stays a phrase. */
function escapeLucene(text: string): string {
	return text.replace(/[+\-!(){}[\]^"~*?:\\/]|&&|\|\|/g, (m) => m.replace(/./g, '\\$&'));
}

/**
 * A phrase for one field. "The", "&" and "and" are dropped because the index
 * and the model disagree about them ("Simon & Garfunkel" vs "Simon and
 * Garfunkel"); a slop of one per dropped word lets the phrase span the gap.
 */
export function phrase(field: string, text: string): string {
	const words = text.trim().split(/\s+/);
	let dropped = 0;
	const kept = words.filter((w, i) => {
		const drop = /^(&|and)$/i.test(w) || (i === 0 && /^the$/i.test(w) && words.length > 1);
		if (drop) dropped++;
		return !drop;
	});
	const body = escapeLucene(kept.join(' '));
	return `${field}:"${body}"${dropped ? `~${dropped}` : ''}`;
}

function albumClause(album: AlbumQuery): string {
	return `(${phrase('releasegroup', stripEdition(album.title))} AND ${phrase('artist', album.artist)})`;
}

export function batchQuery(albums: readonly AlbumQuery[]): string {
	return albums.map(albumClause).join(' OR ');
}

/** How a request to MusicBrainz is made: where, through which limiter, how patiently. */
export interface RequestOptions {
	fetch?: typeof fetch;
	baseUrl?: string;
	/** Anything with the shared limiter's `take` (a benchmark may pass a virtual clock). */
	limiter?: Pick<RateLimiter, 'take'>;
	signal?: AbortSignal;
	/** Retries after a 503/5xx/429 (default 2), backing off 1 s, 2 s, … */
	retries?: number;
	backoffMs?: number;
	/** Per-request timeout (default 10 s); a hung request counts as unavailable. */
	timeoutMs?: number;
}

export type SearchOptions = RequestOptions;

function requestHeaders(): Record<string, string> {
	const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
	return inBrowser
		? { Accept: 'application/json' }
		: { Accept: 'application/json', 'User-Agent': USER_AGENT };
}

function isAbort(err: unknown, signal?: AbortSignal): boolean {
	return (
		signal?.aborted === true &&
		(err === signal.reason || (err instanceof Error && err.name === 'AbortError'))
	);
}

function retryAfterMs(res: Response): number {
	const value = res.headers.get('Retry-After');
	const seconds = value ? Number(value) : NaN;
	return Number.isFinite(seconds) ? seconds * 1000 : 0;
}

/**
 * One GET of MusicBrainz's JSON web service, the way every request is made: through the
 * limiter, with the User-Agent outside browsers and a timeout, backing off on 5xx/429
 * (honouring Retry-After). Resolves to the parsed body (undefined when it is not JSON);
 * anything else is a CatalogError carrying the HTTP status when there was one, a 404 included
 * (a lookup of something MusicBrainz lacks). The caller's own abort propagates as it came.
 */
export async function requestJson(
	path: string,
	params: Record<string, string>,
	opts: RequestOptions = {}
): Promise<unknown> {
	const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
	const limiter = opts.limiter ?? sharedLimiter;
	const retries = opts.retries ?? 2;
	const backoffMs = opts.backoffMs ?? 1000;
	const url = new URL(path, opts.baseUrl ?? MUSICBRAINZ_URL);
	for (const [k, v] of Object.entries({ ...params, fmt: 'json' })) url.searchParams.set(k, v);

	for (let attempt = 0; ; attempt++) {
		await limiter.take(opts.signal);
		const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
		const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
		let res: Response;
		try {
			res = await doFetch(url.toString(), { headers: requestHeaders(), signal });
		} catch (err) {
			if (isAbort(err, opts.signal)) throw err;
			throw new CatalogError(
				isOffline() ? 'OFFLINE' : 'UNAVAILABLE',
				`MusicBrainz unreachable: ${String(err)}`
			);
		}
		if (res.ok) return res.json().catch(() => undefined);
		// Release the connection; the error body is an HTML page we have no use for.
		await res.body?.cancel().catch(() => undefined);
		const transient = res.status >= 500 || res.status === 429;
		if (!transient) {
			throw new CatalogError('REJECTED', `MusicBrainz answered ${res.status}`, res.status);
		}
		if (attempt >= retries) {
			throw new CatalogError(
				'UNAVAILABLE',
				`MusicBrainz answered ${res.status} after ${attempt + 1} tries`,
				res.status
			);
		}
		await sleep(Math.max(retryAfterMs(res), backoffMs * 2 ** attempt), opts.signal);
	}
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** One credit entry; the old search server sent no `name`, so the artist's stands in. */
function readCredit(raw: unknown): MbArtistCredit | undefined {
	if (!isObject(raw)) return undefined;
	const artist = isObject(raw.artist) ? raw.artist : {};
	const name = text(raw.name) ?? text(artist.name);
	if (!name) return undefined;
	const sortName = text(artist['sort-name']);
	return {
		name,
		...(typeof raw.joinphrase === 'string' ? { joinphrase: raw.joinphrase } : {}),
		artist: {
			id: text(artist.id) ?? '',
			name: text(artist.name) ?? name,
			...(sortName ? { 'sort-name': sortName } : {})
		}
	};
}

/**
 * A release group as the rest of the app reads it, or undefined when it has no
 * id or title. Real answers leave fields out (no date, nameless credits, a
 * string score); one odd entry must not cost the other albums of the batch.
 */
export function readReleaseGroup(raw: unknown): MbReleaseGroup | undefined {
	if (!isObject(raw)) return undefined;
	const id = text(raw.id);
	const title = text(raw.title);
	if (!id || !title) return undefined;
	const score = Number(raw.score);
	const primary = text(raw['primary-type']);
	const date = text(raw['first-release-date']);
	const secondary = Array.isArray(raw['secondary-types'])
		? raw['secondary-types'].filter((t): t is string => typeof t === 'string')
		: [];
	const credit = Array.isArray(raw['artist-credit'])
		? raw['artist-credit'].map(readCredit).filter((c): c is MbArtistCredit => !!c)
		: [];
	return {
		id,
		title,
		...(Number.isFinite(score) && raw.score !== undefined ? { score } : {}),
		...(primary ? { 'primary-type': primary } : {}),
		...(secondary.length ? { 'secondary-types': secondary } : {}),
		...(date ? { 'first-release-date': date } : {}),
		...(credit.length ? { 'artist-credit': credit } : {})
	};
}

function isSearch(body: unknown): body is MbReleaseGroupSearch {
	return (
		typeof body === 'object' &&
		body !== null &&
		Array.isArray((body as { 'release-groups'?: unknown })['release-groups'])
	);
}

/**
 * Searches release groups for the albums in one request (plus retries). Returns
 * the groups and whether MusicBrainz had more than one page of them, in which
 * case an album without a match may just have been cut off.
 */
export async function searchReleaseGroups(
	albums: readonly AlbumQuery[],
	opts: SearchOptions = {}
): Promise<{ groups: MbReleaseGroup[]; truncated: boolean }> {
	const body = await requestJson(
		'/ws/2/release-group',
		// fmt in the middle, where it always was: the same URL as before, for any HTTP cache.
		{ query: batchQuery(albums), fmt: 'json', limit: String(PAGE_LIMIT) },
		opts
	);
	if (!isSearch(body))
		throw new CatalogError('UNAVAILABLE', 'MusicBrainz sent an unexpected answer');
	const page = body['release-groups'];
	const groups = page.map(readReleaseGroup).filter((rg): rg is MbReleaseGroup => !!rg);
	const count = Number(body.count);
	const offset = Number(body.offset) || 0;
	return { groups, truncated: Number.isFinite(count) && count > offset + page.length };
}
