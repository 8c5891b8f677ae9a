/**
 * Import: read and check the whole backup first (nothing is written until every record has
 * passed), then merge it into the device a chunk of journeys per transaction.
 *
 * Merging follows the sync rules (src/lib/sync/merge.ts), so importing is idempotent and a
 * backup never undoes newer work:
 * - album feedback merges per field by hybrid logical clock (the device's clock then moves
 *   past the imported clocks, so the next edit here still wins);
 * - portraits, messages and recommendation sets are immutable: a row already here is kept;
 * - journeys and conversations keep the later `updatedAt`; an analysis keeps the listener's
 *   choice of direction if either side has it;
 * - a tombstone wins on both sides: a row deleted here stays deleted, and a row the backup
 *   records as deleted is deleted here.
 * Every row that changes gets its outbox entry in the same transaction, so a signed-in
 * listener's account receives what the backup brought. A row that does not change writes
 * nothing, so importing the same file twice changes nothing the second time.
 *
 * Another account's backup is refused, not merged: its rows' ids belong to that account on
 * the server, so pushing them under this device's account would only be rejected.
 */
import { db, type CartographerDB, type ImportRow, type StoredAlbumFeedback } from '$lib/db/schema';
import { settlePendingDelete, tombstone } from '$lib/db/delete';
import { SYNCED_TABLES } from '$lib/db/tables';
import type { SyncedTable } from '$lib/domain/types';
import { observe, tick } from '$lib/clock/hlc';
import { mergeFeedback, mergeRow, sameRow } from '$lib/sync/merge';
import type { LocalRow } from '$lib/sync/mapping';
import { deviceOwner } from '$lib/sync/sync-pass';
import { CHUNK, yieldToPage, type BackupProgress } from './export';
import {
	BACKUP_FORMAT,
	BACKUP_VERSION,
	SECTIONS,
	backupErrors,
	type Backup,
	type BackupHeader
} from './format';
import { currentRecord } from './legacy';
import { importProblem, journeyProblem, tombstoneProblem } from './validate';

const CHECKS = { journeys: journeyProblem, imports: importProblem, deleted: tombstoneProblem };
const WORDS = { journeys: 'journey', imports: 'import', deleted: 'deleted record' };

function checkHeader(file: string, value: unknown): BackupHeader {
	const h = value as Partial<BackupHeader> | null;
	if (!h || typeof h !== 'object' || h.format !== BACKUP_FORMAT) throw backupErrors.notBackup(file);
	if (typeof h.version !== 'number' || !Number.isInteger(h.version) || h.version < 1) {
		throw backupErrors.notBackup(file);
	}
	if (h.version > BACKUP_VERSION) throw backupErrors.newerVersion(file, h.version);
	if (h.accountId !== null && typeof h.accountId !== 'string') {
		throw backupErrors.invalidRecord(file, 'the account it names');
	}
	return h as BackupHeader;
}

async function checkSections(
	file: string,
	sections: Record<(typeof SECTIONS)[number], unknown[]>,
	onProgress?: (p: BackupProgress) => void
): Promise<void> {
	const total = SECTIONS.reduce((n, s) => n + sections[s].length, 0);
	let done = 0;
	for (const s of SECTIONS) {
		for (const [i, value] of sections[s].entries()) {
			const problem = CHECKS[s](value);
			if (problem) throw backupErrors.invalidRecord(file, `${WORDS[s]} ${i + 1} (${problem})`);
			if (++done % 500 === 0) {
				onProgress?.({ phase: 'check', done, total });
				await yieldToPage();
			}
		}
	}
}

/**
 * The file as the app writes it: a header line, then one record per line. Undefined when
 * the text is not laid out that way (re-formatted by another tool): then it is read whole.
 */
