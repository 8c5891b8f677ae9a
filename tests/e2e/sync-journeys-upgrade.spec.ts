/**
 * A browser that last ran the app before journeys had their own name holds its history in
 * IndexedDB as version 3 ("sessions", "sessionId"). Opening the new app upgrades it in
 * Chromium's own IndexedDB: the journey is in History as it was, and its queued change still
 * waits for the account under the new table name.
 */
import { createHash, randomUUID } from 'node:crypto';
import { expect, test } from './fixtures';

/** The feedback id the app derives from a set and an album (db/journeys.ts feedbackId). */
function feedbackId(setId: string, albumKey: string): string {
	const hash = createHash('sha1')
		.update(`sonic-cartographer/album-feedback/${setId}/${albumKey}`)
		.digest()
		.subarray(0, 16);
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

test('a version-3 database from before the rename opens with its journey, ratings and queue intact', async ({
	page
}) => {
	const t = Date.UTC(2026, 10, 20, 12);
	const [journey, portrait, conversation, set] = [
		randomUUID(),
		randomUUID(),
		randomUUID(),
		randomUUID()
	];
	const albums = ['Tago Mago', 'Neu! 75', 'Zuckerzeit', 'Phaedra', 'Irrlicht'].map((title, i) => ({
		key: `k${i}`,
		title,
		artist: ['Can', 'Neu!', 'Cluster', 'Tangerine Dream', 'Klaus Schulze'][i],
		year: `${1971 + i}`,
		reason: 'Because.',
		genres: ['krautrock']
	}));
	const v3 = {
		sessions: [
			{
				id: journey,
				createdAt: t,
				updatedAt: t + 9,
				artists: [{ name: 'Can' }, { name: 'Neu!' }],
				source: 'typed',
				portraitId: portrait,
				round: 1
			}
		],
		portraits: [
			{
				id: portrait,
				sessionId: journey,
				createdAt: t + 1,
				artists: [{ name: 'Can' }, { name: 'Neu!' }],
				source: 'typed',
				result: {
					primaryGenres: [{ label: 'Krautrock', explanation: 'Can and Neu!.' }],
					geographicCenters: [{ label: 'Cologne', explanation: 'Where Can worked.' }],
					keyEras: [{ label: '1970s', explanation: 'The motorik years.' }],
					noteworthyGaps: [{ label: 'Jazz', explanation: 'None yet.' }],
					summary: 'A listener of long, driving records.'
				}
			}
		],
		conversations: [
			{
				id: conversation,
				sessionId: journey,
				round: 1,
				direction: 'initial',
				createdAt: t + 2,
				complete: true,
				updatedAt: t + 4
			}
		],
		messages: [
			{
				id: randomUUID(),
				conversationId: conversation,
				sessionId: journey,
				seq: 0,
				role: 'assistant',
				content: 'Question 1: what pulls you in?',
				questionNumber: 1,
				createdAt: t + 3
			},
			{
				id: randomUUID(),
				conversationId: conversation,
				sessionId: journey,
				seq: 1,
				role: 'user',
				content: 'The drummer who never stops',
				createdAt: t + 4
			}
		],
		recommendationSets: [
			{
				id: set,
				sessionId: journey,
				conversationId: conversation,
				round: 1,
				batch: 1,
				createdAt: t + 5,
				albums
			}
		],
		albumFeedback: [
			{
				id: feedbackId(set, 'k0'),
				sessionId: journey,
				setId: set,
				albumKey: 'k0',
				round: 1,
				title: 'Tago Mago',
				artist: 'Can',
				year: '1971',
				listened: true,
				rating: 5,
				rationale: 'Halleluhwah, all eighteen minutes',
				createdAt: t + 6,
				updatedAt: t + 7,
				fieldClocks: {
					session_id: '1795176000006:0000:dev',
					listened: '1795176000006:0001:dev',
					rating: '1795176000007:0000:dev',
					rationale: '1795176000007:0001:dev'
				}
			}
		],
		analyses: [],
		imports: [],
		outbox: [{ table: 'sessions', rowId: journey, op: 'put', at: t + 9 }]
	};

	// The database as version 3 of the app left it (Dexie version n is IndexedDB version 10n),
	// written from a page of the same origin that is not the app.
	await page.goto('/manifest.webmanifest');
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const req = indexedDB.open('sonic-cartographer', 30);
				req.onerror = () => reject(req.error);
				req.onupgradeneeded = () => {
					const db = req.result;
					const store = (
						name: string,
						key: string,
						indexes: (string | string[])[],
						auto = false
					) => {
						const s = db.createObjectStore(name, { keyPath: key, autoIncrement: auto });
						for (const ix of indexes) {
							s.createIndex(Array.isArray(ix) ? `[${ix.join('+')}]` : ix, ix);
						}
					};
					store('sessions', 'id', ['updatedAt', 'createdAt']);
					store('portraits', 'id', ['sessionId']);
					store('conversations', 'id', ['sessionId', ['sessionId', 'round']]);
					store('messages', 'id', ['conversationId', ['conversationId', 'seq'], 'sessionId']);
					store('recommendationSets', 'id', [
						'sessionId',
						'conversationId',
						['sessionId', 'round']
					]);
					store('albumFeedback', 'id', [
						'sessionId',
						'setId',
						['setId', 'albumKey'],
						['sessionId', 'round']
					]);
					store('analyses', 'id', ['sessionId', 'conversationId', ['sessionId', 'round']]);
					store('outbox', 'seq', ['table', 'rowId', ['table', 'rowId']], true);
					store('syncState', 'key', []);
					store('imports', 'id', ['createdAt', 'sessionId']);
					store('catalogCache', 'key', ['checkedAt']);
				};
				req.onsuccess = () => {
					const db = req.result;
					const tx = db.transaction(Object.keys(rows), 'readwrite');
					for (const [name, list] of Object.entries(rows)) {
						for (const row of list) tx.objectStore(name).put(row);
					}
					tx.oncomplete = () => {
						db.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		v3
	);

	// The app opens it: the journey is in History, with its portrait, answer and rating.
	await page.goto('/history');
	const item = page.getByTestId('history-item');
	await expect(item).toHaveCount(1);
	await expect(item).toContainText('Krautrock');
	await expect(item).toContainText('5 albums recommended · 1 rated');
	await item.click();
	const main = page.locator('main');
	await expect(main).toContainText('Tago Mago');
	await expect(main).toContainText('Halleluhwah, all eighteen minutes');

	// Under the new names, in the browser's own IndexedDB.
	const stored = await page.evaluate(
		() =>
			new Promise<{ version: number; stores: string[]; outbox: unknown[]; feedback: unknown }>(
				(resolve, reject) => {
					const req = indexedDB.open('sonic-cartographer');
					req.onerror = () => reject(req.error);
					req.onsuccess = () => {
						const db = req.result;
						const tx = db.transaction(['outbox', 'albumFeedback'], 'readonly');
						const outbox = tx.objectStore('outbox').getAll();
						const feedback = tx.objectStore('albumFeedback').index('journeyId').getAll();
						tx.oncomplete = () => {
							db.close();
							resolve({
								version: db.version,
								stores: [...db.objectStoreNames],
								outbox: outbox.result,
								feedback: feedback.result
							});
						};
					};
				}
			)
	);
	// Upgraded to the newest version (Dexie 5, the connected services' table: IndexedDB 50).
	expect(stored.version).toBe(50);
	expect(stored.stores).toContain('journeys');
	expect(stored.stores).not.toContain('sessions');
	expect(stored.outbox).toEqual([
		expect.objectContaining({ table: 'journeys', rowId: journey, op: 'put' })
	]);
	expect(stored.feedback).toEqual([
		expect.objectContaining({
			journeyId: journey,
			rating: 5,
			fieldClocks: expect.objectContaining({ journey_id: '1795176000006:0000:dev' })
		})
	]);
});
