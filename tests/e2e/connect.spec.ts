/**
 * The listener's music services against one shared fake of each (Spotify's accounts service and
 * Web API, Last.fm through the real curator function, ListenBrainz): connecting, bringing top
 * artists into a new journey, the token's refresh and disconnecting, and each refusal in the
 * listener's words with nothing already there lost.
 */
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { albumFacts } from '../fakes/fake-musicbrainz-releases.mjs';
import { POOL } from '../fakes/fake-openai-answers.mjs';
import { albumTitles, converse, fakeAI, startJourney } from './support';
import {
	connectSpotify,
	journeyIdOf,
	lastfm,
	listenbrainz,
	resetServices,
	spotify,
	storedConnections,
	storedJourney
} from './connect-support';

test.beforeEach(async () => {
	await fakeAI.reset();
	await resetServices();
});

test('Spotify: connect with PKCE, bring the top artists into a new journey, refresh, disconnect', async ({
	page
}) => {
	await page.goto('/artists');
	await connectSpotify(page);
	const asked = await spotify.requests();
	const authorize = new URLSearchParams(asked.find((r) => r.path === '/authorize')!.search);
	expect(authorize.get('code_challenge_method')).toBe('S256');
	expect(authorize.get('redirect_uri')).toBe('http://127.0.0.1:4273/connect/spotify');
	expect(authorize.get('scope')).toBe('user-top-read playlist-modify-private');
	expect(asked.filter((r) => r.path === '/api/token').map((r) => r.grant)).toEqual([
		'authorization_code'
	]);
	// The code and the state are not left in the address bar or the history.
	expect(page.url()).toBe('http://127.0.0.1:4273/artists');

	const services = page.getByTestId('source-spotify');
	await page.getByLabel('Artists', { exact: true }).fill('Nina Simone');
	await services.getByRole('button', { name: 'Bring my Spotify artists' }).click();
	await expect(services.getByRole('status')).toHaveText(
		'14 artists from Spotify added to your list.'
	);
	await expect(page.getByTestId('artist-count')).toHaveText('15 artists');
	const text = await page.getByLabel('Artists', { exact: true }).inputValue();
	expect(text.split('\n').slice(0, 4)).toEqual([
		'Nina Simone',
		'Burial',
		'Radiohead',
		'Joni Mitchell'
	]);

	// The access token expires: the next request is refused, refreshed, and repeated.
	await spotify.expire();
	await services.getByLabel('Period').selectOption('short_term');
	await services.getByRole('button', { name: 'Bring my Spotify artists' }).click();
	await expect(services.getByRole('status')).toHaveText(
		'0 artists from Spotify added to your list (6 already there).'
	);
	const after = (await spotify.requests()).slice(asked.length);
	expect(after.map((r) => r.grant ?? r.path)).toEqual(
		expect.arrayContaining(['/v1/me/top/artists', 'refresh_token'])
	);
	expect(after.at(-1)?.path).toBe('/v1/me/top/artists');

	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByTestId('portrait-summary')).toContainText(
		'Nina Simone, Burial, Radiohead'
	);
	const journey = await storedJourney(page, journeyIdOf(page));
	expect(journey.source).toBe('spotify');
	expect(journey.artists).toHaveLength(15);

	await page.goto('/artists');
	await expect(services.getByTestId('spotify-connected')).toBeVisible();
	expect(await storedConnections(page)).toEqual(['spotify']);
	await services.getByRole('button', { name: 'Disconnect Spotify' }).click();
	await expect(services.getByRole('button', { name: 'Connect Spotify' })).toBeVisible();
	expect(await storedConnections(page)).toEqual([]);
});

