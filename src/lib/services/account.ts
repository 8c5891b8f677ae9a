/**
 * Syncing with the listener's account, as every screen sees it: the live status, starting
 * sync in this tab, "Sync now", and what to do with changes the server refused or with
 * another account's journeys. supabase-js and the sync engine load only when first needed
 * (someone signed in here, or the Account page opened), so the first screens stay light.
 */
import { hasStoredSession } from '$lib/auth/client';
import { describeRejected, syncStatus } from '$lib/sync/sync-status.svelte';

export { describeRejected, syncStatus };

/** Starts the status and, when someone signed in on this device, syncing in this tab. */
export function resumeSync(): void {
	syncStatus.start();
	if (hasStoredSession()) void startSync();
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
