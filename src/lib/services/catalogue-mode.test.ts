/**
 * Catalogue mode end to end, as the pages run it, and the never-again rules in both modes: the
 * real store (Dexie over fake-indexeddb), the real catalogue curator and grounding against the
 * shared fakes of MusicBrainz and ListenBrainz, and the shared fake model's canned answers for
 * the AI curator.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILDERS } from '../../../tests/fakes/fake-openai-answers.mjs';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import {
	startFakeListenBrainz,
	type FakeListenBrainz
} from '../../../tests/fakes/fake-listenbrainz.mjs';
import { samplePortrait } from '../../../tests/unit/samples';
import {
	artistAlbums,
	lookUpArtistFacts,
	memoryArtistFactsCache,
	similarArtists,
	type CatalogueDeps
} from '$lib/catalog';
import { catalogueChoices } from '$lib/domain/catalogue-conversation';
import { CartographerDB, db, useDatabase } from '$lib/db/schema';
import { currentConversation, setsOfRound, type Journey } from '$lib/domain/journey';
import { CatalogueError, CuratorError } from '$lib/errors';
import { artistKey } from '$contract/identity';
import type { RecommendResult } from '$contract/curator';
import { loadJourney, loadMessages } from './history';
import {
	analyseRound,
	chooseNext,
	curatorTurn,
	drawPortrait,
	rate,
	recommendRound,
	sendAnswer,
	type StepDeps
} from './journey';
import { startJourney } from './start';
import { albumsPlayed } from '$lib/db/imports';

let mb: FakeMusicBrainz;
let lb: FakeListenBrainz;
beforeAll(async () => {
	[mb, lb] = await Promise.all([startFakeMusicBrainz(), startFakeListenBrainz()]);
});
afterAll(() => Promise.all([mb.close(), lb.close()]));
beforeEach(() => {
	mb.reset();
	lb.reset();
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

const ARTISTS = ['Radiohead', 'Björk', 'Portishead', 'Talking Heads', 'Fela Kuti', 'Joni Mitchell'];
const now = { take: async () => {} };
const signal = new AbortController().signal;

/** The catalogue's edge at the shared fakes, with no wait between requests. */
function catalogueEdge(): CatalogueDeps {
	const cache = memoryArtistFactsCache();
	const remembered = new Map();
	return {
		facts: (names, s) =>
			lookUpArtistFacts(names, { baseUrl: mb.url, cache, limiter: now, retries: 0, signal: s }),
		similar: (mbids, s) =>
			similarArtists(mbids, { baseUrl: lb.url, limiter: now, remembered, signal: s }),
		albums: (mbid, s) =>
			artistAlbums(mbid, { baseUrl: mb.url, limiter: now, retries: 0, signal: s })
	};
}

/** The AI curator as the fake model answers it, recording what it is asked. */
function aiCurator(recommend?: (req: unknown) => RecommendResult) {
	const asked: Record<string, unknown[]> = { portrait: [], recommend: [] };
	const answer = async (req: unknown) => {
		asked.recommend.push(req);
		const data = JSON.parse(JSON.stringify(req));
		return recommend ? recommend(data) : BUILDERS.recommend(data);
	};
	const curator: StepDeps['curator'] = {
		portrait: async (req) => {
			asked.portrait.push(req);
			return samplePortrait;
		},
		converse: async (req, onText) => {
			const turn = BUILDERS.converse(JSON.parse(JSON.stringify(req)));
			onText(turn.message);
			return turn;
		},
		recommend: answer,
		recommendStream: async (req, { onAlbum }) => {
			const result = await answer(req);
			for (const album of result.albums) onAlbum(album);
			return result;
		},
		analyze: async (req) => BUILDERS.analyze(JSON.parse(JSON.stringify(req)))
	};
	return { curator, asked };
}

function modes(ai: boolean, recommend?: (req: unknown) => RecommendResult) {
	const model = aiCurator(recommend);
	const deps: StepDeps = {
		curator: model.curator,
		grounding: (s) => ({ baseUrl: mb.url, limiter: now, signal: s }),
		aiConfigured: async () => ai,
		catalogue: catalogueEdge(),
		facts: catalogueEdge().facts,
		played: albumsPlayed
	};
	return { deps, asked: model.asked };
}

async function reload(id: string): Promise<Journey> {
	const j = await loadJourney(id);
	if (!j) throw new Error('journey missing');
	return j;
}

/** Answers each question with the answer `pick` chooses from its choices (or types one). */
async function converse(id: string, deps: StepDeps, pick: (choices: string[]) => string) {
	for (let i = 0; i < 6; i++) {
		const j = await reload(id);
		const conversation = currentConversation(j)!;
		await curatorTurn(j, conversation, () => {}, signal, deps);
		if (currentConversation(await reload(id))?.complete) return;
		const last = (await loadMessages(conversation.id)).at(-1)!;
		const choices = catalogueChoices(j.portrait!.result, conversation.direction, last) ?? [
			'Anything'
		];
		await sendAnswer(conversation, pick(choices));
	}
	throw new Error('the conversation never completed');
}

