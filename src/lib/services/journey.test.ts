/**
 * A round of recommendations end to end, as the recommendations page runs it: the real store
 * (Dexie over fake-indexeddb), the real grounding against the shared fake MusicBrainz, and the
 * shared fake model's canned answers standing in for the curator function.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILDERS } from '../../../tests/fakes/fake-openai-answers.mjs';
import {
	startFakeMusicBrainz,
	type FakeMusicBrainz
} from '../../../tests/fakes/fake-musicbrainz.mjs';
import { samplePortrait } from '../../../tests/unit/samples';
import { RateLimiter } from '$lib/catalog';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import {
	analysisOfRound,
	currentConversation,
	feedbackOfRound,
	setsOfRound,
	type Journey
} from '$lib/domain/journey';
import { deleteJourney, loadJourney } from './history';
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

let mb: FakeMusicBrainz;
beforeAll(async () => {
	mb = await startFakeMusicBrainz();
});
afterAll(() => mb.close());
beforeEach(() => {
	mb.reset();
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

type Recommend = StepDeps['curator']['recommend'];
type RecommendRequest = Parameters<Recommend>[0];
type RecommendResult = Awaited<ReturnType<Recommend>>;

/**
 * The curator as the fake model answers it, recording every recommend request. Its stream
 * sends each album of the answer, then waits for `hold` (when given) before it resolves.
 */
function fakeCurator(
	recommend?: (req: RecommendRequest) => RecommendResult,
	hold?: () => Promise<void>
) {
	const asked: RecommendRequest[] = [];
	const conversed: Parameters<StepDeps['curator']['converse']>[0][] = [];
	const answer: Recommend = async (req) => {
		asked.push(req);
		// What would travel over HTTP: plain JSON.
		const data = JSON.parse(JSON.stringify(req));
		return recommend ? recommend(data) : BUILDERS.recommend(data);
	};
	const deps: StepDeps = {
		curator: {
			portrait: async () => samplePortrait,
			converse: async (req, onText) => {
				conversed.push(req);
				const turn = BUILDERS.converse(JSON.parse(JSON.stringify(req)));
				onText(turn.message);
				return turn;
			},
			recommend: answer,
			recommendStream: async (req, { onAlbum }) => {
				const result = await answer(req);
				for (const album of result.albums) onAlbum(album);
				await hold?.();
				return result;
			},
			analyze: async (req) => BUILDERS.analyze(JSON.parse(JSON.stringify(req)))
		},
		grounding: (signal) => ({ baseUrl: mb.url, limiter: new RateLimiter(0), signal })
	};
	return { deps, asked, conversed };
}

const signal = new AbortController().signal;
/** For rounds whose arriving albums the test does not look at. */
const ignore = () => {};

async function reload(id: string): Promise<Journey> {
	const j = await loadJourney(id);
	if (!j) throw new Error('journey missing');
	return j;
}

/** A journey whose conversation is finished, ready for its first recommendations. */
async function talkedThrough(artists: string[], deps: StepDeps): Promise<string> {
	const id = await startJourney(artists.map((name) => ({ name })));
	await drawPortrait(await reload(id), signal, deps);
	expect((await reload(id)).portrait?.result).toEqual(samplePortrait);
	for (let i = 0; i < 4; i++) {
		const j = await reload(id);
		const conversation = currentConversation(j)!;
		await curatorTurn(j, conversation, () => {}, signal, deps);
		if ((await reload(id)).conversations.at(-1)?.complete) break;
		await sendAnswer(conversation, `Answer ${i + 1}`);
	}
	expect(currentConversation(await reload(id))?.complete).toBe(true);
	return id;
}

const shown = (j: Journey) =>
	setsOfRound(j).flatMap((s) => s.albums.map((a) => `${a.title} — ${a.artist}`));

describe('the portrait', () => {
	it('is drawn without the artists’ facts when MusicBrainz takes too long to give them', async () => {
		const { deps } = fakeCurator();
		let sentFacts: unknown = 'not asked';
		const slowFacts: StepDeps = {
			...deps,
			curator: {
				...deps.curator,
				portrait: async (req) => {
					sentFacts = (req as { facts?: unknown }).facts;
					return samplePortrait;
				}
			},
			// Answers only when told to stop waiting, as a fetch does.
			facts: (_names, wait) =>
				new Promise((_, reject) => wait?.addEventListener('abort', () => reject(wait.reason)))
		};
		const id = await startJourney([{ name: 'Can' }, { name: 'Neu!' }]);
		await drawPortrait(await reload(id), signal, slowFacts);
		expect((await reload(id)).portrait?.result).toEqual(samplePortrait);
		expect(sentFacts ?? []).toEqual([]);
	}, 10_000);
});

