/**
 * The Spotify Web API as the app uses it in 2026 (tests/unit/fixtures/api-real/SOURCES.md): the
 * listener's top artists, finding an album (by UPC, else by an album search of at most 10 results),
 * its tracks, and a private playlist made with `POST /me/playlists` and filled with
 * `POST /playlists/{id}/items`. Deprecated fields (genres, popularity, followers) are never read.
 *
 * Every call goes through `call`: the access token comes from `SpotifyAccess.token()` (which
 * refreshes it before it expires), and a 401 gets one more try with a renewed token before it
 * counts as the listener's grant being gone. Error bodies are not always JSON — a Development
 * Mode app whose owner lost Premium gets a plain-text 403, a 429 usually an empty body — so the
 * status decides and the body only adds words.
 */
import { albumIdentityKey, artistKey, titleKey } from '$contract/identity';
import { ConnectError } from '$lib/errors/base';
import {
	isObject,
	json,
	retryAfterSeconds,
	send,
	text,
	type RequestOptions,
	type ServiceAnswer
} from './http';
import type { ServiceArtist } from './types';

export type TimeRange = 'short_term' | 'medium_term' | 'long_term';
export const TIME_RANGES: readonly TimeRange[] = ['short_term', 'medium_term', 'long_term'];

/** Spotify's search pages hold at most 10 results since 2026 (400 above). */
export const SEARCH_LIMIT = 10;
const TRACKS_PAGE = 50;
const ITEMS_PER_ADD = 100;

export interface SpotifyAccess {
	/** The Web API's root, e.g. https://api.spotify.com. */
	apiUrl: string;
	/** A live access token; `renew` asks for a fresh one (after a 401). */
	token(renew?: boolean): Promise<string>;
	fetch?: typeof fetch;
	signal?: AbortSignal;
}

export interface SpotifyAlbum {
	id: string;
	name: string;
	artists: string[];
	/** https://open.spotify.com/album/… */
	url: string;
	uri: string;
}

export interface SpotifyPlaylist {
	id: string;
	url: string;
}

/** What a Web API refusal means (401 is the caller's: it retries with a new token first). */
export function webApiError(answer: ServiceAnswer): ConnectError {
	const body = json(answer.text);
	const message =
		(isObject(body) && isObject(body.error) && text(body.error.message)) ||
		(body === undefined ? text(answer.text) : undefined) ||
		`Spotify answered ${answer.status}`;
	const status = answer.status;
	if (status === 401) return new ConnectError('spotify', 'REVOKED', message, { status });
	if (status === 429) {
		return new ConnectError('spotify', 'RATE_LIMITED', message, {
			status,
			retryAfterSeconds: retryAfterSeconds(answer.headers)
		});
	}
	if (status === 403 && /premium/i.test(message) && body === undefined) {
		return new ConnectError('spotify', 'OWNER_NEEDS_PREMIUM', message, { status });
	}
	if (status === 403 && /not registered|developer dashboard/i.test(message)) {
		return new ConnectError(
			'spotify',
			'REJECTED',
			'This app is in Spotify’s Development Mode and your Spotify account is not among its users: the operator can add you (up to five people) in the Spotify dashboard',
			{ status }
		);
	}
	if (status >= 500) return new ConnectError('spotify', 'UNAVAILABLE', message, { status });
	return new ConnectError('spotify', 'REJECTED', `Spotify refused: ${message}`, { status });
}

async function call(
	access: SpotifyAccess,
	method: 'GET' | 'POST',
	path: string,
	body?: unknown,
	opts: RequestOptions = {}
): Promise<unknown> {
	const request = async (token: string) =>
		send(
			'spotify',
			`${access.apiUrl}${path}`,
			{
				method,
				headers: {
					Authorization: `Bearer ${token}`,
					...(body === undefined ? {} : { 'Content-Type': 'application/json' })
				},
				body: body === undefined ? undefined : JSON.stringify(body)
			},
			{ fetch: access.fetch, signal: access.signal, ...opts }
		);
	let answer = await request(await access.token());
	// Expired early, or revoked: one more try with a renewed token tells which.
	if (answer.status === 401) answer = await request(await access.token(true));
	if (answer.status >= 200 && answer.status < 300) return json(answer.text);
	throw webApiError(answer);
}

function items(page: unknown): unknown[] {
	return isObject(page) && Array.isArray(page.items) ? page.items : [];
}

/** Who is connected: `/v1/me` (2026 apps see no e-mail, country or product). */
export async function currentUser(access: SpotifyAccess): Promise<{ id: string; name: string }> {
	const me = await call(access, 'GET', '/v1/me');
	const id = isObject(me) ? text(me.id) : undefined;
	if (!isObject(me) || !id) {
		throw new ConnectError('spotify', 'UNAVAILABLE', 'Spotify sent an unexpected profile');
	}
	return { id, name: text(me.display_name) ?? id };
}

/** The listener's top artists over one range, best first (at most 50, Spotify's page size). */
export async function topArtists(
	access: SpotifyAccess,
	range: TimeRange,
	limit = 50
): Promise<ServiceArtist[]> {
	const page = await call(access, 'GET', `/v1/me/top/artists?time_range=${range}&limit=${limit}`);
	return items(page).flatMap((a) => {
		const name = isObject(a) ? text(a.name) : undefined;
		return name ? [{ name }] : [];
	});
}

