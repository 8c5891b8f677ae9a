import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/schema';
import { listJourneys, loadJourney, setFeedback } from '$lib/db/journeys';
import { deleteJourney, pendingDelete, settlePendingDelete } from '$lib/db/delete';
import { readBackup } from './import';
import { BACKUP_VERSION } from './format';

import {
	backupText,
	TABLES,
	contents,
	freshDevice,
	importText,
	makeJourney,
	makeJourneyCopy
} from '../../../tests/unit/backup-device';

beforeEach(() => {
	freshDevice();
});

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
