/**
 * Two devices against the local Supabase stand-in (in-process, in-memory), through the
 * real engine, supabase-js and two separate Dexie databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CartographerDB } from '$lib/db/schema';
import { sampleAlbums, samplePortrait } from '../../../tests/unit/samples';
import type { RecommendationSetRow, JourneyRow } from '$lib/domain/types';
import {
	appendMessage,
	createJourney,
	loadJourney,
	savePortrait,
	saveRecommendations,
	setFeedback
} from '$lib/db/journeys';
import { putRows } from '$lib/db/write';
import { summarise, type PushOp } from './outbox';
import {
	Device,
	losingResponses,
	startStandin,
	uniqueEmail
} from '../../../tests/unit/int-harness';

let server: Awaited<ReturnType<typeof startStandin>>;

beforeAll(async () => {
	server = await startStandin();
}, 60_000);

afterAll(async () => {
	await server?.stop();
});

const portrait = samplePortrait;
const albums = sampleAlbums;

/** A journey with a portrait, a conversation and one set of five albums, on `device`. */
async function journeyOn(device: Device) {
	device.use();
	const id = await createJourney([{ name: 'Radiohead' }]);
	await savePortrait(id, portrait);
	const j = (await loadJourney(id))!;
	await saveRecommendations(j.conversations[0], 1, albums);
	return (await loadJourney(id))!;
}

async function twoDevices(tag: string) {
	const email = uniqueEmail(tag);
	const a = new Device(server);
	const b = new Device(server);
	await a.signUp(email);
	await b.signIn(email);
	return { a, b };
}

