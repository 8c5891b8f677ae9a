/**
 * A local cache over one Dexie table of rows `{ key, checkedAt, value }` (the catalogue's
 * groundings, artists' facts): a value of an older or other shape reads as a miss, so it is
 * looked up again and rewritten. Never synced, never in a backup.
 */
import type { EntityTable } from 'dexie';
import type { CachedRow } from './schema';

export interface CachedValues<T extends { checkedAt: number }> {
	get(key: string): Promise<T | undefined>;
	put(key: string, value: T): Promise<void>;
}

export function cachedValues<T extends { checkedAt: number }>(
	table: EntityTable<CachedRow, 'key'>,
	isValid: (value: unknown) => value is T
): CachedValues<T> {
	return {
		async get(key) {
			const row = await table.get(key);
			return isValid(row?.value) ? row.value : undefined;
		},
		async put(key, value) {
			await table.put({ key, checkedAt: value.checkedAt, value });
		}
	};
}
