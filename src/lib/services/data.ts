/**
 * The listener's data on this device: a backup file out, a backup file in (read and checked
 * whole before the first write), erasing the device, and how much it stores.
 */
import { backupFileName, exportBackup, type BackupProgress } from '$lib/backup/export';
import { checkAccount, importBackup, readBackup, type ImportSummary } from '$lib/backup/import';

export { eraseDevice, eraseWarning, type EraseWarning } from '$lib/backup/erase';
export type { BackupProgress, ImportSummary };

/** Every journey as a backup file's parts, and the name to save it under. */
export async function exportBackupFile(
	appVersion: string,
	onProgress: (p: BackupProgress) => void
): Promise<{ parts: BlobPart[]; fileName: string }> {
	const parts = await exportBackup({ appVersion, onProgress });
	return { parts, fileName: backupFileName() };
}

/** Reads, checks, then merges a backup file into this device's journeys. */
export async function importBackupFile(
	file: File,
	onProgress: (p: BackupProgress) => void
): Promise<ImportSummary> {
	const text = await file.text();
	const backup = await readBackup(file.name, text, onProgress);
	await checkAccount(file.name, backup);
	return importBackup(backup, onProgress);
}
