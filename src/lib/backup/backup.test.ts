import { beforeEach, describe, expect, it } from 'vitest';
import { sampleAlbums, samplePortrait } from '../../../tests/unit/samples';
import { CartographerDB, db, useDatabase } from '$lib/db/schema';
import {
	appendMessage,
	createJourney,
	listJourneys,
	loadJourney,
	saveAnalysis,
	saveRecommendations,
	savePortrait,
	setFeedback
} from '$lib/db/journeys';
import { dexieArtistFactsCache } from '$lib/db/artist-facts-cache';
import { dexieCatalogCache } from '$lib/db/catalog-cache';
import { createJourneyWithImport } from '$lib/db/imports';
import { deleteJourney, pendingDelete, settlePendingDelete } from '$lib/db/delete';
import { localAnalysis } from '$lib/domain/journey';
import { exportBackup } from './export';
import { checkAccount, importBackup, readBackup } from './import';
import { BackupError, BACKUP_VERSION, type BackupErrorCode } from './format';
import { eraseDevice, eraseWarning } from './erase';

const TABLES = [
	'journeys',
	'portraits',
	'conversations',
	'messages',
	'recommendationSets',
	'albumFeedback',
	'analyses',
	'imports'
];

function freshDevice() {
	const d = new CartographerDB(`test-${crypto.randomUUID()}`);
	useDatabase(d);
	return d;
}

beforeEach(() => {
	freshDevice();
});

async function makeJourney(withImport = false) {
	const artists = [{ name: 'Radiohead' }, { name: 'Björk' }];
	const id = withImport
		? await createJourneyWithImport(artists, {
				files: [
					{ name: 'StreamingHistory1.json', format: 'spotify', rows: 3, skipped: 0, bytes: 9 }
				],
				warnings: [],
				artists: [{ name: 'Radiohead', plays: 2, msPlayed: 1000 }],
				chosen: ['Radiohead']
			})
		: await createJourney(artists);
	await savePortrait(id, samplePortrait);
	let j = (await loadJourney(id))!;
	const conv = j.conversations[0];
	await appendMessage(conv, 'assistant', 'Question 1: what do you want?', { questionNumber: 1 });
	await appendMessage(conv, 'user', 'Long moody records', { complete: true });
	await saveRecommendations(conv, 1, sampleAlbums);
	j = (await loadJourney(id))!;
	const set = j.sets[0];
	await setFeedback(set, set.albums[0].key, {
		rating: 5,
		rationale: 'Strings',
		resonantElement: 'Drums'
	});
	await setFeedback(set, set.albums[1].key, { rating: 4 });
	await setFeedback(set, set.albums[2].key, { rating: 2 });
	j = (await loadJourney(id))!;
	await saveAnalysis(conv, localAnalysis(j.feedback), {
		reinforcedThemes: 'Strings',
		strategicPivot: 'Jazz'
	});
	return id;
}

async function contents(d = db()) {
	const out: Record<string, unknown[]> = {};
	for (const t of TABLES) out[t] = await d.table(t).orderBy('id').toArray();
	return out;
}

/** Puts rows as another device holds them, with the deleted journey still alive. */
async function makeJourneyCopy(rows: Record<string, unknown[]>) {
	let n = 0;
	for (const [t, list] of Object.entries(rows)) {
		const alive = (list as { deletedAt?: number }[]).map((r) => {
			const copy = { ...r };
			delete copy.deletedAt;
			return copy;
		});
		await db().table(t).bulkPut(alive);
		n += alive.length;
	}
	return n;
}

async function backupText() {
	return (await exportBackup({ appVersion: 'test' })).join('');
}

async function importText(text: string, file = 'backup.json') {
	const backup = await readBackup(file, text);
	await checkAccount(file, backup);
	return importBackup(backup);
}

