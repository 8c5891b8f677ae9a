/**
 * Import history: which files were read, what was found, which artists the
 * listener kept — stored with the journey (and so the portrait) it fed.
 */
import type { ArtistInput } from '$contract/curator';
import type { JourneyRow } from '$lib/domain/types';
import { db, type ImportRow } from './schema';
import { newId, putRows } from './write';

export type ImportDraft = Omit<ImportRow, 'id' | 'createdAt' | 'journeyId'>;

/** Starts a journey from typed and imported artists, keeping the import's record beside it. */
export async function createJourneyWithImport(
	artists: ArtistInput[],
	draft: ImportDraft | undefined
): Promise<string> {
	const now = Date.now();
	const importId = draft ? newId() : undefined;
	const journey: JourneyRow = {
		id: newId(),
		createdAt: now,
		updatedAt: now,
		artists,
		source: draft ? `import:${draft.files.map((f) => f.format).join('+')}` : 'typed',
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
