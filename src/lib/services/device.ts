/**
 * What the first page may ask of the device without loading the database's code (Dexie):
 * whether this browser may hold journeys at all.
 */
import { databaseExists } from '$lib/db/device';

/** False only for a browser that surely holds no journey yet: a new listener. */
export function mayHaveJourneys(): Promise<boolean> {
	return databaseExists();
}