describe('export and import', () => {
	it('brings the whole history to an empty device, and a second import changes nothing', async () => {
		await makeJourney(true);
		await makeJourney();
		const original = await contents();
		const history = await listJourneys();
		const text = await backupText();

		freshDevice();
		const first = await importText(text);
		expect(first).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
		expect(await contents()).toEqual(original);
		expect(await listJourneys()).toEqual(history);
		// Every synced row is queued for the account.
		const rows = TABLES.filter((t) => t !== 'imports').reduce((n, t) => n + original[t].length, 0);
		expect(await db().outbox.count()).toBe(rows);

		const queued = await db().outbox.count();
		const second = await importText(text);
		expect(second).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
		expect(await contents()).toEqual(original);
		expect(await db().outbox.count()).toBe(queued);
	});

	it('the header names the format, version, app version and account', async () => {
		await makeJourney();
		await db().syncState.put({
			key: 'owner',
			value: { userId: '2b5c9d1e-0000-4000-8000-000000000001', email: 'a@example.com' }
		});
		const backup = await readBackup('b.json', await backupText());
		expect(backup.header).toMatchObject({
			format: 'sonic-cartographer-backup',
			version: BACKUP_VERSION,
			appVersion: 'test',
			accountId: '2b5c9d1e-0000-4000-8000-000000000001',
			counts: { journeys: 1, imports: 0, deleted: 0 }
		});
		expect(Date.parse(backup.header.exportedAt)).not.toBeNaN();
		expect(backup.journeys[0].albumFeedback[0].fieldClocks?.rating).toMatch(/^\d{13}:/);
	});

	it('merges feedback per field by clock: newer edits on either side survive', async () => {
		const id = await makeJourney();
		const text = await backupText(); // rating 5, "Strings"
		const j = (await loadJourney(id))!;
		const key = j.sets[0].albums[0].key;
		await setFeedback(j.sets[0], key, { rationale: 'The strings, later' });
		const other = await backupText();

		// An older backup does not undo the newer note.
		await importText(text);
		expect((await loadJourney(id))!.feedback.find((f) => f.albumKey === key)?.rationale).toBe(
			'The strings, later'
		);
		// A device that only has the old state takes the newer note from the newer backup.
		freshDevice();
		await importText(text);
		const r = await importText(other);
		expect(r.updated).toBe(1);
		expect((await loadJourney(id))!.feedback.find((f) => f.albumKey === key)?.rationale).toBe(
			'The strings, later'
		);
	});

	it('tombstones win both ways', async () => {
		const a = await makeJourney();
		const b = await makeJourney();
		const both = await backupText();
		await deleteJourney(a);
		await settlePendingDelete();
		const withDeleted = await backupText();
		// A deleted journey's content is not kept in the backup, only its tombstones.
		expect(withDeleted.split('Long moody records').length).toBe(2);

		// The old backup does not bring the deleted journey back here…
		await importText(both);
		expect((await listJourneys()).map((j) => j.row.id)).toEqual([b]);
		// …and the newer one deletes it on a device that still has it.
		freshDevice();
		await importText(both);
		const r = await importText(withDeleted);
		expect(r.deleted).toBeGreaterThan(0);
		expect((await listJourneys()).map((j) => j.row.id)).toEqual([b]);
	});

	it('a file re-formatted by another JSON tool still imports', async () => {
		await makeJourney();
		const original = await contents();
		const pretty = JSON.stringify(JSON.parse(await backupText()), null, 2);
		freshDevice();
		await importText(pretty);
		expect(await contents()).toEqual(original);
	});
	it('a backup made before journeys were renamed (format 1: session, sessionId) imports whole', async () => {
		const gone = await makeJourney();
		await makeJourney(true);
		await makeJourney();
		await deleteJourney(gone);
		await settlePendingDelete();
		const original = await contents();
		const history = await listJourneys();
		// The same backup as the app wrote it before the rename (BACKUP_VERSION 1).
		const v1 = (await backupText())
			.replace(`"version":${BACKUP_VERSION},`, '"version":1,')
			.replaceAll('{"journey":{', '{"session":{')
			.replaceAll('"journeyId":', '"sessionId":')
			.replaceAll('"journey_id":', '"session_id":')
			.replaceAll('"table":"journeys"', '"table":"sessions"');
		expect(v1).not.toMatch(/journey_?[iI]d|"journey":|"table":"journeys"/);
		expect(v1).toMatch(/"session":\{.*"sessionId":.*"session_id":/);
		expect(v1).toContain('"table":"sessions"');

		for (const text of [v1, JSON.stringify(JSON.parse(v1), null, 2)]) {
			freshDevice();
			const summary = await importText(text);
			expect(summary).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
			// Rows come back under journeys / journeyId / journey_id clocks, nothing missing…
			// Rows come back under journeys / journeyId / journey_id clocks, nothing missing but
			// the deleted journey, whose content a backup never holds.
			expect(await contents()).toEqual(
				Object.fromEntries(
					Object.entries(original).map(([t, rows]) => [
						t,
						(rows as { id: string; journeyId?: string }[]).filter(
							(r) => r.id !== gone && r.journeyId !== gone
						)
					])
				)
			);
			expect(await listJourneys()).toEqual(history);
		}

		// Its tombstones still delete the journey on a device that has it.
		freshDevice();
		const both = await makeJourneyCopy(original);
		expect(both).toBeGreaterThan(0);
		const r = await importText(v1);
		expect(r.deleted).toBeGreaterThan(0);
		expect((await db().journeys.get(gone))?.deletedAt).toBeDefined();
	});

	it('a delete still open to undo is kept for good before an import merges', async () => {
		const id = await makeJourney();
		const text = await backupText();
		await deleteJourney(id);
		await importText(text);
		expect(await pendingDelete()).toBeUndefined();
		expect(await listJourneys()).toEqual([]);
		const queued = await db().outbox.where('[table+rowId]').equals(['journeys', id]).count();
		expect(queued).toBeGreaterThan(0);
	});
});

describe('a backup that cannot be imported changes nothing', () => {
	async function refused(text: string, code: BackupErrorCode) {
		const before = await contents();
		const outbox = await db().outbox.count();
		const error = await importText(text, 'mine.json').catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as BackupError).code).toBe(code);
		expect((error as BackupError).message).toContain('mine.json');
		expect(await contents()).toEqual(before);
		expect(await db().outbox.count()).toBe(outbox);
	}

	it('a truncated file, cut anywhere', async () => {
		await makeJourney();
		await makeJourney();
		const text = await backupText();
		freshDevice();
		for (const at of [0.3, 0.5, 0.9, 0.999]) {
			await refused(text.slice(0, Math.floor(text.length * at)), 'TRUNCATED');
		}
		// Cut exactly at a line break, after the first journey.
		const lines = text.split('\n');
		await refused(lines.slice(0, 3).join('\n') + '\n', 'TRUNCATED');
		const pretty = JSON.stringify(JSON.parse(text), null, 1);
		await refused(pretty.slice(0, pretty.length / 2), 'TRUNCATED');
	});

	it('a backup from a newer version', async () => {
		await makeJourney();
		const text = (await backupText()).replace(
			`"version":${BACKUP_VERSION},`,
			`"version":${BACKUP_VERSION + 1},`
		);
		expect(text).toContain(`"version":${BACKUP_VERSION + 1},`);
		freshDevice();
		await refused(text, 'NEWER_VERSION');
	});

	it('foreign JSON, or no JSON at all', async () => {
		await makeJourney();
		await refused('[{"ts":"2024-01-01","artistName":"Radiohead"}]', 'NOT_BACKUP');
		await refused('{"format":"something-else","version":1}', 'NOT_BACKUP');
		await refused('artist,album\nRadiohead,OK Computer\n', 'NOT_JSON');
	});

	it('a damaged record anywhere in the file', async () => {
		await makeJourney();
		await makeJourney();
		const text = await backupText();
		freshDevice();
		const lines = text.split('\n');
		const broken = JSON.parse(lines[3].replace(/,$/, ''));
		broken.albumFeedback[0].rating = 9;
		lines[3] = JSON.stringify(broken);
		await refused(lines.join('\n'), 'INVALID_RECORD');
	});

	it("another account's backup", async () => {
		await makeJourney();
		const d = db();
		await d.syncState.put({
			key: 'owner',
			value: { userId: '2b5c9d1e-0000-4000-8000-000000000001' }
		});
		const text = await backupText();
		freshDevice();
		await db().syncState.put({
			key: 'owner',
			value: { userId: '2b5c9d1e-0000-4000-8000-000000000002' }
		});
		await refused(text, 'OTHER_ACCOUNT');
	});
});

