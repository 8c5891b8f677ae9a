/**
 * The listener's music services (docs/connect.md): connecting Spotify (Authorization Code with
 * PKCE, the tokens kept in this device's IndexedDB), a ListenBrainz user token, the usernames
 * last used, disconnecting, and reading top artists from each service into the artists screen.
 *
 * Connecting Spotify leaves the app for Spotify's page and comes back to /connect/spotify: the
 * verifier, the state and where to return wait in sessionStorage (this tab only) meanwhile, and
 * are removed as soon as the answer is read, whatever it says.
 */
import { config } from '$lib/config';
import { authorizeUrl, challengeOf, randomVerifier } from '$lib/connect/pkce';
import {
	currentUser,
	topArtists as spotifyTop,
	TIME_RANGES,
	type TimeRange
} from '$lib/connect/spotify';
import { exchangeCode, SPOTIFY_SCOPES } from '$lib/connect/spotify-auth';
import { topArtists as lbTop, validateToken, type LbRange } from '$lib/connect/listenbrainz';
import type { ServiceArtist } from '$lib/connect/types';
import { lastfmTopArtists } from '$lib/curator/lastfm';
import {
	forgetConnection,
	loadConnections,
	saveConnection,
	type ConnectionRow,
	type ConnectionService
} from '$lib/db/connections';
import { artistKey } from '$contract/identity';
import type { LastfmPeriod } from '$contract/lastfm';
import { ConnectError } from '$lib/errors/base';
import { notConfigured, spotifyConfigured, withSpotify } from './spotify-session';

export { spotifyConfigured };
export { LASTFM_PERIODS, type LastfmPeriod } from '$contract/lastfm';
export { LB_RANGES, type LbRange } from '$lib/connect/listenbrainz';
export { TIME_RANGES, type TimeRange } from '$lib/connect/spotify';
export type { ServiceArtist, ConnectionService };

const PENDING = 'sonic-cartographer:spotify-connect';

/** What a screen shows of a connection: never the tokens. */
export interface ConnectionView {
	service: ConnectionService;
	user?: string;
	/** Spotify: connected; ListenBrainz: a user token is kept for saving playlists. */
	connected: boolean;
	/** The username whose top artists were last read (Last.fm, ListenBrainz). */
	lookedUp?: string;
}

/** The device's connections as screens show them (read inside a liveQuery). */
export async function connections(): Promise<Partial<Record<ConnectionService, ConnectionView>>> {
	const rows = await loadConnections();
	return Object.fromEntries(rows.map((r) => [r.service, view(r)]));
}

function view(row: ConnectionRow): ConnectionView {
	return {
		service: row.service,
		user: row.user,
		connected: row.service === 'spotify' ? !!row.refreshToken : !!row.token,
		lookedUp: row.lookedUp
	};
}

/** The address Spotify sends the listener back to; the operator registers exactly this. */
export function spotifyRedirectUri(origin = location.origin): string {
	return `${origin}/connect/spotify`;
}

/** A path inside the app, or the artists page: never another site. */
function safeReturn(path: string): string {
	return path.startsWith('/') && !path.startsWith('//') ? path : '/artists';
}

/** Leaves for Spotify's page, where the listener agrees; they come back to /connect/spotify. */
export async function connectSpotify(returnTo: string): Promise<void> {
	if (!spotifyConfigured()) throw notConfigured();
	const verifier = randomVerifier(64);
	const state = randomVerifier(32);
	const redirectUri = spotifyRedirectUri();
	sessionStorage.setItem(
		PENDING,
		JSON.stringify({ verifier, state, redirectUri, returnTo: safeReturn(returnTo) })
	);
	location.assign(
		authorizeUrl({
			accountsUrl: config.spotifyAccountsUrl,
			clientId: config.spotifyClientId,
			redirectUri,
			scopes: SPOTIFY_SCOPES,
			challenge: await challengeOf(verifier),
			state
		})
	);
}

interface Pending {
	verifier: string;
	state: string;
	redirectUri: string;
	returnTo: string;
}

function takePending(): Pending | undefined {
	const raw = sessionStorage.getItem(PENDING);
	sessionStorage.removeItem(PENDING);
	try {
		const value = raw ? (JSON.parse(raw) as Partial<Pending>) : undefined;
		return value?.verifier && value.state && value.redirectUri && value.returnTo
			? (value as Pending)
			: undefined;
	} catch {
		return undefined;
	}
}

