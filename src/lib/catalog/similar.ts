/**
 * Who else people play: ListenBrainz's similar artists (the labs API,
 * `GET /similar-artists/json?artist_mbids=…&algorithm=…`), the neighbourhood catalogue mode
 * draws gaps and recommendations from.
 *
 * Why from the browser: the labs API answers every origin (`Access-Control-Allow-Origin: *`, the
 * data-set hoster's `crossdomain` decorator on every `/json` route) and needs no token, unlike
 * ListenBrainz's popularity and LB Radio endpoints since 2026. A GET with no custom header is a
 * "simple" request, so no preflight either. It publishes no rate limit; we ask once per second
 * at most, several artists per request, and keep answers for the page's lifetime.
 *
 * Only the two parameters the service expects are sent: it pairs query arguments with its
 * inputs by position, so an extra one (MusicBrainz's `fmt=json`) would break the request.
 */
import { isOffline } from '$lib/errors/base';
import { CatalogError, RateLimiter } from './musicbrainz';

const LABS_URL = 'https://labs.api.listenbrainz.org';

/** The session-based similarity ListenBrainz's own pages use (as in the recorded answer). */
export const SIMILAR_ARTISTS_ALGORITHM =
	'session_based_days_9000_session_300_contribution_5_threshold_15_limit_50_skip_30';

/** Most reference artists per request, keeping the URL short. */
const MAX_PER_REQUEST = 10;

export interface SimilarArtist {
	mbid: string;
	name: string;
	/** Higher is closer; comparable only within one reference artist. */
	score: number;
	/** The listener's artist this one is similar to. */
	reference: string;
	type?: string;
	comment?: string;
}

export interface SimilarOptions {
	baseUrl?: string;
	fetch?: typeof fetch;
	signal?: AbortSignal;
	limiter?: Pick<RateLimiter, 'take'>;
	timeoutMs?: number;
	/** Where answers are kept (default: for the page's lifetime). */
	remembered?: Map<string, SimilarArtist[]>;
}

const labsLimiter = new RateLimiter(1000);
const remembered = new Map<string, SimilarArtist[]>();

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

/** One entry of the answer, or undefined when it lacks an MBID, a name or a reference. */
export function readSimilar(raw: unknown): SimilarArtist | undefined {
	if (!isObject(raw)) return undefined;
	const mbid = text(raw.artist_mbid);
	const name = text(raw.name);
	const reference = text(raw.reference_mbid);
	if (!mbid || !name || !reference) return undefined;
	const type = text(raw.type);
	const comment = text(raw.comment);
	return {
		mbid,
		name,
		reference,
		score: Number(raw.score) || 0,
		...(type ? { type } : {}),
		...(comment ? { comment } : {})
	};
}

async function askLabs(mbids: string[], opts: SimilarOptions): Promise<SimilarArtist[]> {
	const url = new URL('/similar-artists/json', opts.baseUrl ?? LABS_URL);
	url.searchParams.set('artist_mbids', mbids.join(','));
	url.searchParams.set('algorithm', SIMILAR_ARTISTS_ALGORITHM);
	const doFetch = opts.fetch ?? globalThis.fetch.bind(globalThis);
	for (let attempt = 0; ; attempt++) {
		await (opts.limiter ?? labsLimiter).take(opts.signal);
		const timeout = AbortSignal.timeout(opts.timeoutMs ?? 10_000);
		const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
		let res: Response;
		try {
			res = await doFetch(url.toString(), { headers: { Accept: 'application/json' }, signal });
		} catch (err) {
			if (opts.signal?.aborted) throw err;
			throw new CatalogError(
				isOffline() ? 'OFFLINE' : 'UNAVAILABLE',
				`ListenBrainz unreachable: ${String(err)}`
			);
		}
		if (res.ok) {
			const body: unknown = await res.json().catch(() => undefined);
			if (!Array.isArray(body)) {
				throw new CatalogError('UNAVAILABLE', 'ListenBrainz sent an unexpected answer');
			}
			return body.map(readSimilar).filter((a): a is SimilarArtist => !!a);
		}
		await res.body?.cancel().catch(() => undefined);
		const transient = res.status >= 500 || res.status === 429;
		if (!transient) {
			throw new CatalogError('REJECTED', `ListenBrainz answered ${res.status}`, res.status);
		}
		if (attempt >= 1) {
			throw new CatalogError('UNAVAILABLE', `ListenBrainz answered ${res.status}`, res.status);
		}
		const wait = Number(res.headers.get('X-RateLimit-Reset-In'));
		await new Promise((r) => setTimeout(r, Math.min(5, Number.isFinite(wait) ? wait : 1) * 1000));
	}
}

/**
 * The similar artists of each MBID, best first per reference; a failing request throws a
 * CatalogError (the caller decides whether the step can go on without). Answers are kept for
 * the page's lifetime, so a portrait and the rounds after it cost one request per artist set.
 */
export async function similarArtists(
	mbids: readonly string[],
	opts: SimilarOptions = {}
): Promise<SimilarArtist[]> {
	const unique = [...new Set(mbids)];
	const out: SimilarArtist[] = [];
	for (let i = 0; i < unique.length; i += MAX_PER_REQUEST) {
		const chunk = unique.slice(i, i + MAX_PER_REQUEST);
		const key = `${opts.baseUrl ?? LABS_URL}|${chunk.join(',')}`;
		const kept = opts.remembered ?? remembered;
		let found = kept.get(key);
		if (!found) {
			found = await askLabs(chunk, opts);
			kept.set(key, found);
		}
		out.push(...found);
	}
	return out;
}
