/**
 * What keeps the sync status (sync-status.svelte.ts) in step with the device: the outbox and
 * the engine's notes in syncState, read with liveQuery so every tab shows the same. Loaded by
 * SyncStatus.start() on first use, so Dexie is not part of the first page.
 */
import { liveQuery } from 'dexie';
import { db } from '$lib/db/schema';
import { KEYS, type Owner, type SyncStatusValue } from './engine';
import { summarise } from './outbox';
import { pendingRows, type SyncStatus } from './sync-status.svelte';

export function feed(status: SyncStatus): void {
	liveQuery(() => Promise.all([pendingRows(db()), summarise(db())])).subscribe({
		next: ([pending, s]) => {
			status.pending = pending;
			status.rejected = s.rejected;
		},
		error: () => undefined
	});
	liveQuery(() => db().syncState.bulkGet([KEYS.lastSyncAt, KEYS.status, KEYS.owner])).subscribe({
		next: ([last, status_, owner]) => {
			status.lastSyncAt = last?.value as number | undefined;
			status.status = status_?.value as SyncStatusValue | undefined;
			status.owner = owner?.value as Owner | undefined;
		},
		error: () => undefined
	});
}