/**
 * Reads Spotify's answer at /connect/spotify: checks the state, trades the code for tokens, stores
 * them and who is connected. Returns where to go next. A refusal or a mismatch stores nothing.
 */
export async function finishSpotifyConnect(
	answer: URL,
	signal?: AbortSignal
): Promise<{ returnTo: string; user: string }> {
	if (!spotifyConfigured()) throw notConfigured();
	const pending = takePending();
	if (!pending || answer.searchParams.get('state') !== pending.state) {
		throw new ConnectError(
			'spotify',
			'REJECTED',
			'This answer from Spotify does not belong to a connection started in this tab (it may have been opened twice, or the tab was reloaded); connect again'
		);
	}
	const error = answer.searchParams.get('error');
	if (error === 'access_denied') throw new ConnectError('spotify', 'DENIED', error);
	const code = answer.searchParams.get('code');
	if (error || !code) {
		throw new ConnectError(
			'spotify',
			'REJECTED',
			`Spotify did not connect (${error ?? 'no code'})`
		);
	}
	const tokens = await exchangeCode(
		{ accountsUrl: config.spotifyAccountsUrl, clientId: config.spotifyClientId },
		{ code, verifier: pending.verifier, redirectUri: pending.redirectUri },
		{ signal }
	);
	await saveConnection('spotify', { ...tokens, connectedAt: Date.now() });
	const me = await withSpotify(currentUser, signal);
	await saveConnection('spotify', { user: me.name, userId: me.id });
	return { returnTo: pending.returnTo, user: me.name };
}

/**
 * Forgets the service on this device (tokens and username). Spotify keeps its record of the
 * app's access until the listener removes it at spotify.com/account/apps.
 */
export function disconnect(service: ConnectionService): Promise<void> {
	return forgetConnection(service);
}

/** Checks a ListenBrainz user token with ListenBrainz, then keeps it (and whose it is). */
export async function connectListenBrainz(token: string, signal?: AbortSignal): Promise<string> {
	const clean = token.trim();
	if (!clean) throw new ConnectError('listenbrainz', 'INVALID_TOKEN', 'No token given');
	const { user } = await validateToken(config.listenbrainzUrl, clean, { signal });
	await saveConnection('listenbrainz', { token: clean, user });
	return user;
}

export type TopArtistsQuery =
	| { service: 'spotify'; range: TimeRange | 'all' }
	| { service: 'lastfm'; user: string; period: LastfmPeriod }
	| { service: 'listenbrainz'; user: string; range: LbRange };

/** Lists merged best-first: each list's first, then each list's second, … (no name twice). */
function interleave(lists: ServiceArtist[][]): ServiceArtist[] {
	const seen = new Set<string>();
	const out: ServiceArtist[] = [];
	for (let i = 0; i < Math.max(0, ...lists.map((l) => l.length)); i++) {
		for (const list of lists) {
			const artist = list[i];
			if (!artist || seen.has(artistKey(artist.name))) continue;
			seen.add(artistKey(artist.name));
			out.push(artist);
		}
	}
	return out;
}

/**
 * The listener's top artists from one service, best first. The username used is remembered for
 * next time (not a secret; kept with the connections, on this device only).
 */
export async function topArtistsFrom(
	query: TopArtistsQuery,
	signal?: AbortSignal
): Promise<ServiceArtist[]> {
	switch (query.service) {
		case 'spotify': {
			const ranges = query.range === 'all' ? TIME_RANGES : [query.range];
			return withSpotify(async (access) => {
				const lists: ServiceArtist[][] = [];
				for (const range of ranges) lists.push(await spotifyTop(access, range));
				return interleave(lists);
			}, signal);
		}
		case 'lastfm': {
			const user = query.user.trim();
			const top = await lastfmTopArtists({ user, period: query.period }, signal);
			await saveConnection('lastfm', { lookedUp: top.user });
			return top.artists;
		}
		case 'listenbrainz': {
			const user = query.user.trim();
			const artists = await lbTop(config.listenbrainzUrl, { user, range: query.range }, { signal });
			await saveConnection('listenbrainz', { lookedUp: user });
			return artists;
		}
	}
}