describe('a round of recommendations', () => {
	it('stores five albums that exist, dropping the invented one the curator slipped in', async () => {
		const { deps, asked } = fakeCurator();
		const id = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(id), ignore, signal, deps);

		const j = await reload(id);
		expect(shown(j)).toEqual([
			'Kind of Blue — Miles Davis',
			'A Love Supreme — John Coltrane',
			'Maiden Voyage — Herbie Hancock',
			'Ethiopiques, Vol. 4 — Mulatu Astatke',
			'Expensive Shit — Fela Kuti'
		]);
		expect(j.sets[0].albums.every((a) => a.status === 'verified' && a.mbid)).toBe(true);
		// The curator heard the whole conversation.
		expect((asked[0].messages ?? []).filter((m) => m.role === 'user')).toHaveLength(3);
	});

	it('never gives an artist the listener named, and a second batch repeats nothing', async () => {
		const { deps, asked } = fakeCurator();
		const id = await talkedThrough(['Miles Davis', 'Fela Kuti', 'Can'], deps);
		await recommendRound(await reload(id), ignore, signal, deps);
		await recommendRound(await reload(id), ignore, signal, deps);

		const j = await reload(id);
		const albums = shown(j);
		expect(setsOfRound(j).map((s) => s.batch)).toEqual([1, 2]);
		expect(albums).toHaveLength(10);
		expect(new Set(albums).size).toBe(10);
		expect(albums.filter((a) => /Miles Davis|Fela Kuti| — Can$/.test(a))).toEqual([]);
		// The second ask named the first batch as off limits.
		expect((asked.at(-1)?.exclude ?? []).map((a) => a.title)).toEqual(
			expect.arrayContaining(setsOfRound(j)[0].albums.map((a) => a.title))
		);
	});

	it('never gives again an album another journey got, unless that journey was deleted', async () => {
		const { deps } = fakeCurator();
		const first = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(first), ignore, signal, deps);
		const before = shown(await reload(first));

		const second = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(second), ignore, signal, deps);
		expect(shown(await reload(second)).filter((a) => before.includes(a))).toEqual([]);

		await deleteJourney(first);
		const third = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(third), ignore, signal, deps);
		expect(shown(await reload(third))).toEqual(before);
	});

	it('shows each album as it arrives, before the round is saved, never one the rules drop', async () => {
		const album = (title: string, artist: string) => ({
			title,
			artist,
			year: '1980',
			reason: 'It fits.',
			genres: []
		});
		let second = false;
		let streamed!: () => void;
		const allSent = new Promise<void>((resolve) => (streamed = resolve));
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		const { deps } = fakeCurator(
			(req) =>
				second
					? {
							albums: [
								album('Kind of Blue (Legacy Edition)', 'Miles Davis'), // given before
								album('Remain in Light', 'Talking Heads'), // the listener's artist
								album('Unknown Pleasures', 'Joy Division'),
								album('Closer', 'Joy Division'), // a second by one artist
								album('Marquee Moon', 'Television'),
								album('Tago Mago', 'Can'),
								album('Neu!', 'Neu!'),
								album('Trans-Europe Express', 'Kraftwerk'),
								album('Another Green World', 'Brian Eno') // a spare
							]
						}
					: BUILDERS.recommend(req),
			async () => {
				if (!second) return;
				streamed();
				await held;
			}
		);
		const first = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(first), ignore, signal, deps);
		expect(shown(await reload(first))).toContain('Kind of Blue — Miles Davis');

		second = true;
		const id = await talkedThrough(['Talking Heads', 'Björk', 'Portishead'], deps);
		const arrived: string[] = [];
		const round = recommendRound(
			await reload(id),
			(a) => arrived.push(`${a.title} — ${a.artist}`),
			signal,
			deps
		);
		await allSent;
		const expected = [
			'Unknown Pleasures — Joy Division',
			'Marquee Moon — Television',
			'Tago Mago — Can',
			'Neu! — Neu!',
			'Trans-Europe Express — Kraftwerk'
		];
		// The whole answer has arrived; nothing is saved yet.
		expect(arrived).toEqual(expected);
		expect((await reload(id)).sets).toEqual([]);

		release();
		await round;
		expect(shown(await reload(id))).toEqual(expected);
	});

	it('stores nothing and says so when none of the albums exists', async () => {
		const invented = (n: number) => ({
			title: `Imaginary Record ${n}`,
			artist: 'The Nobodies',
			year: '1999',
			reason: 'Invented.',
			genres: []
		});
		const { deps, asked } = fakeCurator(() => ({ albums: [1, 2, 3].map(invented) }));
		const id = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);

		await expect(recommendRound(await reload(id), ignore, signal, deps)).rejects.toThrow(
			'The curator found no albums that exist in the catalogue'
		);
		expect((await reload(id)).sets).toEqual([]);
		// It asked again for replacements (at most twice) before giving up.
		expect(asked).toHaveLength(3);
	});
});

describe('the next round', () => {
	it('waits for three ratings, then the pivot carries the analysis into the new conversation', async () => {
		const { deps, conversed } = fakeCurator();
		const id = await talkedThrough(['Radiohead', 'Björk', 'Portishead'], deps);
		await recommendRound(await reload(id), ignore, signal, deps);
		const [set] = (await reload(id)).sets;
		await rate(set, set.albums[0].key, { rating: 5, rationale: 'Hypnotic' });
		await rate(set, set.albums[1].key, { rating: 2 });

		let j = await reload(id);
		await analyseRound(j, feedbackOfRound(j), signal, deps);
		expect((await reload(id)).analyses).toEqual([]);

		await rate(set, set.albums[2].key, { rating: 4 });
		j = await reload(id);
		await analyseRound(j, feedbackOfRound(j), signal, deps);
		j = await reload(id);
		const analysis = analysisOfRound(j)!;
		expect(analysis.result.reinforcedThemes).toContain(set.albums[0].title);

		await chooseNext(analysis, 'pivot');
		j = await reload(id);
		expect(j.row.round).toBe(2);
		await curatorTurn(j, currentConversation(j)!, () => {}, signal, deps);
		expect(conversed.at(-1)).toMatchObject({
			direction: 'pivot',
			analysis: analysis.result,
			messages: []
		});
	});
});
