// Local Supabase stand-in (scripts/standin): where emailed links may send the browser back to,
// by GoTrue's rule over config.toml's site_url and additional_redirect_urls. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redirectRule } from '../../scripts/standin/redirects.mjs';

const settings = /** @type {import('../../scripts/standin/config.mjs').AuthSettings} */ ({
	siteUrl: 'https://app.example.test',
	additionalRedirectUrls: ['https://*.preview.example.test/**', 'myapp://callback'],
	jwtExpiry: 3600,
	enableSignup: true,
	enableAnonymousSignIns: true,
	minimumPasswordLength: 8,
	enableConfirmations: false
});

test('links return to the site, loopback, the allow list or the app origins; anything else to the site URL', () => {
	const to = redirectRule(settings, ['http://192.168.1.5:4173']);
	for (const allowed of [
		'https://app.example.test/account',
		'http://127.0.0.1:4273/account', // loopback, any port (RFC 8252)
		'https://pr-12.preview.example.test/account#x',
		'myapp://callback',
		'http://192.168.1.5:4173/account' // an app origin of the stand-in
	])
		assert.equal(to(allowed), allowed, allowed);
	for (const refused of [
		'https://evil.test/account',
		'https://app.example.test.evil.test/',
		'https://a.b.preview.example.test/', // one * does not cross a dot
		'http://app.example.test/account', // another scheme
		'http://localhost:5173/', // a name, not a loopback address
		'not a url',
		null
	])
		assert.equal(to(refused), 'https://app.example.test', String(refused));
});
