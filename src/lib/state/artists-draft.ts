/**
 * The artists list being made on the artists page, kept in sessionStorage (this tab only) as it
 * changes: connecting Spotify leaves the app for Spotify's page and comes back, and a reload
 * happens; neither may cost the listener what they typed or brought in. Cleared once the journey
 * is started. Storage that refuses only costs the draft, never the list on screen.
 */
import type { ServiceArtist } from '$lib/services/connections';

const KEY = 'sonic-cartographer:artists-draft';

export interface ArtistsDraft {
	text: string;
	fromServices: { service: string; artists: ServiceArtist[] }[];
}

export function loadArtistsDraft(): ArtistsDraft | undefined {
	try {
		const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Partial<ArtistsDraft> | null;
		if (!value || typeof value.text !== 'string' || !Array.isArray(value.fromServices)) return;
		return { text: value.text, fromServices: value.fromServices };
	} catch {
		return undefined;
	}
}

export function saveArtistsDraft(draft: ArtistsDraft): void {
	try {
		if (draft.text.trim() || draft.fromServices.length) {
			sessionStorage.setItem(KEY, JSON.stringify(draft));
		} else sessionStorage.removeItem(KEY);
	} catch {
		// Not kept: the list is still on screen.
	}
}

export function clearArtistsDraft(): void {
	try {
		sessionStorage.removeItem(KEY);
	} catch {
		// Nothing to clear.
	}
}
