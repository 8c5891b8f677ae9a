// A backup that cannot be imported, for whatever reason, changes nothing on the device.
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '$lib/db/schema';
import { BackupError, BACKUP_VERSION, type BackupErrorCode } from './format';

import {
	backupText,
	contents,
	freshDevice,
	importText,
	makeJourney
} from '../../../tests/unit/backup-device';

beforeEach(() => {
	freshDevice();
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