describe('two devices, one account', () => {
	it('rating the same album offline on both: one row, the later write wins, both agree', async () => {
		const { a, b } = await twoDevices('same-album');
		const j = await journeyOn(a);
		await a.sync();
		await b.sync();
		const set = (await b.db.recommendationSets.get(j.sets[0].id)) as RecommendationSetRow;
		expect(set.albums).toHaveLength(5);

		a.use();
		await setFeedback(set, '1-0', { rating: 2, rationale: 'too slow' });
		await new Promise((r) => setTimeout(r, 5));
		b.use();
		await setFeedback(set, '1-0', { rating: 5 });

		await a.sync();
		await b.sync();
		await a.sync();
		const fa = await a.db.albumFeedback.where('setId').equals(set.id).toArray();
		const fb = await b.db.albumFeedback.where('setId').equals(set.id).toArray();
		expect(fa).toHaveLength(1);
		expect(fb).toHaveLength(1);
		expect(fa[0].id).toBe(fb[0].id);
		expect(fa[0].rating).toBe(5);
		expect(fb[0].rating).toBe(5);
		// The rationale was only written on A: per-field merge keeps it on both.
		expect(fa[0].rationale).toBe('too slow');
		expect(fb[0].rationale).toBe('too slow');
		expect(fa[0].fieldClocks).toEqual(fb[0].fieldClocks);
		expect((await summarise(a.db)).unsynced).toBe(0);
		expect((await summarise(b.db)).unsynced).toBe(0);
	}, 30_000);

	it('a rating on one device and a message in a conversation on the other: both kept', async () => {
		const { a, b } = await twoDevices('rating-answer');
		const j = await journeyOn(a);
		await a.sync();
		await b.sync();

		a.use();
		await setFeedback(j.sets[0], '1-2', { rating: 4 });
		b.use();
		const conversation = (await b.db.conversations.get(j.conversations[0].id))!;
		await appendMessage(conversation, 'user', 'More brass, please.');

		await a.sync();
		await b.sync();
		await a.sync();
		for (const d of [a, b]) {
			const feedback = await d.db.albumFeedback.where('setId').equals(j.sets[0].id).toArray();
			expect(feedback.map((f) => f.rating)).toEqual([4]);
			const messages = await d.db.messages
				.where('conversationId')
				.equals(conversation.id)
				.toArray();
			expect(messages.map((m) => m.content)).toEqual(['More brass, please.']);
		}
	}, 30_000);

	it('a response lost after the server committed: the retry changes nothing', async () => {
		const { a, b } = await twoDevices('lost-response');
		await journeyOn(a);
		const before = await summarise(a.db);
		expect(before.unsynced).toBeGreaterThan(0);

		await expect(a.sync({}, losingResponses(a.transport!))).rejects.toThrow(/response lost/);
		expect((await summarise(a.db)).unsynced).toBe(before.unsynced); // nothing cleared
		const revBefore = (await b.sync()).pulled;

		const retry = await a.sync();
		expect(retry.applied).toBe(0);
		expect(retry.duplicate).toBe(before.unsynced);
		expect((await summarise(a.db)).unsynced).toBe(0);
		// Nothing new for the other device: the retry wrote no row.
		expect(revBefore).toBe(before.unsynced);
		expect((await b.sync()).pulled).toBe(0);
	}, 30_000);

	it('the network drops mid-way through several batches: the retry completes it exactly once', async () => {
		const { a, b } = await twoDevices('mid-batch');
		a.use();
		const rows = Array.from({ length: 30 }, (_, i) => journey(i));
		await putRows(rows.map((row) => ({ table: 'journeys' as const, row })));
		// Batches of 10: the second batch's answer is lost.
		let calls = 0;
		const flaky = {
			push: async (ops: PushOp[]) => {
				const r = await a.transport!.push(ops);
				if (++calls === 2) throw new Error('network dropped');
				return r;
			},
			pull: a.transport!.pull
		};
		await expect(a.sync({ batchSize: 10 }, flaky)).rejects.toThrow(/dropped/);
		expect((await summarise(a.db)).unsynced).toBe(20);
		const retry = await a.sync({ batchSize: 10 });
		expect(retry).toMatchObject({ applied: 10, duplicate: 10, rejected: 0 });
		expect((await b.sync()).pulled).toBe(30);
		expect(await b.db.journeys.count()).toBe(30);
	}, 30_000);

	it('one op of 100 rejected: 99 applied, the rejected one kept and visible, the queue not blocked', async () => {
		const { a, b } = await twoDevices('rejected');
		a.use();
		const rows = Array.from({ length: 100 }, (_, i) => journey(i));
		rows[37] = { ...rows[37], round: 0 }; // the server's check (round >= 1) refuses it
		await putRows(rows.map((row) => ({ table: 'journeys' as const, row })));

		const report = await a.sync();
		expect(report).toMatchObject({ applied: 99, rejected: 1 });
		const summary = await summarise(a.db);
		expect(summary.unsynced).toBe(0);
		expect(summary.rejected).toEqual([
			expect.objectContaining({ table: 'journeys', rowId: rows[37].id, reason: 'invalid_value' })
		]);
		expect(await a.db.journeys.get(rows[37].id)).toBeDefined(); // the local row is kept

		// Later changes still go through; the rejected one stays until fixed.
		const later = journey(200);
		await putRows([{ table: 'journeys', row: later }]);
		expect(await a.sync()).toMatchObject({ applied: 1, rejected: 0 });
		expect((await summarise(a.db)).rejected).toHaveLength(1);

		// Fixing the row pushes it and clears the rejection.
		await putRows([{ table: 'journeys', row: { ...rows[37], round: 1 } }]);
		expect(await a.sync()).toMatchObject({ applied: 1 });
		expect(await summarise(a.db)).toEqual({ unsynced: 0, rejected: [] });
		await b.sync();
		expect(await b.db.journeys.count()).toBe(101);
	}, 30_000);
});

describe('accounts', () => {
	it('another user signs in with a pending outbox: nothing pushed under the wrong user, nothing lost', async () => {
		const a = new Device(server);
		await a.signUp(uniqueEmail('first'));
		await journeyOn(a);
		await a.sync();
		a.use();
		await putRows([{ table: 'journeys', row: journey(1) }]);
		const pending = await summarise(a.db);
		expect(pending.unsynced).toBe(1);

		const second = uniqueEmail('second');
		const other = new Device(server);
		await other.signUp(second);
		await a.signIn(second); // same device, another account
		const report = await a.sync();
		expect(report.outcome).toBe('other_user');
		expect(await summarise(a.db)).toEqual(pending);
		expect((await other.sync()).pulled).toBe(0); // the second account got nothing
	}, 30_000);

	it('a transport pinned to one user refuses to run once another user signs in', async () => {
		const a = new Device(server);
		await a.signUp(uniqueEmail('pin-a'));
		const pinned = a.transport!;
		await a.auth.auth.signUp({ email: uniqueEmail('pin-b'), password: 'correct horse battery' });
		await expect(pinned.pull(0, 10)).rejects.toMatchObject({ code: 'USER_CHANGED' });
	}, 30_000);

	it('local-only work made before signing in is adopted by the first account', async () => {
		const a = new Device(server);
		await journeyOn(a); // written while signed out
		await a.signUp(uniqueEmail('adopt'));
		const report = await a.sync();
		expect(report.applied).toBeGreaterThan(0);
		expect((await summarise(a.db)).unsynced).toBe(0);
	}, 30_000);
});