async function round(id: string, deps: StepDeps) {
	await recommendRound(await reload(id), () => {}, signal, deps);
	return setsOfRound(await reload(id)).at(-1)!.albums;
}

/** Does the fake MusicBrainz have this release group, under this title? */
async function inCatalogue(album: { mbid?: string; title: string; artist: string }) {
	const q = `(releasegroup:"${album.title.replace(/["\\]/g, '\\$&')}" AND artist:"${album.artist.replace(/["\\]/g, '\\$&')}")`;
	const res = await fetch(`${mb.url}/ws/2/release-group?query=${encodeURIComponent(q)}&fmt=json`);
	const body = (await res.json()) as { 'release-groups': { id: string }[] };
	return body['release-groups'].some((rg) => rg.id === album.mbid);
}

describe('catalogue mode (no AI provider)', () => {
	it('goes round twice: a portrait from facts, three tapped questions, albums that exist, an analysis', async () => {
		const { deps, asked } = modes(false);
		const id = await startJourney(ARTISTS.map((name) => ({ name })));
		await drawPortrait(await reload(id), signal, deps);
		const portrait = (await reload(id)).portrait!.result;
		expect(portrait.curator).toBe('catalogue');
		expect(portrait.geographicCenters.map((c) => c.label)).toContain('United Kingdom');
		expect(portrait.keyEras.every((e) => /^\d{4}s$/.test(e.label))).toBe(true);
		expect(portrait.primaryGenres.length).toBeGreaterThanOrEqual(3);
		// Gaps: neighbours ListenBrainz knows that the list does not reach.
		const gaps = portrait.noteworthyGaps.map((g) => g.explanation).join(' ');
		expect(gaps).toMatch(/Massive Attack|Television|Mulatu Astatke/);
		for (const name of ARTISTS) expect(gaps).not.toMatch(new RegExp(`^${name} sits`));

		// The first choice each time: a genre, an era, close to home.
		await converse(id, deps, (choices) => choices[0]);
		const first = await round(id, deps);
		expect(first).toHaveLength(5);
		for (const album of first) {
			expect(album.curator).toBe('catalogue');
			expect(album.status).toBe('verified');
			expect(await inCatalogue(album), `${album.title} by ${album.artist}`).toBe(true);
		}
		const artistsOf = first.map((a) => artistKey(a.artist));
		expect(new Set(artistsOf).size).toBe(5);
		expect(artistsOf.filter((k) => ARTISTS.map(artistKey).includes(k))).toEqual([]);

		const set = setsOfRound(await reload(id))[0];
		await rate(set, first[0].key, { rating: 5, rationale: 'The bass' });
		await rate(set, first[1].key, { rating: 4 });
		await rate(set, first[2].key, { rating: 1 });
		const j = await reload(id);
		await analyseRound(j, j.feedback, signal, deps);
		const analysis = (await reload(id)).analyses[0];
		expect(analysis.result.curator).toBe('catalogue');
		expect(analysis.result.reinforcedThemes).toContain(first[0].title);
		expect(analysis.result.reinforcedThemes).toContain('The bass');
		expect(analysis.result.strategicPivot).toContain(first[2].title);

		await chooseNext(analysis, 'reinforced');
		// Typed answers this time, one left blank.
		let typed = 0;
		await converse(id, deps, () => ['electronic', 'the 90s', ''][typed++] || 'No preference');
		const second = await round(id, deps);
		expect(second.length).toBeGreaterThan(0);
		const seen = new Set(first.map((a) => a.mbid));
		expect(second.filter((a) => seen.has(a.mbid))).toEqual([]);
		// No AI provider was asked for anything.
		expect(asked.portrait.length + asked.recommend.length).toBe(0);
	});

	it('hands over to the catalogue when the function answers AI_NOT_CONFIGURED, and remembers', async () => {
		const { deps } = modes(false);
		let remembered: boolean | undefined;
		deps.aiConfigured = async () => remembered;
		deps.rememberAi = (ai) => (remembered = ai);
		deps.curator = {
			...deps.curator,
			portrait: async () => {
				throw new CuratorError('AI_NOT_CONFIGURED', 'No AI provider is configured.', 503);
			}
		};
		const id = await startJourney(ARTISTS.map((name) => ({ name })));
		// A provider that is configured but refuses the key: the listener is told, no hand-over.
		deps.aiConfigured = async () => true;
		const refused = await drawPortrait(await reload(id), signal, deps).catch((e) => e);
		expect(refused.code).toBe('AI_NOT_CONFIGURED');
		expect((await reload(id)).portrait).toBeUndefined();
		// The function's status could not be asked: its answer decides, and is remembered.
		deps.aiConfigured = async () => remembered;
		await drawPortrait(await reload(id), signal, deps);
		expect((await reload(id)).portrait?.result.curator).toBe('catalogue');
		expect(remembered).toBe(false);
	});

	it('says what is wrong, and keeps everything, when the catalogue cannot help', async () => {
		const { deps } = modes(false);
		// Artists MusicBrainz does not know.
		const unknown = await startJourney(
			['Nobody Here', 'Not A Band', 'Radiohead', 'Imaginary Friends', 'Zzzz Qqqq'].map((name) => ({
				name
			}))
		);
		const failure = await drawPortrait(await reload(unknown), signal, deps).catch((e) => e);
		expect(failure).toBeInstanceOf(CatalogueError);
		expect(failure.code).toBe('TOO_FEW_KNOWN');
		expect(failure.message).toContain('“Nobody Here”');
		expect((await reload(unknown)).portrait).toBeUndefined();

		// MusicBrainz down: a clear failure to try again, nothing saved.
		const id = await startJourney(ARTISTS.map((name) => ({ name })));
		mb.setMode('503');
		const down = await drawPortrait(await reload(id), signal, deps).catch((e) => e);
		expect(down.code).toBe('CATALOGUE_UNAVAILABLE');
		expect(down.message).toContain('MusicBrainz');
		expect((await reload(id)).portrait).toBeUndefined();
		mb.setMode('ok');

		// ListenBrainz down: the portrait stands without its gaps and says so…
		lb.setMode('503');
		await drawPortrait(await reload(id), signal, deps);
		const portrait = (await reload(id)).portrait!.result;
		expect(portrait.noteworthyGaps).toEqual([]);
		expect(portrait.summary).toContain('ListenBrainz did not answer');
		// …and recommendations wait for it, with nothing saved.
		await converse(id, deps, (choices) => choices[0]);
		const noRound = await recommendRound(await reload(id), () => {}, signal, deps).catch((e) => e);
		expect(noRound.code).toBe('CATALOGUE_UNAVAILABLE');
		expect(noRound.message).toContain('ListenBrainz');
		expect(setsOfRound(await reload(id))).toEqual([]);
		lb.setMode('ok');
		expect(await round(id, deps)).toHaveLength(5);
	});
});

