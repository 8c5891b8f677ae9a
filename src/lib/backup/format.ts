/**
 * The backup file: one versioned JSON document (described in docs/backup.md).
 *
 * It is written one record per line — a header line, then each journey, import and
 * tombstone on its own line — so both ends can work a record at a time and yield to the
 * page between records, instead of one long JSON.stringify / JSON.parse that would freeze
 * the page on a large history. It is still plain JSON: any JSON tool reads it, and a file
 * re-formatted by one is read too (in one go).
 */
import type {
	AnalysisRow,
	ConversationRow,
	MessageRow,
	PortraitRow,
	RecommendationSetRow,
	JourneyRow,
	SyncedTable
} from '$lib/domain/types';
import type { ImportRow, StoredAlbumFeedback } from '$lib/db/schema';
import { AppError } from '$lib/errors/base';

export const BACKUP_FORMAT = 'sonic-cartographer-backup';
/** 2: journeys are `journey` / `journeyId` / table 'journeys' (1 said session; still read). */
export const BACKUP_VERSION = 2;

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	/** ISO 8601. */
	exportedAt: string;
	appVersion: string;
	/** The account the device's data belongs to, or null when it has never synced. */
	accountId: string | null;
	counts: { journeys: number; imports: number; deleted: number };
}

/** One journey and everything in it, as stored on the device. */
export interface BackupJourney {
	journey: JourneyRow;
	portraits: PortraitRow[];
	conversations: ConversationRow[];
	messages: MessageRow[];
	recommendationSets: RecommendationSetRow[];
	albumFeedback: StoredAlbumFeedback[];
	analyses: AnalysisRow[];
}

/** A deleted row: only its identity and when it was deleted (its content is not kept). */
export interface BackupTombstone {
	table: SyncedTable;
	id: string;
	deletedAt: number;
}

export interface Backup {
	header: BackupHeader;
	journeys: BackupJourney[];
	imports: ImportRow[];
	deleted: BackupTombstone[];
}

export const SECTIONS = ['journeys', 'imports', 'deleted'] as const;

export type BackupErrorCode =
	'NOT_JSON' | 'NOT_BACKUP' | 'TRUNCATED' | 'NEWER_VERSION' | 'INVALID_RECORD' | 'OTHER_ACCOUNT';

/** Why a backup cannot be imported; the message is in the listener's words. */
export class BackupError extends AppError<BackupErrorCode> {
	override name = 'BackupError';
}

export const backupErrors = {
	notJson: (file: string) =>
		new BackupError(
			'NOT_JSON',
			`${file} isn't a Sonic Cartographer backup: it is not JSON. Choose a file made with “Export everything”.`
		),
	notBackup: (file: string) =>
		new BackupError(
			'NOT_BACKUP',
			`${file} is JSON, but not a Sonic Cartographer backup. Choose a file made with “Export everything”. (Listening histories from Spotify or Last.fm go in “Import listening history” when you start a journey.)`
		),
	truncated: (file: string) =>
		new BackupError(
			'TRUNCATED',
			`${file} looks cut off: it ends before the backup does. Nothing was imported. Export again, or copy the file again in full.`
		),
	newerVersion: (file: string, version: number) =>
		new BackupError(
			'NEWER_VERSION',
			`${file} was made by a newer version of Sonic Cartographer (backup format ${version}; this app reads up to ${BACKUP_VERSION}). Nothing was imported. Reload the app to update it, then import again.`
		),
	invalidRecord: (file: string, where: string) =>
		new BackupError(
			'INVALID_RECORD',
			`${file} is damaged: ${where} is not what a backup holds. Nothing was imported. Was it edited by hand? Export again.`
		),
	otherAccount: (file: string) =>
		new BackupError(
			'OTHER_ACCOUNT',
			`${file} belongs to another account than the one this device's journeys belong to. Nothing was imported. Sign in to that account to see its journeys on this device, or erase this device first (Your data → Erase this device) and import it then.`
		)
};