test('Spotify: a refusal on its page, a rate limit with its wait, its Development Mode refusal, a revoked grant', async ({
	page
}) => {
	await page.goto('/artists');
	const list = page.getByLabel('Artists', { exact: true });
	await list.fill('Nina Simone\nAlice Coltrane');
	const services = page.getByTestId('source-spotify');

	// The listener says no on Spotify's page: nothing is connected, the list is still there.
	await spotify.mode('deny', 1);
	await services.getByRole('button', { name: 'Connect Spotify' }).click();
	await expect(page.getByTestId('failure')).toContainText('Spotify was not connected');
	expect(page.url()).toBe('http://127.0.0.1:4273/connect/spotify');
	expect(await storedConnections(page)).toEqual([]);
	await page.getByRole('link', { name: 'Back to your artists' }).click();
	// What was typed survived the trip to Spotify's page and back.
	await expect(list).toHaveValue('Nina Simone\nAlice Coltrane');

	await connectSpotify(page);
	await expect(list).toHaveValue('Nina Simone\nAlice Coltrane');
	await spotify.mode('429', 1);
	await services.getByRole('button', { name: 'Bring my Spotify artists' }).click();
	const failure = services.getByTestId('failure');
	await expect(failure).toContainText('Spotify asks us to slow down');
	await expect(failure).toContainText('Try again in 7 s.');

	await spotify.mode('premium', 1);
	await failure.getByRole('button', { name: 'Try again' }).click();
	await expect(failure).toContainText('Spotify refuses this app for now');
	await expect(failure).toContainText(
		'Active premium subscription required for the owner of the app'
	);

	await spotify.mode('503', 1);
	await failure.getByRole('button', { name: 'Try again' }).click();
	await expect(failure).toContainText('Spotify is not answering');

	// The listener removes the app in their Spotify account: this device forgets the tokens.
	await spotify.revoke();
	await failure.getByRole('button', { name: 'Try again' }).click();
	await expect(services.getByTestId('failure')).toContainText('Spotify disconnected you');
	await expect(services.getByRole('button', { name: 'Connect Spotify' })).toBeVisible();
	expect(await storedConnections(page)).toEqual([]);
	await expect(list).toHaveValue('Nina Simone\nAlice Coltrane');
	await expect(page.getByTestId('artist-count')).toHaveText('2 artists');
});

test('Last.fm and ListenBrainz: a username brings top artists with plays; unknown, private, not yet calculated, rate-limited, down', async ({
	page
}) => {
	await page.goto('/artists');
	const fm = page.getByTestId('source-lastfm');
	const lb = page.getByTestId('source-listenbrainz');
	const fmUser = fm.getByLabel('Last.fm username');
	const lbUser = lb.getByLabel('ListenBrainz username');

	await fmUser.fill('nobody-here');
	await fmUser.press('Enter');
	await expect(fm.getByTestId('failure')).toContainText('No such Last.fm listener');
	await expect(fm.getByTestId('failure')).toContainText('“nobody-here”');
	// Enter read Last.fm; it did not submit the artists form.
	await expect(page).toHaveURL(/\/artists$/);

	await fmUser.fill('hidden-listener');
	await fm.getByRole('button', { name: 'Bring my Last.fm artists' }).click();
	await expect(fm.getByTestId('failure')).toContainText('That profile is private');

	await lastfm.mode('429', 1);
	await fmUser.fill('ada-scrobbles');
	await fm.getByRole('button', { name: 'Bring my Last.fm artists' }).click();
	await expect(fm.getByTestId('failure')).toContainText('Last.fm asks us to slow down');
	await expect(fm.getByTestId('failure')).toContainText('Try again in 60 s.');

	await fm.getByLabel('Period').selectOption('3month');
	await fm.getByRole('button', { name: 'Bring my Last.fm artists' }).click();
	await expect(fm.getByRole('status')).toHaveText('5 artists from Last.fm added to your list.');
	await expect(fm.getByTestId('failure')).toHaveCount(0);
	const sent = (await lastfm.requests()).at(-1)!;
	expect(sent.path).toBe('/2.0/');

	await lbUser.fill('new-brainz');
	await lb.getByRole('button', { name: 'Bring my ListenBrainz artists' }).click();
	await expect(lb.getByTestId('failure')).toContainText('No statistics yet');
	await lbUser.fill('nobody-on-lb');
	await lb.getByRole('button', { name: 'Bring my ListenBrainz artists' }).click();
	await expect(lb.getByTestId('failure')).toContainText('No such ListenBrainz listener');
	await listenbrainz.mode('429', 1);
	await lbUser.fill('ada-brainz');
	await lb.getByRole('button', { name: 'Bring my ListenBrainz artists' }).click();
	await expect(lb.getByTestId('failure')).toContainText('Try again in 7 s.');
	await listenbrainz.mode('down');
	await lb.getByRole('button', { name: 'Bring my ListenBrainz artists' }).click();
	await expect(lb.getByTestId('failure')).toContainText('ListenBrainz is not answering');
	await listenbrainz.mode('ok');
	await lb.getByRole('button', { name: 'Bring my ListenBrainz artists' }).click();
	await expect(lb.getByRole('status')).toHaveText(
		'5 artists from ListenBrainz added to your list (1 already there).'
	);
	await expect(page.getByTestId('artist-count')).toHaveText('10 artists');

	await page.getByRole('button', { name: 'Draw my portrait' }).click();
	await expect(page.getByTestId('portrait-summary')).toBeVisible();
	const journey = await storedJourney(page, journeyIdOf(page));
	expect(journey.source).toBe('lastfm+listenbrainz');
	expect(journey.artists.slice(0, 2)).toEqual([
		{ name: 'Burial', plays: 120 },
		{ name: 'Boards of Canada', plays: 97 }
	]);
	expect(journey.artists.find((a) => a.name === 'Radiohead')).toEqual({
		name: 'Radiohead',
		plays: 3120
	});

	// The usernames are remembered on this device for next time.
	await page.goto('/artists');
	await expect(page.getByLabel('Last.fm username')).toHaveValue('ada-scrobbles');
	await expect(page.getByLabel('ListenBrainz username')).toHaveValue('ada-brainz');
});

