/**
 * Where the app finds its backend, inlined at build time from PUBLIC_SUPABASE_URL,
 * PUBLIC_SUPABASE_ANON_KEY, PUBLIC_MUSICBRAINZ_URL and PUBLIC_LISTENBRAINZ_LABS_URL (.env,
 * .env.production or the environment; see docs/deploy.md). vite.config.ts guarantees all four exist in every
 * build: a production build without a project stops, others default to the local stand-in.
 * They are read by name because `svelte-kit sync` types this module only with the
 * variables it happened to see.
 */
import * as publicEnv from '$env/static/public';

const env = publicEnv as unknown as Record<
	| 'PUBLIC_SUPABASE_URL'
	| 'PUBLIC_SUPABASE_ANON_KEY'
	| 'PUBLIC_MUSICBRAINZ_URL'
	| 'PUBLIC_LISTENBRAINZ_LABS_URL'
	| 'PUBLIC_SPOTIFY_CLIENT_ID'
	| 'PUBLIC_SPOTIFY_ACCOUNTS_URL'
	| 'PUBLIC_SPOTIFY_API_URL'
	| 'PUBLIC_LISTENBRAINZ_URL',
	string
>;

export const config = {
	supabaseUrl: env.PUBLIC_SUPABASE_URL.replace(/\/$/, ''),
	anonKey: env.PUBLIC_SUPABASE_ANON_KEY,
	/** MusicBrainz's web service; the browser tests point it at the shared fake. */
	musicbrainzUrl: env.PUBLIC_MUSICBRAINZ_URL.replace(/\/$/, ''),
	/** ListenBrainz's labs API (similar artists, for catalogue mode); the tests' fake in tests. */
	listenbrainzLabsUrl: (
		env.PUBLIC_LISTENBRAINZ_LABS_URL ?? 'https://labs.api.listenbrainz.org'
	).replace(/\/$/, ''),
	/**
	 * The music services a listener may connect (docs/connect.md). The Spotify client ID is public
	 * (PKCE needs no secret); empty means the operator has not registered an app, and the Spotify
	 * buttons say so. The URLs default to the real services; the browser tests use the fakes.
	 */
	spotifyClientId: env.PUBLIC_SPOTIFY_CLIENT_ID.trim(),
	spotifyAccountsUrl: env.PUBLIC_SPOTIFY_ACCOUNTS_URL.replace(/\/$/, ''),
	spotifyApiUrl: env.PUBLIC_SPOTIFY_API_URL.replace(/\/$/, ''),
	listenbrainzUrl: env.PUBLIC_LISTENBRAINZ_URL.replace(/\/$/, '')
};

export function curatorUrl(route: string): string {
	return `${config.supabaseUrl}/functions/v1/curator/${route}`;
}