async function readLines(
	file: string,
	text: string,
	onProgress?: (p: BackupProgress) => void
): Promise<Backup | undefined> {
	const firstBreak = text.indexOf('\n');
	const first = firstBreak < 0 ? text : text.slice(0, firstBreak);
	if (!first.endsWith(',')) return undefined;
	let headerValue: unknown;
	try {
		headerValue = JSON.parse(`${first.slice(0, -1)}}`);
	} catch {
		return undefined;
	}
	const header = checkHeader(file, headerValue);
	// Lines are taken one at a time (no split of the whole text: one long task on a big file).
	let pos = firstBreak + 1;
	const atEnd = () => pos >= text.length;
	/** The next line; `last` is true when nothing follows it. */
	const nextLine = () => {
		const br = text.indexOf('\n', pos);
		const line = br < 0 ? text.slice(pos) : text.slice(pos, br);
		pos = br < 0 ? text.length : br + 1;
		return { line, last: atEnd() };
	};
	const sections = {
		journeys: [] as unknown[],
		imports: [] as unknown[],
		deleted: [] as unknown[]
	};
	let read = 0;
	for (const [n, s] of SECTIONS.entries()) {
		if (atEnd()) throw backupErrors.truncated(file);
		const opening = nextLine();
		if (opening.line !== `"${s}":[`) {
			if (opening.last) throw backupErrors.truncated(file);
			throw backupErrors.invalidRecord(file, `the line before ${s}`);
		}
		const close = n === SECTIONS.length - 1 ? ']}' : '],';
		for (;;) {
			if (atEnd()) throw backupErrors.truncated(file);
			const { line, last } = nextLine();
			if (line === close) break;
			const record = line.endsWith(',') ? line.slice(0, -1) : line;
			try {
				sections[s].push(currentRecord(header.version, s, JSON.parse(record)));
			} catch {
				// A cut-off last line is a truncated file; a bad line in the middle is damage.
				if (last) throw backupErrors.truncated(file);
				throw backupErrors.invalidRecord(file, `${WORDS[s]} ${sections[s].length + 1}`);
			}
			if (++read % 100 === 0) {
				onProgress?.({ phase: 'read', done: pos, total: text.length });
				await yieldToPage();
			}
		}
	}
	if (text.slice(pos).trim() !== '') {
		throw backupErrors.invalidRecord(file, 'what follows the end of the backup');
	}
	for (const s of SECTIONS) {
		if (header.counts?.[s] !== undefined && header.counts[s] !== sections[s].length) {
			throw backupErrors.truncated(file);
		}
	}
	await checkSections(file, sections, onProgress);
	return { header, ...sections } as Backup;
}

/** Reads and checks a whole backup; throws BackupError (in the listener's words). */
export async function readBackup(
	file: string,
	text: string,
	onProgress?: (p: BackupProgress) => void
): Promise<Backup> {
	const byLine = await readLines(file, text, onProgress);
	if (byLine) return byLine;
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		// Our format name near the start: a backup that was cut off (or damaged).
		throw text.slice(0, 200).includes(`"${BACKUP_FORMAT}"`)
			? backupErrors.truncated(file)
			: backupErrors.notJson(file);
	}
	const obj = value as Record<string, unknown>;
	const { journeys, imports, deleted, ...rest } = obj ?? {};
	const header = checkHeader(file, rest);
	const sections = { journeys, imports, deleted };
	for (const s of SECTIONS) {
		const records = sections[s];
		if (!Array.isArray(records)) throw backupErrors.invalidRecord(file, `its ${s}`);
		sections[s] = records.map((v: unknown) => currentRecord(header.version, s, v));
	}
	await checkSections(file, sections as Record<(typeof SECTIONS)[number], unknown[]>, onProgress);
	return { header, ...(sections as Omit<Backup, 'header'>) };
}

type Stored = LocalRow & { deletedAt?: number; updatedAt?: number; chosenDirection?: string };

/** The row to store for one imported row, or undefined to leave the device's row alone. */
export function mergeImported(
	table: SyncedTable,
	local: Stored | undefined,
	incoming: Stored
): Stored | undefined {
	if (!local) return incoming;
	if (table === 'albumFeedback') {
		const merged = mergeFeedback(local, incoming) as Stored;
		return sameRow(local, merged) ? undefined : merged;
	}
	if (table === 'portraits' || table === 'messages' || table === 'recommendationSets') {
		return mergeRow(table, local, incoming, false) as Stored | undefined;
	}
	let next: Stored = local;
	if (table === 'analyses') {
		if (local.chosenDirection === undefined && incoming.chosenDirection !== undefined) {
			next = incoming;
		}
	} else if ((incoming.updatedAt ?? 0) > (local.updatedAt ?? 0)) {
		next = incoming;
	}
	const deletedAt =
		local.deletedAt !== undefined && incoming.deletedAt !== undefined
			? Math.min(local.deletedAt, incoming.deletedAt)
			: (local.deletedAt ?? incoming.deletedAt);
	if (deletedAt !== next.deletedAt) next = { ...next, deletedAt };
	return sameRow(local, next) ? undefined : next;
}

export interface ImportSummary {
	/** Journeys that were not on the device. */
	added: number;
	/** Journeys already here that the backup changed (newer feedback, a tombstone…). */
	updated: number;
	unchanged: number;
	/** Rows the backup marked deleted that were deleted here. */
	deleted: number;
}