describe('erasing this device', () => {
	it('warns about changes the account does not have yet, then removes every row', async () => {
		await makeJourney(true);
		expect(await eraseWarning()).toMatchObject({ journeys: 1, unsynced: 0 });
		await db().syncState.put({ key: 'owner', value: { userId: 'u', email: 'a@example.com' } });
		const w = await eraseWarning();
		expect(w.unsynced).toBeGreaterThan(0);
		expect(w.owner?.email).toBe('a@example.com');
		expect(w.what).toBe('1 journey and 3 ratings or notes');

		await eraseDevice();
		for (const t of db().tables) expect(await t.count()).toBe(0);
		expect(await listJourneys()).toEqual([]);
	});

	it('the MusicBrainz caches are not backed up, and erasing clears them', async () => {
		const here = db();
		await makeJourney();
		await dexieCatalogCache().put('ok computer|radiohead', {
			status: 'verified',
			mbid: 'rg-ok-computer',
			checkedAt: 1
		});
		await dexieArtistFactsCache().set('artist:radiohead', {
			kind: 'artist',
			status: 'known',
			mbid: 'mbid-radiohead',
			country: 'GB',
			tags: [],
			checkedAt: 1
		});
		await dexieArtistFactsCache().set('area:mbid-salford', {
			kind: 'area',
			country: 'GB',
			checkedAt: 1
		});
		const text = await backupText();
		expect(text).not.toMatch(/rg-ok-computer|mbid-radiohead|mbid-salford/);

		const elsewhere = freshDevice();
		await importText(text);
		expect(await elsewhere.catalogCache.count()).toBe(0);
		expect(await elsewhere.artistFacts.count()).toBe(0);

		useDatabase(here);
		expect(await here.catalogCache.count()).toBe(1);
		expect(await here.artistFacts.count()).toBe(2);
		await eraseDevice();
		expect(await here.catalogCache.count()).toBe(0);
		expect(await here.artistFacts.count()).toBe(0);
	});
});
