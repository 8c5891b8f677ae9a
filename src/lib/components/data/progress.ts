import type { BackupProgress } from '$lib/backup/export';

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

export function failureText(e: unknown): string {
	return e instanceof Error ? e.message : String(e);
}
