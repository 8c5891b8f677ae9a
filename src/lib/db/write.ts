/**
 * Writing a row always writes its outbox entry in the same transaction, so the
 * sync engine can never miss a change nor push one that was rolled back.
 */
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	MessageRow,
	PortraitRow,
	RecommendationSetRow,
	JourneyRow,
	SyncedTable
} from '$lib/domain/types';
import { db } from './schema';

type Row =
	| JourneyRow
	| PortraitRow
	| ConversationRow
	| MessageRow
	| RecommendationSetRow
	| AlbumFeedbackRow
	| AnalysisRow;

/** Puts rows (any synced tables) and their outbox entries in one transaction. */
export async function putRows(changes: { table: SyncedTable; row: Row }[]): Promise<void> {
	const d = db();
	const tables = [...new Set(changes.map((c) => c.table))].map((t) => d.table(t));
	await d.transaction('rw', [...tables, d.outbox], async () => {
		const at = Date.now();
		for (const { table, row } of changes) {
			await d.table(table).put(row);
			await d.outbox.add({ table, rowId: row.id, op: 'put', at });
		}
	});
}

export function putRow(table: SyncedTable, row: Row): Promise<void> {
	return putRows([{ table, row }]);
}

export function newId(): string {
	return crypto.randomUUID();
}
