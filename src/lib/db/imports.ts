/**
 * Import history: which files were read, what was found, which artists the
 * listener kept — stored with the journey (and so the portrait) it fed.
 */
import type { ArtistInput } from '$contract/curator';
import type { JourneyRow } from '$lib/domain/types';
import { db, type ImportRow } from './schema';
import { newId, putRows } from './write';

export type ImportDraft = Omit<ImportRow, 'id' | 'createdAt' | 'journeyId'>;

/**
 * Where a journey's artists came from: 'typed', `import:<formats>`, the music services they were
 * read from ('spotify', 'lastfm', 'listenbrainz'), joined by '+' (e.g. 'import:lastfm-csv+spotify').
 */
export function journeySource(draft: ImportDraft | undefined, services: readonly string[] = []) {
	const parts = [
		...(draft ? [`import:${draft.files.map((f) => f.format).join('+')}`] : []),
		...new Set(services)
	];
	return parts.length ? parts.join('+') : 'typed';
}

/**
 * Starts a journey from typed, imported and services' artists, keeping the import's record
 * beside it.
 */
export async function createJourneyWithImport(
	artists: ArtistInput[],
	draft: ImportDraft | undefined,
	services: readonly string[] = []
): Promise<string> {
	const now = Date.now();
	const importId = draft ? newId() : undefined;
	const journey: JourneyRow = {
		id: newId(),
		createdAt: now,
		updatedAt: now,
		artists,
		source: journeySource(draft, services),
		importId,
		round: 1
	};
	await putRows([{ table: 'journeys', row: journey }]);
	if (draft && importId) {
		await db().imports.put({ ...draft, id: importId, createdAt: now, journeyId: journey.id });
	}
	return journey.id;
}

/**
 * Every album the listener's imports show they played (or saved), from every import run kept
 * on the device: what no curator may recommend. Imports stay on the device (never synced).
 */
export async function albumsPlayed(): Promise<{ title: string; artist: string; plays: number }[]> {
	const rows = await db().imports.toArray();
	return rows.flatMap((r) => r.albums ?? []);
}

export function loadImport(id: string): Promise<ImportRow | undefined> {
	return db().imports.get(id);
}
