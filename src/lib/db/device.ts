/**
 * What can be known of the device database without opening it, so without loading Dexie:
 * its name, whether it exists yet, and whether another tab opened a newer version. The first
 * page reads only this (the rest of src/lib/db loads once a screen needs the rows).
 */

/** The app's IndexedDB database. */
export const DB_NAME = 'sonic-cartographer';

/**
 * Set when another tab opened a newer version of the database: this tab's connection is
 * closed (so the upgrade can run) and the app should ask the listener to reload.
 */
export const dbVersionState = {
	newerVersionOpened: false,
	listeners: new Set<() => void>(),
	notify(): void {
		this.newerVersionOpened = true;
		for (const l of this.listeners) l();
	}
};

/**
 * Whether this browser holds the app's database: false only when it surely does not (a new
 * listener). Browsers without `indexedDB.databases()` answer true, so nothing is ever hidden.
 */
export async function databaseExists(name = DB_NAME): Promise<boolean> {
	if (typeof indexedDB === 'undefined') return false;
	if (typeof indexedDB.databases !== 'function') return true;
	try {
		return (await indexedDB.databases()).some((d) => d.name === name);
	} catch {
		return true;
	}
}