/** How many tracks an album of the fake AI's pool has (the same in the fake MusicBrainz and Spotify). */
function tracksOf(title: string): number {
	const artist = POOL.find(([t]) => t === title)?.[1];
	expect(artist, title).toBeTruthy();
	return albumFacts(title, artist!).tracks.length;
}

test('a round saved to Spotify and to ListenBrainz, and downloaded as JSPF, naming the albums not found', async ({
	page
}) => {
	test.setTimeout(120_000);
	await page.goto('/artists');
	await connectSpotify(page);
	// One of the round's albums is not on Spotify.
	await spotify.hide(['Maiden Voyage']);
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
	await expect(page.locator('[data-testid="album"][data-status="verified"]')).toHaveCount(5);
	const titles = await albumTitles(page);
	expect(titles).toContain('Maiden Voyage');
	const found = titles.filter((t) => t !== 'Maiden Voyage');
	const onSpotify = found.reduce((n, t) => n + tracksOf(t), 0);
	const everything = titles.reduce((n, t) => n + tracksOf(t), 0);

	const save = page.getByTestId('save-round');
	await save.getByRole('button', { name: 'Save to Spotify' }).click();
	const report = save.getByTestId('save-report');
	await expect(report).toContainText(`Saved 4 of 5 albums (${onSpotify} tracks) to Spotify.`, {
		timeout: 30_000
	});
	await expect(report.getByTestId('save-missing')).toHaveText(
		'Maiden Voyage by Herbie Hancock — not found on Spotify'
	);
	await expect(report.getByRole('link', { name: 'Open the playlist on Spotify' })).toHaveAttribute(
		'href',
		/^https:\/\/open\.spotify\.com\/playlist\/[0-9A-Za-z]{22}$/
	);
	const [playlist] = (await spotify.state()).playlists;
	expect(playlist.public).toBe(false);
	expect(playlist.name).toMatch(/^Sonic Cartographer · round 1 · \d{4}-\d{2}-\d{2}$/);
	expect(playlist.uris).toHaveLength(onSpotify);

	// The cards now point at each album on Spotify, except the one Spotify lacks.
	for (const title of titles) {
		const spotifyLink = page
			.getByRole('list', { name: `Listen to ${title}` })
			.getByRole('link', { name: /^Spotify/ });
		await expect(spotifyLink).toHaveAttribute(
			'data-kind',
			title === 'Maiden Voyage' ? 'search' : 'album'
		);
	}

	// ListenBrainz: a wrong token is refused before anything is sent, then the right one saves.
	const token = save.getByLabel('ListenBrainz user token');
	await token.fill('not-my-token');
	await save.getByRole('button', { name: 'Save to ListenBrainz' }).click();
	await expect(save.getByTestId('failure')).toContainText('ListenBrainz refused the token');
	await token.fill('a1b2c3d4-lb-token-of-ada-brainz');
	await token.press('Enter');
	await expect(report).toContainText(
		`Saved 5 of 5 albums (${everything} tracks) to ListenBrainz.`,
		{
			timeout: 30_000
		}
	);
	await expect(
		report.getByRole('link', { name: 'Open the playlist on ListenBrainz' })
	).toHaveAttribute('href', /^https:\/\/listenbrainz\.org\/playlist\/[0-9a-f-]{36}$/);
	const created = (await listenbrainz.requests()).filter((r) => r.path === '/1/playlist/create');
	expect(created).toHaveLength(1);
	expect(created[0].authorization).toBe('Token a1b2c3d4-lb-token-of-ada-brainz');
	const sent = JSON.parse(created[0].body!);
	expect(sent.playlist.track).toHaveLength(everything);
	expect(sent.playlist.extension['https://musicbrainz.org/doc/jspf#playlist']).toEqual({
		public: false
	});
	// The token is kept on this device for the next round.
	await expect(save.getByText('ListenBrainz: saving as ada-brainz.')).toBeVisible();

	const download = page.waitForEvent('download');
	await save.getByRole('button', { name: 'Download JSPF' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^sonic-cartographer-round-1-\d{4}-\d{2}-\d{2}\.jspf$/);
	const jspf = JSON.parse(readFileSync((await file.path())!, 'utf8'));
	expect(jspf.playlist.track).toHaveLength(everything);
	expect(jspf.playlist.track[0].identifier).toMatch(
		/^https:\/\/musicbrainz\.org\/recording\/[0-9a-f-]{36}$/
	);
	await expect(report).toContainText(`of 5 albums, ${everything} tracks.`);
});

test('each card links to the album’s review (or Wikipedia, Wikidata, AllMusic, Discogs), kept for offline', async ({
	page,
	context
}) => {
	test.setTimeout(90_000);
	await page.goto('/');
	await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
	await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await startJourney(page);
	await page.getByRole('link', { name: 'Start the conversation' }).click();
	await converse(page, ['Warm', 'Strange', 'Old', 'Yes', 'Yes']);
	await expect(page.locator('[data-testid="album"][data-status="verified"]')).toHaveCount(5);

	// What MusicBrainz (the fake) links each album to, the review first.
	const order = ['review', 'wikipedia', 'wikidata', 'allmusic', 'discogs'];
	const expected: Record<string, string | undefined> = {};
	for (const title of await albumTitles(page)) {
		const href = await page
			.getByRole('list', { name: `Listen to ${title}` })
			.getByRole('link', { name: /^MusicBrainz/ })
			.getAttribute('href');
		const mbid = href!.split('/').at(-1);
		const rg = await (
			await fetch(`http://127.0.0.1:54439/ws/2/release-group/${mbid}?inc=url-rels&fmt=json`)
		).json();
		const best = (rg.relations as { type: string; url: { resource: string } }[])
			.filter((r) => order.includes(r.type))
			.sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))[0];
		expected[title] = best?.url.resource;
	}
	expect(Object.values(expected).filter(Boolean).length).toBeGreaterThan(0);

	const linksNow = async () => {
		const out: Record<string, string | undefined> = {};
		for (const title of Object.keys(expected)) {
			const card = page.getByRole('article', { name: new RegExp(`^${title}`) });
			const link = card.getByTestId('review-link');
			out[title] = (await link.count())
				? ((await link.getAttribute('href')) ?? undefined)
				: undefined;
		}
		return out;
	};
	await expect.poll(linksNow, { timeout: 20_000 }).toEqual(expected);
	const review = Object.entries(expected).find(([, url]) => url?.includes('pitchfork.com'));
	if (review) {
		await expect(
			page.getByRole('article', { name: new RegExp(`^${review[0]}`) }).getByTestId('review-link')
		).toHaveText(/^Read the review · pitchfork\.com/);
	}

	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('album')).toHaveCount(5);
	await expect.poll(linksNow).toEqual(expected);
});
