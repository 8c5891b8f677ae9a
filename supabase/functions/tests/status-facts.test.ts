/**
 * What the app needs to pick its curator (`GET /status`) and what the model is given to draw a
 * portrait from (the artists' MusicBrainz facts), against the shared fake OpenAI server.
 */
import { assert, assertEquals, assertMatch, assertStringIncludes } from './_assert.ts';
import { ARTISTS, ORIGIN, startStack } from './_helpers.ts';

function status(base: string) {
	return fetch(`${base}/status`, { headers: { origin: ORIGIN } });
}

Deno.test('status: says whether an AI provider is configured, without calling it', async () => {
	const withAi = await startStack();
	const without = await startStack({ openaiBaseUrl: undefined, openaiApiKey: undefined });
	try {
		const on = await status(withAi.base);
		assertEquals(on.status, 200);
		assertEquals(on.headers.get('access-control-allow-origin'), ORIGIN);
		assertEquals(await on.json(), { ai: true });
		const off = await status(without.base);
		assertEquals(await off.json(), { ai: false });
		assertEquals(withAi.fake.calls().count + without.fake.calls().count, 0);
	} finally {
		await withAi.close();
		await without.close();
	}
});

const FACTS = [
	{
		name: 'Radiohead',
		country: 'GB',
		area: 'Abingdon-on-Thames',
		beginYear: 1985,
		tags: ['art rock']
	},
	{ name: 'Fela Kuti', country: 'NG', beginYear: 1958, endYear: 1997, tags: ['afrobeat'] }
];

Deno.test('portrait: the artists’ facts reach the model as data, and it is told to trust them', async () => {
	const s = await startStack();
	try {
		const res = await s.post('portrait', { artists: ARTISTS, facts: FACTS });
		assertEquals(res.status, 200);
		const sent = s.fake.calls().last!;
		const [system, user] = sent.messages as { role: string; content: string }[];
		assertStringIncludes(system.content, 'MusicBrainz');
		assertMatch(system.content, /take places, years and genres from them/);
		const data = JSON.parse(user.content);
		assertEquals(data.facts, FACTS);
		assertEquals(data.artists.length, ARTISTS.length);
	} finally {
		await s.close();
	}
});

Deno.test('portrait: without facts the request is as before; bad facts are refused by field', async () => {
	const s = await startStack();
	try {
		await s.post('portrait', { artists: ARTISTS });
		const data = JSON.parse((s.fake.calls().last!.messages as { content: string }[])[1].content);
		assert(!('facts' in data));
		const bad = await s.post('portrait', {
			artists: ARTISTS,
			facts: [{ name: 'Radiohead', country: 'United Kingdom', beginYear: 'long ago' }]
		});
		assertEquals(bad.status, 400);
		const { error } = await bad.json();
		assertEquals(error.details.fields['facts[0].country'], 'must be an ISO 3166-1 code');
		assertMatch(error.details.fields['facts[0].beginYear'], /whole number/);
	} finally {
		await s.close();
	}
});
