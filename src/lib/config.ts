/**
 * Where the app finds its backend. Defaults point at the local stack that
 * `npm start` runs; set PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY at
 * build time to use a real Supabase project instead (no code change).
 */
import {
	PUBLIC_MUSICBRAINZ_URL,
	PUBLIC_SUPABASE_ANON_KEY,
	PUBLIC_SUPABASE_URL
} from '$env/static/public';

export const config = {
	supabaseUrl: PUBLIC_SUPABASE_URL.replace(/\/$/, ''),
	anonKey: PUBLIC_SUPABASE_ANON_KEY,
	/** MusicBrainz's web service; the browser tests point it at the shared fake. */
	musicbrainzUrl: PUBLIC_MUSICBRAINZ_URL.replace(/\/$/, '')
};

export function curatorUrl(route: string): string {
	return `${config.supabaseUrl}/functions/v1/curator/${route}`;
}
