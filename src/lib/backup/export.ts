/**
 * Export: every journey on the device (with its portrait, conversations, messages,
 * recommendations, feedback with field clocks and analyses), the import history, and the
 * tombstones of deleted rows, as one backup file. Journeys are read a chunk at a time, each
 * in its own read transaction, and the page gets the event loop back between chunks.
 */
import { db, type CartographerDB } from '$lib/db/schema';
import { deviceOwner } from '$lib/sync/sync-pass';
import type { SyncedTable } from '$lib/domain/types';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	type BackupHeader,
	type BackupJourney,
	type BackupTombstone
} from './format';
import { JOURNEY_PARTS } from '$lib/db/tables';

export const CHUNK = 100;

export interface BackupProgress {
	phase: 'export' | 'read' | 'check' | 'write';
	done: number;
	total: number;
}

export interface ExportOptions {
	appVersion?: string;
	onProgress?: (p: BackupProgress) => void;
	/** For tests and the benchmark; the app uses the current time. */
	now?: Date;
}

/** Gives the event loop back (rendering, input) between chunks. */
export function yieldToPage(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}

type Row = { id: string; journeyId?: string; deletedAt?: number };

/** The backup as text parts (join them, or hand them to a Blob). */
export async function exportBackup(
	opts: ExportOptions = {},
	d: CartographerDB = db()
): Promise<string[]> {
	const journeyRows = (await d.journeys.orderBy('createdAt').toArray()) as Row[];
	const live = journeyRows.filter((s) => s.deletedAt === undefined).map((s) => s.id);
	const imports = await d.imports.orderBy('createdAt').toArray();
	const owner = await deviceOwner(d);

	// Tombstones: a deleted journey's rows, by id only (its content is not kept). Deleted rows
	// inside a kept journey travel with it (feedback merges them by clock).
	const deleted: BackupTombstone[] = [];
	for (const s of journeyRows) {
		if (s.deletedAt === undefined) continue;
		deleted.push({ table: 'journeys', id: s.id, deletedAt: s.deletedAt });
		for (const table of JOURNEY_PARTS) {
			const rows = (await d.table(table).where('journeyId').equals(s.id).toArray()) as Row[];
			for (const r of rows) {
				deleted.push({ table, id: r.id, deletedAt: r.deletedAt ?? s.deletedAt });
			}
		}
	}

	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		exportedAt: (opts.now ?? new Date()).toISOString(),
		appVersion: opts.appVersion ?? 'unknown',
		accountId: owner?.userId ?? null,
		counts: { journeys: live.length, imports: imports.length, deleted: deleted.length }
	};
	const headerJson = JSON.stringify(header);
	const parts: string[] = [`${headerJson.slice(0, -1)},\n"journeys":[\n`];
	const tables = [d.journeys, ...JOURNEY_PARTS.map((t) => d.table(t))];
	for (let i = 0; i < live.length; i += CHUNK) {
		const ids = live.slice(i, i + CHUNK);
		const journeys = await d.transaction('r', tables, async () => {
			const rows = await d.journeys.bulkGet(ids);
			const byTable = new Map<SyncedTable, Map<string, Row[]>>();
			for (const table of JOURNEY_PARTS) {
				// One equality look-up per journey: anyOf over many keys is far slower in some
				// IndexedDB implementations, and these run in parallel inside the transaction.
				const found = (
					await Promise.all(ids.map((id) => d.table(table).where('journeyId').equals(id).toArray()))
				).flat() as Row[];
				const byJourney = new Map<string, Row[]>();
				for (const r of found) {
					const list = byJourney.get(r.journeyId!) ?? [];
					list.push(r);
					byJourney.set(r.journeyId!, list);
				}
				byTable.set(table, byJourney);
			}
			return rows.map((journey) => {
				const j = { journey } as Record<string, unknown>;
				for (const table of JOURNEY_PARTS) {
					j[table] = (byTable.get(table)!.get(journey!.id) ?? []).sort((a, b) =>
						a.id < b.id ? -1 : 1
					);
				}
				return j as unknown as BackupJourney;
			});
		});
		const last = i + CHUNK >= live.length;
		parts.push(journeys.map((j) => JSON.stringify(j)).join(',\n') + (last ? '\n' : ',\n'));
		opts.onProgress?.({ phase: 'export', done: i + ids.length, total: live.length });
		await yieldToPage();
	}
	parts.push('],\n"imports":[\n');
	parts.push(imports.map((r) => JSON.stringify(r)).join(',\n') + (imports.length ? '\n' : ''));
	parts.push('],\n"deleted":[\n');
	parts.push(deleted.map((r) => JSON.stringify(r)).join(',\n') + (deleted.length ? '\n' : ''));
	parts.push(']}\n');
	return parts;
}

/** A file name for today's backup. */
export function backupFileName(now = new Date()): string {
	return `sonic-cartographer-backup-${now.toISOString().slice(0, 10)}.json`;
}