function readAlbum(raw: unknown): SpotifyAlbum | undefined {
	if (!isObject(raw)) return undefined;
	const id = text(raw.id);
	const name = text(raw.name);
	if (!id || !name) return undefined;
	const artists = Array.isArray(raw.artists)
		? raw.artists.flatMap((a) => (isObject(a) && text(a.name) ? [text(a.name)!] : []))
		: [];
	const url =
		(isObject(raw.external_urls) && text(raw.external_urls.spotify)) ||
		`https://open.spotify.com/album/${id}`;
	return { id, name, artists, url, uri: text(raw.uri) ?? `spotify:album:${id}` };
}

/** A search phrase without the quotes that would end it early. */
const phrase = (value: string) => `"${value.replace(/"/g, ' ').replace(/\s+/g, ' ').trim()}"`;

export function albumQuery(album: { title: string; artist: string }): string {
	return `album:${phrase(album.title)} artist:${phrase(album.artist)}`;
}

export async function searchAlbums(
	access: SpotifyAccess,
	query: string,
	limit = SEARCH_LIMIT
): Promise<SpotifyAlbum[]> {
	const q = encodeURIComponent(query);
	const n = Math.min(limit, SEARCH_LIMIT);
	const answer = await call(access, 'GET', `/v1/search?q=${q}&type=album&limit=${n}`);
	const albums = isObject(answer) ? answer.albums : undefined;
	return items(albums).flatMap((a) => readAlbum(a) ?? []);
}

/** The search result that is this album: the same title (editions aside) by one of its artists. */
export function pickAlbum(
	found: readonly SpotifyAlbum[],
	album: { title: string; artist: string }
): SpotifyAlbum | undefined {
	const wanted = albumIdentityKey(album);
	const title = titleKey(album.title);
	const artist = artistKey(album.artist);
	return (
		found.find((f) =>
			f.artists.some((a) => albumIdentityKey({ title: f.name, artist: a }) === wanted)
		) ??
		found.find((f) => titleKey(f.name) === title && artistKey(f.artists.join(' & ')) === artist)
	);
}

/**
 * Barcodes as Spotify may hold them: as printed, and as a 14-digit GTIN (the recorded search for
 * `upc:602475093060` found nothing where `upc:00602475093060` found the album).
 */
export function upcCandidates(barcodes: readonly string[]): string[] {
	const out = new Set<string>();
	for (const raw of barcodes) {
		const digits = raw.replace(/\D/g, '');
		if (digits.length < 8 || digits.length > 14) continue;
		out.add(digits);
		out.add(digits.padStart(14, '0'));
	}
	return [...out];
}

/** The album on Spotify: by its barcode when MusicBrainz knows one, else by an album search. */
export async function findAlbum(
	access: SpotifyAccess,
	album: { title: string; artist: string; barcodes?: readonly string[] }
): Promise<SpotifyAlbum | undefined> {
	for (const upc of upcCandidates(album.barcodes ?? [])) {
		const [hit] = await searchAlbums(access, `upc:${upc}`, 1);
		if (hit) return hit;
	}
	return pickAlbum(await searchAlbums(access, albumQuery(album)), album);
}

/** Every track of an album, in order, as `spotify:track:` URIs. */
export async function albumTrackUris(access: SpotifyAccess, albumId: string): Promise<string[]> {
	const uris: string[] = [];
	for (let offset = 0; ; offset += TRACKS_PAGE) {
		const page = await call(
			access,
			'GET',
			`/v1/albums/${encodeURIComponent(albumId)}/tracks?limit=${TRACKS_PAGE}&offset=${offset}`
		);
		for (const t of items(page)) {
			const uri = isObject(t) ? text(t.uri) : undefined;
			if (uri?.startsWith('spotify:track:')) uris.push(uri);
		}
		if (!isObject(page) || !page.next || items(page).length === 0) return uris;
	}
}

/** A private playlist in the listener's account (`POST /me/playlists`). */
export async function createPlaylist(
	access: SpotifyAccess,
	playlist: { name: string; description: string }
): Promise<SpotifyPlaylist> {
	const made = await call(access, 'POST', '/v1/me/playlists', {
		name: playlist.name,
		description: playlist.description,
		public: false
	});
	const id = isObject(made) ? text(made.id) : undefined;
	if (!isObject(made) || !id) {
		throw new ConnectError('spotify', 'UNAVAILABLE', 'Spotify made no playlist');
	}
	const url =
		(isObject(made.external_urls) && text(made.external_urls.spotify)) ||
		`https://open.spotify.com/playlist/${id}`;
	return { id, url };
}

/** Adds tracks in order, at most 100 per request (`POST /playlists/{id}/items`). */
export async function addToPlaylist(
	access: SpotifyAccess,
	playlistId: string,
	uris: readonly string[],
	onAdded?: (done: number) => void
): Promise<void> {
	for (let i = 0; i < uris.length; i += ITEMS_PER_ADD) {
		const chunk = uris.slice(i, i + ITEMS_PER_ADD);
		await call(access, 'POST', `/v1/playlists/${encodeURIComponent(playlistId)}/items`, {
			uris: chunk
		});
		onAdded?.(i + chunk.length);
	}
}
