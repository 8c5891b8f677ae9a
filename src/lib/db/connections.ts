/**
 * The device's connections to music services (schema.ts, `connections`): one row per service,
 * read and written here only. Not synced and not in backups (the backup module never lists this
 * table); "Erase this device" clears it with every other table.
 */
import { db, type ConnectionRow } from './schema';

export type { ConnectionRow };
export type ConnectionService = ConnectionRow['service'];

export function loadConnection(service: ConnectionService): Promise<ConnectionRow | undefined> {
	return db().connections.get(service);
}

export async function loadConnections(): Promise<ConnectionRow[]> {
	return db().connections.toArray();
}

/** Writes the service's row, keeping what the patch does not name. */
export async function saveConnection(
	service: ConnectionService,
	patch: Omit<Partial<ConnectionRow>, 'service'>
): Promise<ConnectionRow> {
	const d = db();
	return d.transaction('rw', d.connections, async () => {
		const now = Date.now();
		const before = await d.connections.get(service);
		const row: ConnectionRow = {
			connectedAt: now,
			...before,
			...patch,
			service,
			updatedAt: now
		};
		await d.connections.put(row);
		return row;
	});
}

/** Forgets the service: tokens and usernames go. */
export function forgetConnection(service: ConnectionService): Promise<void> {
	return db().connections.delete(service);
}

/** Spotify's new token pair, stored only if the row still holds the pair it replaces. */
export async function replaceSpotifyTokens(
	spent: string,
	next: { accessToken: string; refreshToken: string; expiresAt: number; scope: string }
): Promise<boolean> {
	const d = db();
	return d.transaction('rw', d.connections, async () => {
		const row = await d.connections.get('spotify');
		if (!row || row.refreshToken !== spent) return false;
		await d.connections.put({ ...row, ...next, updatedAt: Date.now() });
		return true;
	});
}
