import { defineConfig } from '@playwright/test';
import { serviceRoleKeyFor } from './scripts/standin/auth-admin.mjs';
import { DEFAULT_JWT_SECRET } from './scripts/standin/jwt.mjs';
import { TEST_PORTS } from './tests/e2e/ports';

/**
 * Browser journeys in Debian's Chromium against the real built app (with its
 * service worker), the real curator function under Deno, and the one shared
 * fake OpenAI-compatible server. `npm test` builds the app for these ports first
 * (scripts/test.mjs); run `npm run test:e2e` alone after `npm run build:test`.
 */
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: process.env.CI ? [['list']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${TEST_PORTS.app}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	webServer: [
		{
			command: `node tests/fakes/fake-openai.mjs --port ${TEST_PORTS.fakeOpenAI}`,
			port: TEST_PORTS.fakeOpenAI,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: `node tests/fakes/fake-musicbrainz.mjs --port ${TEST_PORTS.fakeMusicBrainz}`,
			port: TEST_PORTS.fakeMusicBrainz,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: `node tests/fakes/fake-listenbrainz.mjs --port ${TEST_PORTS.fakeListenBrainz}`,
			port: TEST_PORTS.fakeListenBrainz,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: `node tests/fakes/fake-spotify.mjs --port ${TEST_PORTS.fakeSpotify}`,
			port: TEST_PORTS.fakeSpotify,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: `node tests/fakes/fake-lastfm.mjs --port ${TEST_PORTS.fakeLastfm} --key test-lastfm-key`,
			port: TEST_PORTS.fakeLastfm,
			reuseExistingServer: false,
			stdout: 'ignore'
		},
		{
			command: 'node scripts/functions.mjs',
			port: TEST_PORTS.functions,
			reuseExistingServer: false,
			env: {
				CURATOR_PORT: String(TEST_PORTS.functions),
				OPENAI_BASE_URL: `http://127.0.0.1:${TEST_PORTS.fakeOpenAI}/v1`,
				OPENAI_API_KEY: 'test-key',
				CURATOR_MODEL: 'fake-model',
				CURATOR_TIMEOUT_MS: '15000',
				// Auth is off in this stack, so every request counts as one user.
				CURATOR_RATE_LIMIT_PER_MINUTE: '10000',
				APP_ORIGINS: `http://127.0.0.1:${TEST_PORTS.app},http://127.0.0.1:4274`,
				// Auth on, as in production: tokens are the stand-in's (its public demo secret).
				CURATOR_JWT_SECRET: DEFAULT_JWT_SECRET,
				// "Delete my account" goes to the stand-in's Auth admin API with its service key.
				SUPABASE_URL: `http://127.0.0.1:${TEST_PORTS.standin}`,
				SUPABASE_SERVICE_ROLE_KEY: serviceRoleKeyFor(DEFAULT_JWT_SECRET),
				// Listeners' Last.fm top artists go through the function, to the fake Last.fm.
				LASTFM_API_KEY: 'test-lastfm-key',
				LASTFM_API_URL: `http://127.0.0.1:${TEST_PORTS.fakeLastfm}/2.0/`
			},
			timeout: 120_000
		},
		{
			// The same function with no AI provider: catalogue mode's journeys send the app's
			// curator calls here (tests/e2e/catalogue.spec.ts).
			command: 'node scripts/functions.mjs',
			port: TEST_PORTS.functionsNoAi,
			reuseExistingServer: false,
			env: {
				CURATOR_PORT: String(TEST_PORTS.functionsNoAi),
				OPENAI_BASE_URL: '',
				OPENAI_API_KEY: '',
				CURATOR_RATE_LIMIT_PER_MINUTE: '10000',
				APP_ORIGINS: `http://127.0.0.1:${TEST_PORTS.app},http://127.0.0.1:4274`,
				CURATOR_JWT_SECRET: DEFAULT_JWT_SECRET
			},
			stdout: 'ignore',
			timeout: 120_000
		},
		{
			command: 'node scripts/standin/index.mjs',
			port: TEST_PORTS.standin,
			reuseExistingServer: false,
			env: {
				STANDIN_PORT: String(TEST_PORTS.standin),
				STANDIN_DATA_DIR: ':memory:',
				CURATOR_URL: `http://127.0.0.1:${TEST_PORTS.functions}`,
				APP_ORIGINS: `http://127.0.0.1:${TEST_PORTS.app},http://127.0.0.1:4274`
			},
			stdout: 'ignore',
			timeout: 120_000
		},
		{
			command: `node scripts/serve-app.mjs --dir .local/test-build --port ${TEST_PORTS.app}`,
			port: TEST_PORTS.app,
			reuseExistingServer: false
		}
	]
});
