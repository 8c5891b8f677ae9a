// Local Supabase stand-in (scripts/standin): its Auth settings come from supabase/config.toml,
// the file a real project is configured from. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { describe, test } from 'node:test';
import { parseToml, readAuthSettings } from '../../scripts/standin/config.mjs';
import { startStandin } from '../../scripts/standin/index.mjs';
import { claimsOf, clientFor, configWith, email } from './helpers.mjs';

describe('config.toml', () => {
	test('the TOML reader handles what the Supabase CLI file uses, and names the line it cannot read', () => {
		const toml = parseToml(`# a comment
project_id = "demo" # trailing comment
[auth]
site_url = 'http://127.0.0.1:4173'
additional_redirect_urls = [
  "http://127.0.0.1:4173", # first
  "https://example.test/**",
]
jwt_expiry = 3_600
enable_signup = false
[auth.external.google]
secret = "env(GOOGLE_SECRET)"
[functions."my-fn"]
verify_jwt = false
dotted.key = "a \\"quoted\\" \\u00e9"
`);
		assert.deepEqual(toml, {
			project_id: 'demo',
			auth: {
				site_url: 'http://127.0.0.1:4173',
				additional_redirect_urls: ['http://127.0.0.1:4173', 'https://example.test/**'],
				jwt_expiry: 3600,
				enable_signup: false,
				external: { google: { secret: 'env(GOOGLE_SECRET)' } }
			},
			functions: { 'my-fn': { verify_jwt: false, dotted: { key: 'a "quoted" é' } } }
		});
		assert.throws(() => parseToml('[auth]\nsite_url = "open'), /line 2: unterminated string/);
		assert.throws(() => parseToml('a = 1\na = 2'), /line 2: a is defined twice/);
		assert.throws(() => parseToml('a = nope'), /line 1: unsupported value nope/);
	});

	test("the repository's config.toml gives today's local settings", async () => {
		const settings = readAuthSettings('supabase/config.toml');
		assert.deepEqual(settings, {
			siteUrl: 'http://127.0.0.1:4173',
			additionalRedirectUrls: [
				'http://127.0.0.1:4173',
				'http://127.0.0.1:5173',
				'http://localhost:4173'
			],
			jwtExpiry: 3600,
			enableSignup: true,
			enableAnonymousSignIns: true,
			minimumPasswordLength: 8,
			enableConfirmations: false
		});
		// Every table of the real file parses (not only [auth]).
		const all = parseToml(await readFile('supabase/config.toml', 'utf8'));
		assert.equal(all.api.port, 54321);
		assert.equal(
			all.auth.external.google.client_id,
			'env(SUPABASE_AUTH_EXTERNAL_GOOGLE_CLIENT_ID)'
		);
	});

	test('the stand-in follows the file it is given (option or STANDIN_CONFIG); STANDIN_JWT_EXP still wins', async () => {
		const path = await configWith({
			auth: { jwt_expiry: '120', enable_anonymous_sign_ins: 'false' }
		});
		const s = await startStandin({ port: 0, dataDir: ':memory:', quiet: true, config: path });
		try {
			const up = await clientFor(s).auth.signUp({ email: email(), password: 'secret-12' });
			assert.equal(up.error, null);
			const c = claimsOf(/** @type {string} */ (up.data.session?.access_token));
			assert.equal(c.exp - c.iat, 120);
			assert.equal(up.data.session?.expires_in, 120);
			const settings = await (await fetch(`${s.url}/auth/v1/settings`)).json();
			assert.equal(settings.external.anonymous_users, false);
			assert.equal(settings.mailer_autoconfirm, true);
			assert.equal(settings.disable_signup, false);
		} finally {
			await s.stop();
		}

		process.env.STANDIN_CONFIG = path;
		process.env.STANDIN_JWT_EXP = '60';
		try {
			const s2 = await startStandin({ port: 0, dataDir: ':memory:', quiet: true });
			try {
				assert.equal(s2.settings.enableAnonymousSignIns, false);
				const up = await clientFor(s2).auth.signUp({ email: email(), password: 'secret-12' });
				const c = claimsOf(/** @type {string} */ (up.data.session?.access_token));
				assert.equal(c.exp - c.iat, 60);
			} finally {
				await s2.stop();
			}
		} finally {
			delete process.env.STANDIN_CONFIG;
			delete process.env.STANDIN_JWT_EXP;
		}
	});

	test('a config.toml it cannot read stops the stand-in with the reason', async () => {
		await assert.rejects(
			startStandin({ port: 0, dataDir: ':memory:', quiet: true, config: 'no/such/config.toml' }),
			/Cannot read the Supabase config .*no\/such\/config\.toml/
		);
		const bad = await configWith({ auth: { minimum_password_length: '"eight"' } });
		await assert.rejects(
			startStandin({ port: 0, dataDir: ':memory:', quiet: true, config: bad }),
			/auth\.minimum_password_length should be a number/
		);
	});
});