describe('restores', () => {
	it('a 10,000-record first sync is paged, resumable after a reload mid-way, and counts match', async () => {
		const { a, b } = await twoDevices('big');
		a.use();
		const rows = Array.from({ length: 10_000 }, (_, i) => journey(i));
		for (let i = 0; i < rows.length; i += 1000) {
			await putRows(rows.slice(i, i + 1000).map((row) => ({ table: 'journeys' as const, row })));
		}
		expect(await a.sync()).toMatchObject({ applied: 10_000, rejected: 0 });

		const first = await b.sync({ maxPages: 7 });
		expect(first).toMatchObject({ pages: 7, pulled: 3500 });
		b.reload(); // the tab was closed mid-way
		const rest = await b.sync();
		expect(rest.pulled).toBe(6500);
		expect(rest.pages).toBe(13);
		expect(await b.db.journeys.count()).toBe(10_000);
	}, 400_000);

	it('IndexedDB wiped while signed in: a full restore from the server', async () => {
		const email = uniqueEmail('wipe');
		const a = new Device(server);
		await a.signUp(email);
		const j = await journeyOn(a);
		a.use();
		await setFeedback(j.sets[0], '1-1', { rating: 3, resonantElement: 'the drums' });
		await a.sync();
		const snapshot = await dump(a);

		a.db.close();
		await a.db.delete();
		a.db = new CartographerDB(`test-${crypto.randomUUID()}`);
		expect(await dump(a)).not.toEqual(snapshot);
		await a.sync();
		expect(await dump(a)).toEqual(snapshot);
	}, 30_000);
});

let n = 0;
function journey(i: number): JourneyRow {
	const at = 1763762400000 + i;
	return {
		id: crypto.randomUUID(),
		createdAt: at,
		updatedAt: at,
		artists: [{ name: `Artist ${i}-${n++}` }],
		source: 'typed',
		round: 1
	};
}

/** Every synced row, without fields only the server sets or the device fills in. */
async function dump(d: Device) {
	const out: Record<string, unknown[]> = {};
	for (const t of [
		'journeys',
		'portraits',
		'conversations',
		'messages',
		'recommendationSets',
		'albumFeedback',
		'analyses'
	]) {
		const rows = (await d.db.table(t).toArray()) as Record<string, unknown>[];
		out[t] = rows
			.map(({ updatedAt: _, ...r }) => r)
			.sort((x, y) => String(x.id).localeCompare(String(y.id)));
	}
	return out;
}

describe('expired tokens', () => {
	let shortLived: Awaited<ReturnType<typeof startStandin>>;
	beforeAll(async () => {
		shortLived = await startStandin({ jwtExp: 1 });
	}, 60_000);
	afterAll(async () => {
		await shortLived?.stop();
	});

	it('the token expires while offline: the app stays usable, refreshes on reconnect, pushes', async () => {
		const a = new Device(shortLived);
		await a.signUp(uniqueEmail('expiry'));
		await journeyOn(a); // "offline" for longer than the token lives
		await new Promise((r) => setTimeout(r, 2100));
		const stored = (await a.auth.auth.getSession()).data.session;
		expect(stored).not.toBeNull(); // signed in, never signed out
		const report = await a.sync(); // getSession refreshes the expired token first
		expect(report.applied).toBeGreaterThan(0);
		expect((await summarise(a.db)).unsynced).toBe(0);
	}, 30_000);
});
