/**
 * Dexie rows (camelCase, epoch-ms numbers) ⇄ server rows (snake_case, timestamptz).
 *
 * The server's contract (sync_push in supabase/migrations) rejects unknown columns rather
 * than dropping them, so every column the device sends is listed per table in the registry
 * of synced tables (src/lib/db/tables.ts): a field the device keeps for itself (or a field added to a Dexie row before its server
 * column exists) is never sent. `rev`, `updated_at` and `user_id` are the server's: never
 * sent (the server takes the caller as owner); on the way back `updated_at` becomes the
 * row's `updatedAt` for the tables that keep one, the others are dropped.
 *
 * Timestamps go up as epoch milliseconds (the server accepts them) and come back as ISO
 * strings, turned into milliseconds. `null` from the server becomes an absent field, and an
 * absent (undefined) field is not sent, so the server's column default applies.
 */
import type { Json } from '$lib/db/database.types';
import { TABLES, type ServerTable } from '$lib/db/tables';
import type { SyncedTable } from '$lib/domain/types';

export { TABLES } from '$lib/db/tables';
export type { ServerColumn, ServerTable } from '$lib/db/tables';

/** A row as sent to and read from sync_push / sync_pull: JSON, keyed by server column. */
export type ServerRow = { [column: string]: Json | undefined } & { id: string };
export type LocalRow = Record<string, unknown> & { id: string };

const TIMESTAMPS = new Set(['created_at', 'deleted_at', 'updated_at']);

const LOCAL_BY_SERVER = new Map<string, SyncedTable>(
	(Object.keys(TABLES) as SyncedTable[]).map((t) => [TABLES[t].server, t])
);

export function camel(column: string): string {
	return column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function serverTable(table: SyncedTable): ServerTable {
	return TABLES[table].server;
}

/** The Dexie table for a server table name, or undefined for a name this app does not know. */
export function localTable(table: string): SyncedTable | undefined {
	return LOCAL_BY_SERVER.get(table);
}

/** A Dexie row as the server's whole row (only the listed columns; undefined left out). */
export function toServer(table: SyncedTable, row: LocalRow): ServerRow {
	const out: Record<string, unknown> = {};
	for (const column of TABLES[table].columns) {
		const value = row[camel(column)];
		if (value === undefined) continue;
		out[column] = value;
	}
	return out as ServerRow;
}

function toMillis(value: unknown): unknown {
	if (typeof value === 'string') {
		const ms = Date.parse(value);
		return Number.isNaN(ms) ? undefined : ms;
	}
	return value;
}

/** A pulled server row as a Dexie row (unknown and server-only columns dropped). */
export function fromServer(table: SyncedTable, row: Record<string, unknown>): LocalRow {
	const spec = TABLES[table];
	const columns = spec.updatedAt ? [...spec.columns, 'updated_at'] : spec.columns;
	const out: Record<string, unknown> = {};
	for (const column of columns) {
		let value = row[column];
		if (value === null || value === undefined) continue;
		if (TIMESTAMPS.has(column)) value = toMillis(value);
		if (value === undefined) continue;
		out[camel(column)] = value;
	}
	return out as LocalRow;
}