/** Refuses a backup of another account (see the header comment). */
export async function checkAccount(
	file: string,
	backup: Backup,
	d: CartographerDB = db()
): Promise<void> {
	const owner = await deviceOwner(d);
	if (backup.header.accountId && owner && owner.userId !== backup.header.accountId) {
		throw backupErrors.otherAccount(file);
	}
}

/** Merges a checked backup into the device. */
export async function importBackup(
	backup: Backup,
	onProgress?: (p: BackupProgress) => void,
	d: CartographerDB = db()
): Promise<ImportSummary> {
	const summary: ImportSummary = { added: 0, updated: 0, unchanged: 0, deleted: 0 };
	const all = [...SYNCED_TABLES.map((t) => d.table(t)), d.outbox, d.syncState, d.imports];
	const total = backup.journeys.length;
	// An import is the next action: a delete still open to undo is kept for good first, so
	// the merge below never writes outbox entries for rows whose undo is still on offer.
	await settlePendingDelete(d);
	// At least one pass, even with no journeys: imports and tombstones go with the first.
	for (let i = 0; i < total || i === 0; i += CHUNK) {
		const chunk = backup.journeys.slice(i, i + CHUNK);
		const first = i === 0;
		await d.transaction('rw', all, async () => {
			const at = Date.now();
			const outbox: { table: SyncedTable; rowId: string; op: 'put'; at: number }[] = [];
			const clocks: string[] = [];
			const changedJourneys = new Set<string>();
			const existing = new Set(
				(await d.journeys.bulkGet(chunk.map((j) => j.journey.id)))
					.filter((s) => s !== undefined)
					.map((s) => s.id)
			);
			for (const table of SYNCED_TABLES) {
				const rows = (
					table === 'journeys'
						? chunk.map((j) => j.journey)
						: chunk.flatMap((j) => j[table] as unknown as Stored[])
				) as Stored[];
				if (!rows.length) continue;
				const locals = (await d.table(table).bulkGet(rows.map((r) => r.id))) as (
					Stored | undefined
				)[];
				const puts: Stored[] = [];
				rows.forEach((row, k) => {
					if (table === 'albumFeedback') {
						clocks.push(
							...Object.values((row as unknown as StoredAlbumFeedback).fieldClocks ?? {})
						);
					}
					const next = mergeImported(table, locals[k], row);
					if (!next) return;
					puts.push(next);
					outbox.push({ table, rowId: row.id, op: 'put', at });
					changedJourneys.add(table === 'journeys' ? row.id : (row.journeyId as string));
				});
				if (puts.length) await d.table(table).bulkPut(puts);
			}
			if (first) {
				summary.deleted = await applyTombstones(d, backup, outbox, at);
				const imports = backup.imports as ImportRow[];
				const here = await d.imports.bulkGet(imports.map((r) => r.id));
				const fresh = imports.filter((_, k) => !here[k]);
				if (fresh.length) await d.imports.bulkPut(fresh);
			}
			if (outbox.length) await d.outbox.bulkAdd(outbox);
			if (clocks.length) await observe(d, clocks);
			for (const j of chunk) {
				const id = j.journey.id;
				if (!existing.has(id)) summary.added++;
				else if (changedJourneys.has(id)) summary.updated++;
				else summary.unchanged++;
			}
		});
		onProgress?.({ phase: 'write', done: Math.min(i + CHUNK, total), total });
		if (!total) break;
		await yieldToPage();
	}
	return summary;
}

async function applyTombstones(
	d: CartographerDB,
	backup: Backup,
	outbox: { table: SyncedTable; rowId: string; op: 'put'; at: number }[],
	at: number
): Promise<number> {
	let count = 0;
	for (const table of SYNCED_TABLES) {
		const stones = backup.deleted.filter((t) => t.table === table);
		if (!stones.length) continue;
		const locals = (await d.table(table).bulkGet(stones.map((t) => t.id))) as (
			Stored | undefined
		)[];
		const puts: Stored[] = [];
		const clock = table === 'albumFeedback' ? await tick(d, at) : undefined;
		stones.forEach((t, k) => {
			const local = locals[k];
			if (!local || local.deletedAt !== undefined) return;
			puts.push(tombstone(local, t.deletedAt, clock));
			outbox.push({ table, rowId: t.id, op: 'put', at });
		});
		if (puts.length) await d.table(table).bulkPut(puts);
		count += puts.length;
	}
	return count;
}
