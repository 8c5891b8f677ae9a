/** Configuration defaults and parsing (what `npm run functions` gets with an empty .env). */
import {
	aiConfigured,
	authConfigured,
	DEFAULT_APP_ORIGINS,
	readConfig
} from '../_shared/config.ts';
import { assert, assertEquals } from './_assert.ts';

const from = (env: Record<string, string>) => readConfig((name) => env[name]);

Deno.test('config: defaults when nothing is set', () => {
	const c = from({});
	assertEquals(c.model, 'gpt-4o-mini');
	assertEquals(c.timeoutMs, 60_000);
	assertEquals(c.rateLimitPerMinute, 100);
	assertEquals(c.appOrigins, DEFAULT_APP_ORIGINS);
	assertEquals(c.maxBodyBytes, 256 * 1024);
	assert(!aiConfigured(c));
});

Deno.test('config: values are trimmed, empty means unset, bad numbers fall back', () => {
	const c = from({
		OPENAI_BASE_URL: ' http://127.0.0.1:11434/v1 ',
		OPENAI_API_KEY: '',
		CURATOR_TIMEOUT_MS: 'soon',
		CURATOR_RATE_LIMIT_PER_MINUTE: '500',
		APP_ORIGINS: 'http://a.test/, http://b.test',
		SUPABASE_URL: 'http://127.0.0.1:54321/'
	});
	assertEquals(c.openaiBaseUrl, 'http://127.0.0.1:11434/v1');
	assertEquals(c.openaiApiKey, undefined);
	assertEquals(c.timeoutMs, 60_000);
	assertEquals(c.rateLimitPerMinute, 500);
	assertEquals(c.appOrigins, ['http://a.test', 'http://b.test']);
	assertEquals(c.supabaseUrl, 'http://127.0.0.1:54321');
	assert(aiConfigured(c), 'a base URL alone is enough (a placeholder key is sent)');
});

Deno.test('config: auth reads SUPABASE_URL, SUPABASE_ANON_KEY and CURATOR_JWT_SECRET', () => {
	assert(
		!authConfigured(from({ SUPABASE_JWT_SECRET: 'ignored: the CLI refuses SUPABASE_ names' }))
	);
	const hosted = from({ SUPABASE_URL: 'https://p.supabase.co', SUPABASE_ANON_KEY: 'anon' });
	assertEquals([hosted.supabaseAnonKey, hosted.curatorJwtSecret], ['anon', undefined]);
	assert(authConfigured(hosted));
	const local = from({ CURATOR_JWT_SECRET: 'local-secret' });
	assertEquals(local.curatorJwtSecret, 'local-secret');
	assert(authConfigured(local));
});
