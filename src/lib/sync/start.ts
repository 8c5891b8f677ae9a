/**
 * Wires the sync engine into the app: the app's database, the signed-in account from
 * supabase-js, Web Locks and window events. Load it lazily (it pulls in supabase-js on
 * first use):
 *
 *   onMount(() => { if (hasStoredSession()) void import('$lib/sync/start').then((m) => m.startSync()); });
 *
 * Every tab calls startSync(); only the tab holding the Web Lock syncs. "Sync now" in any
 * tab reaches the syncing tab over a BroadcastChannel.
 */
import { config } from '$lib/config';
import { accountDeletedElsewhere } from '$lib/auth/account';
import { db } from '$lib/db/schema';
import { isAccount, loadCreateClient, signOut, supabase, watchUser } from '$lib/auth/client';
import { clearDeviceData, SyncEngine, type SyncSession } from './engine';
import { pinnedTransport } from './transport';
import { syncStatus } from './sync-status.svelte';

let starting: Promise<SyncEngine> | undefined;
let channel: BroadcastChannel | undefined;
let cached: SyncSession | undefined;

async function session(): Promise<SyncSession | null> {
	const c = await supabase();
	const { data } = await c.auth.getSession();
	const user = data.session?.user;
	if (!isAccount(user)) return null;
	if (cached?.user.userId !== user.id) {
		const createClient = await loadCreateClient();
		cached = {
			user: { userId: user.id, email: user.email },
			transport: pinnedTransport(createClient, config.supabaseUrl, config.anonKey, c.auth, user.id)
		};
	}
	return cached;
}

/** Starts syncing in this tab (idempotent). */
export function startSync(): Promise<SyncEngine> {
	starting ??= (async () => {
		syncStatus.start();
		const e = new SyncEngine({
			db,
			session,
			events: typeof window === 'undefined' ? undefined : window,
			locks: typeof navigator !== 'undefined' ? navigator.locks : undefined,
			accountDeleted: accountDeletedElsewhere,
			onAccountDeleted: signOut
		});
		if (typeof BroadcastChannel !== 'undefined') {
			channel = new BroadcastChannel('sonic-cartographer-sync');
			channel.onmessage = (m) => {
				if (m.data === 'sync-now') e.request(0);
			};
		}
		await watchUser((user) => {
			syncStatus.setUser(user);
			if (isAccount(user)) {
				// Ask the browser not to evict the listener's data (Safari may otherwise).
				void navigator.storage?.persist?.().catch(() => false);
			}
			e.request(0);
		});
		e.start();
		return e;
	})();
	return starting;
}

/** Runs a pass now in whichever tab syncs. */
export async function syncNow(): Promise<void> {
	const e = await startSync();
	if (e.isLeader) await e.run();
	else channel?.postMessage('sync-now');
}

/**
 * The listener chose to remove the other account's data from this device and load the
 * signed-in account instead (after being told how many unsynced changes that loses).
 */
export async function replaceDeviceData(): Promise<void> {
	await clearDeviceData(db());
	await syncNow();
}