/** Imports an export whose history names these albums (as editions), kept with its journey. */
async function importedHistory(albums: { title: string; artist: string }[]) {
	await db().imports.put({
		id: crypto.randomUUID(),
		createdAt: Date.now(),
		files: [],
		warnings: [],
		artists: [],
		chosen: [],
		albums: albums.map((a) => ({ ...a, plays: 3 }))
	});
}

describe('never recommended, in both modes', () => {
	it('catalogue: nothing given in another journey, nor any edition of what the history shows played', async () => {
		const { deps } = modes(false);
		const start = async () => {
			const id = await startJourney(ARTISTS.map((name) => ({ name })));
			await drawPortrait(await reload(id), signal, deps);
			await converse(id, deps, (choices) => choices[0]);
			return id;
		};
		const earlier = await round(await start(), deps);

		// Another journey from the same artists: none of those albums again.
		const again = await round(await start(), deps);
		expect(again.length).toBeGreaterThan(0);
		const given = new Set(earlier.map((a) => a.mbid));
		expect(again.filter((a) => given.has(a.mbid))).toEqual([]);

		// A fresh device whose imported history played remastered editions of the first round.
		useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
		await importedHistory(
			earlier.map((a) => ({ title: `${a.title} (Remastered)`, artist: a.artist }))
		);
		const fresh = await round(await start(), deps);
		expect(fresh).toHaveLength(5);
		expect(fresh.filter((a) => given.has(a.mbid))).toEqual([]);
		expect(new Set(fresh.map((a) => artistKey(a.artist))).size).toBe(fresh.length);
	});

	it('AI: an album the history shows played is excluded in the request and replaced if offered anyway', async () => {
		// The model offers a played album first (as a deluxe edition), then others.
		const offered = (req: unknown) => {
			const answer = BUILDERS.recommend(req);
			return {
				albums: [
					{
						title: 'Mezzanine (Deluxe Edition)',
						artist: 'Massive Attack',
						year: '1998',
						reason: 'Played already.',
						genres: ['trip hop']
					},
					...answer.albums
				]
			};
		};
		const { deps, asked } = modes(true, offered);
		await importedHistory([{ title: 'Mezzanine', artist: 'Massive Attack' }]);
		const id = await startJourney(ARTISTS.map((name) => ({ name })));
		await drawPortrait(await reload(id), signal, deps);
		// The model was given the artists' facts.
		const facts = (asked.portrait[0] as { facts: { name: string; country?: string }[] }).facts;
		expect(facts.find((f) => f.name === 'Radiohead')?.country).toBe('GB');
		await converse(id, deps, () => 'Yes');
		const shown: string[] = [];
		await recommendRound(await reload(id), (a) => shown.push(a.title), signal, deps);
		const exclude = (asked.recommend[0] as { exclude: { title: string }[] }).exclude;
		expect(exclude.map((a) => a.title)).toContain('Mezzanine');
		const kept = setsOfRound(await reload(id))[0].albums;
		expect(kept).toHaveLength(5);
		expect(kept.map((a) => a.title)).not.toContain('Mezzanine (Deluxe Edition)');
		expect(shown).not.toContain('Mezzanine (Deluxe Edition)');
		// Nor an album by one of the listener's own artists (the model's pool has Kid A).
		expect(kept.filter((a) => ARTISTS.map(artistKey).includes(artistKey(a.artist)))).toEqual([]);
	});
});
