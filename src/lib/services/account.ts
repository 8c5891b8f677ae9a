/**
 * Syncing with the listener's account, as every screen sees it: the live status, starting
 * sync in this tab, "Sync now", and what to do with changes the server refused or with
 * another account's journeys. supabase-js and the sync engine load only when first needed
 * (someone signed in here, or the Account page opened), so the first screens stay light.
 */
import { AUTH_STORAGE_KEY, hasStoredSession } from '$lib/auth/client';
import { describeRejected, syncStatus } from '$lib/sync/sync-status.svelte';

export { describeRejected, syncStatus };

/**
 * When an account signed in on this device: starts the status and syncing in this tab.
 * Without one there is nothing to show in the header (nothing waits for an account), so
 * nothing loads until another tab signs in; the Account page starts the status itself.
 */
export function resumeSync(): void {
	if (hasStoredSession()) {
		syncStatus.start();
		void startSync();
		return;
	}
	const signedInElsewhere = (event: StorageEvent) => {
		if (event.key !== AUTH_STORAGE_KEY || !hasStoredSession()) return;
		removeEventListener('storage', signedInElsewhere);
		resumeSync();
	};
	addEventListener('storage', signedInElsewhere);
}

/** Starts syncing in this tab (idempotent; only the tab holding the lock syncs). */
export async function startSync(): Promise<void> {
	const { startSync } = await import('$lib/sync/start');
	await startSync();
}

/** Runs a pass now in whichever tab syncs. */
export async function syncNow(): Promise<void> {
	const { syncNow } = await import('$lib/sync/start');
	await syncNow();
}

/** A change the server refused, sent again. */
export async function retryRejected(seq: number): Promise<void> {
	const [{ db }, { retryRejected }] = await Promise.all([
		import('$lib/db/schema'),
		import('$lib/sync/outbox')
	]);
	await retryRejected(db(), seq);
	await syncNow();
}

/** The listener chose to stop sending a refused change (it stays on this device). */
export async function discardRejected(seq: number): Promise<void> {
	const [{ db }, { discardRejected }] = await Promise.all([
		import('$lib/db/schema'),
		import('$lib/sync/outbox')
	]);
	await discardRejected(db(), seq);
}

/** Removes another account's journeys from this device and loads the signed-in account's. */
export async function replaceDeviceData(): Promise<void> {
	const { replaceDeviceData } = await import('$lib/sync/start');
	await replaceDeviceData();
}
