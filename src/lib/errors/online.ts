/**
 * Whether the device says it has no connection, the one check every layer uses (outside a
 * browser: never). Apart from the rest of the errors module so the first page, which shows the
 * online status, does not load every error's words.
 */
export function isOffline(): boolean {
	return typeof navigator !== 'undefined' && navigator.onLine === false;
}
