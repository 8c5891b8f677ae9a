/**
 * The curator function's Last.fm route, `POST /curator/lastfm/top-artists` (docs/connect.md): the
 * listener's top artists from their public Last.fm profile. The function holds the Last.fm API key
 * (LASTFM_API_KEY), so the app never sees it; the browser sends a username and a period and gets
 * back names with play counts, best first. Errors use the curator's body
 * (`{ error: { code, message } }`): UNKNOWN_USER (404), PRIVATE_PROFILE (403), RATE_LIMITED (429
 * with Retry-After), SERVICE_NOT_CONFIGURED (503: no key), UPSTREAM_UNAVAILABLE (503: Last.fm down).
 *
 * Shared by the app (as `$contract/lastfm`) and the Deno function, so its only import is zod.
 */
import * as z from 'zod/mini';

/** The periods offered to the listener, in Last.fm's words. */
export const LASTFM_PERIODS = ['overall', '12month', '3month'] as const;
export type LastfmPeriod = (typeof LASTFM_PERIODS)[number];

/** Last.fm usernames are 2–15 characters; a little room for what the site accepted once. */
export const LASTFM_USERNAME = /^[A-Za-z][A-Za-z0-9_-]{1,63}$/;

export const LastfmTopArtistsRequest = z.object(
	{
		user: z
			.string({ error: 'must be a string' })
			.check(
				z.trim(),
				z.regex(LASTFM_USERNAME, { error: 'must be a Last.fm username (letters, digits, _ or -)' })
			),
		period: z.enum(LASTFM_PERIODS, { error: `must be one of ${LASTFM_PERIODS.join(', ')}` }),
		limit: z.optional(
			z.int({ error: 'must be a whole number' }).check(
				z.minimum(1, { error: 'must be between 1 and 200' }),
				z.maximum(200, { error: 'must be between 1 and 200' })
			)
		)
	},
	{ error: 'must be an object' }
);

export const LastfmTopArtists = z.object({
	/** The username as Last.fm spells it. */
	user: z.string(),
	period: z.enum(LASTFM_PERIODS),
	artists: z.array(
		z.object({
			name: z.string().check(z.minLength(1)),
			plays: z.int().check(z.minimum(0))
		})
	)
});

export type LastfmTopArtistsRequest = z.infer<typeof LastfmTopArtistsRequest>;
export type LastfmTopArtists = z.infer<typeof LastfmTopArtists>;
