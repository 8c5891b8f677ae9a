import { handleError } from '$lib/errors';
import type { BackupProgress } from '$lib/services/data';

const PHASE_WORDS: Record<BackupProgress['phase'], string> = {
	export: 'Exporting journeys',
	read: 'Reading the file',
	check: 'Checking every record',
	write: 'Adding journeys'
};

/** One line of progress for a long export or import. */
export function progressText(p: BackupProgress): string {
	const pct = p.total ? Math.round((p.done / p.total) * 100) : 100;
	return `${PHASE_WORDS[p.phase]}… ${pct}%`;
}

/** The failure's own words (backup errors are written for the listener); logged once. */
export function failureText(e: unknown, context: string): string {
	handleError(e, context);
	return e instanceof Error ? e.message : String(e);
}
