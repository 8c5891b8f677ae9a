/** Ports the browser tests use, apart from `npm start`'s so both can run at once. */
export const TEST_PORTS = {
	app: 4273,
	/** The Supabase stand-in; the app's PUBLIC_SUPABASE_URL in the test build. */
	standin: 54421,
	functions: 54431,
	/** A second curator function with no AI provider, for catalogue mode's journeys. */
	functionsNoAi: 54432,
	fakeOpenAI: 54429,
	fakeMusicBrainz: 54439,
	/** Both ListenBrainz hosts (the main API and labs) on one port. */
	fakeListenBrainz: 54449,
	/** Spotify's accounts service and Web API on one port. */
	fakeSpotify: 54459,
	/** Last.fm's API, called by the curator function only. */
	fakeLastfm: 54469
} as const;
