/**
 * `POST /curator/lastfm/top-artists`: the listener's top artists through the function, which holds
 * the Last.fm key, against the shared fake Last.fm (tests/fakes/fake-lastfm.mjs), and Last.fm's
 * recorded answers read as they come.
 */
import { assert, assertEquals, assertMatch } from './_assert.ts';
// @ts-types="../../../tests/fakes/fake-lastfm.d.mts"
import { type FakeLastfm, startFakeLastfm } from '../../../tests/fakes/fake-lastfm.mjs';
import { readTopArtists } from '../_shared/lastfm.ts';
import { type Stack, startStack } from './_helpers.ts';

const RECORDED = new URL('../../../tests/unit/fixtures/api-real/lastfm/', import.meta.url);
const recorded = (name: string) => Deno.readTextFile(new URL(name, RECORDED));

async function withLastfm(
	run: (s: Stack, lfm: FakeLastfm) => Promise<void>,
	key: string | null = 'test-lastfm-key'
) {
	const lfm = await startFakeLastfm({ apiKey: 'test-lastfm-key' });
	const s = await startStack({ lastfmApiKey: key ?? undefined, lastfmApiUrl: lfm.url });
	try {
		await run(s, lfm);
	} finally {
		await s.close();
		await lfm.close();
	}
}

Deno.test('lastfm: a username gives top artists with plays, for each period', async () => {
	await withLastfm(async (s, lfm) => {
		const overall = await s.post('lastfm/top-artists', {
			user: 'Ada-Scrobbles',
			period: 'overall'
		});
		assertEquals(overall.status, 200);
		const body = await overall.json();
		assertEquals(body.user, 'ada-scrobbles');
		assertEquals(body.period, 'overall');
		assertEquals(body.artists[0], { name: 'Cocteau Twins', plays: 2210 });
		assertEquals(body.artists.length, 7);
		const recent = await (
			await s.post('lastfm/top-artists', { user: 'ada-scrobbles', period: '3month' })
		).json();
		assertEquals(recent.artists[0].name, 'Burial');
		// The key went to Last.fm, never back to the caller.
		const sent = lfm.requests().at(-1)!.params;
		assertEquals(sent.method, 'user.gettopartists');
		assertEquals(sent.period, '3month');
		assertEquals(sent.api_key, 'test-lastfm-key');
		assert(!JSON.stringify(recent).includes('test-lastfm-key'));
	});
});

Deno.test('lastfm: unknown, private and empty listeners, each in its own words', async () => {
	await withLastfm(async (s) => {
		const unknown = await s.post('lastfm/top-artists', { user: 'nobody-here', period: 'overall' });
		assertEquals(unknown.status, 404);
		const u = await unknown.json();
		assertEquals(u.error.code, 'UNKNOWN_USER');
		assertMatch(u.error.message, /no listener called “nobody-here”/);

		const hidden = await s.post('lastfm/top-artists', {
			user: 'hidden-listener',
			period: 'overall'
		});
		assertEquals(hidden.status, 403);
		assertEquals((await hidden.json()).error.code, 'PRIVATE_PROFILE');

		const quiet = await s.post('lastfm/top-artists', { user: 'quiet-listener', period: '12month' });
		assertEquals(quiet.status, 200);
		assertEquals((await quiet.json()).artists, []);
	});
});

Deno.test('lastfm: a rate limit says how long to wait; Last.fm down is unavailable', async () => {
	await withLastfm(async (s, lfm) => {
		lfm.setMode('429', 1);
		const limited = await s.post('lastfm/top-artists', {
			user: 'ada-scrobbles',
			period: 'overall'
		});
		assertEquals(limited.status, 429);
		assertEquals(limited.headers.get('retry-after'), '60');
		assertEquals((await limited.json()).error.code, 'RATE_LIMITED');

		// Until it is back (a dropped connection may be retried once by the HTTP client).
		lfm.setMode('down');
		const down = await s.post('lastfm/top-artists', { user: 'ada-scrobbles', period: 'overall' });
		assertEquals(down.status, 503);
		assertEquals((await down.json()).error.code, 'UPSTREAM_UNAVAILABLE');

		lfm.setMode('503', 1);
		const busy = await s.post('lastfm/top-artists', { user: 'ada-scrobbles', period: 'overall' });
		assertEquals((await busy.json()).error.code, 'UPSTREAM_UNAVAILABLE');
	});
});

Deno.test('lastfm: no key on the server, or a refused one, is the operator’s to fix', async () => {
	await withLastfm(async (s, lfm) => {
		const res = await s.post('lastfm/top-artists', { user: 'ada-scrobbles', period: 'overall' });
		assertEquals(res.status, 503);
		const body = await res.json();
		assertEquals(body.error.code, 'SERVICE_NOT_CONFIGURED');
		assertMatch(body.error.message, /LASTFM_API_KEY/);
		assertEquals(lfm.requests().length, 0);
	}, null);
	await withLastfm(async (s) => {
		s.deps.config.lastfmApiKey = 'a-wrong-key';
		const res = await s.post('lastfm/top-artists', { user: 'ada-scrobbles', period: 'overall' });
		assertEquals((await res.json()).error.code, 'SERVICE_NOT_CONFIGURED');
	});
});

Deno.test('lastfm: a bad request is refused before Last.fm is asked', async () => {
	await withLastfm(async (s, lfm) => {
		const res = await s.post('lastfm/top-artists', { user: 'a b/c', period: 'forever' });
		assertEquals(res.status, 400);
		const body = await res.json();
		assertEquals(body.error.code, 'INVALID_INPUT');
		assert(body.error.details.fields.user);
		assert(body.error.details.fields.period);
		assertEquals(lfm.requests().length, 0);
	});
});

Deno.test('lastfm: recorded answers read as they come (BOM, strings, no artist key)', async () => {
	const req = { user: 'Aurvandil', period: 'overall' as const };
	const top = readTopArtists(await recorded('lfm-user-gettopartists-2015.json'), 200, req);
	assertEquals(top.artists, [
		{ name: 'Anathema', plays: 5216 },
		{ name: 'Insomnium', plays: 4670 }
	]);
	const empty = readTopArtists(await recorded('lfm-user-gettopartists-empty-2015.json'), 200, req);
	assertEquals(empty.artists, []);
	const codeOf = async (file: string, status: number) => {
		try {
			readTopArtists(await recorded(file), status, req);
		} catch (error) {
			return (error as { code: string }).code;
		}
	};
	assertEquals(await codeOf('lfm-error-6-no-user-with-that-name-2015.json', 200), 'UNKNOWN_USER');
	assertEquals(await codeOf('lfm-error-17-login-required.json', 400), 'PRIVATE_PROFILE');
	assertEquals(await codeOf('lfm-error-29-rate-limit-descent203-2026.json', 200), 'RATE_LIMITED');
	assertEquals(await codeOf('lfm-user-gettopartists-2015.json', 502), 'UPSTREAM_UNAVAILABLE');
	assertEquals(
		readTopArtists(
			'{"topartists":{"artist":{"name":"Solo","playcount":"3"},"@attr":{"user":"x"}}}',
			200,
			req
		).artists,
		[{ name: 'Solo', plays: 3 }]
	);
});
