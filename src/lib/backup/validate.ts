/**
 * Checks every record of a backup before anything is written: a damaged or foreign file
 * must change nothing. The checks are what the app itself relies on when it reads a row
 * (ids, the journey a row belongs to, the fields every screen shows), not a full schema.
 */
import type { SyncedTable } from '$lib/domain/types';
import { isClock } from '$lib/clock/hlc';
import { JOURNEY_PARTS, SYNCED_TABLES } from '$lib/db/tables';
import { type BackupTombstone } from './format';

type Kind = 'string' | 'number' | 'boolean' | 'array' | 'object';

const REQUIRED: Record<SyncedTable, Record<string, Kind>> = {
	journeys: {
		id: 'string',
		createdAt: 'number',
		updatedAt: 'number',
		artists: 'array',
		source: 'string',
		round: 'number'
	},
	portraits: {
		id: 'string',
		journeyId: 'string',
		createdAt: 'number',
		artists: 'array',
		source: 'string',
		result: 'object'
	},
	conversations: {
		id: 'string',
		journeyId: 'string',
		round: 'number',
		direction: 'string',
		createdAt: 'number',
		updatedAt: 'number',
		complete: 'boolean'
	},
	messages: {
		id: 'string',
		conversationId: 'string',
		journeyId: 'string',
		seq: 'number',
		role: 'string',
		content: 'string',
		createdAt: 'number'
	},
	recommendationSets: {
		id: 'string',
		journeyId: 'string',
		conversationId: 'string',
		round: 'number',
		batch: 'number',
		createdAt: 'number',
		albums: 'array'
	},
	albumFeedback: {
		id: 'string',
		journeyId: 'string',
		setId: 'string',
		albumKey: 'string',
		round: 'number',
		title: 'string',
		artist: 'string',
		year: 'string',
		listened: 'boolean',
		createdAt: 'number',
		updatedAt: 'number'
	},
	analyses: {
		id: 'string',
		journeyId: 'string',
		conversationId: 'string',
		round: 'number',
		createdAt: 'number',
		averageRating: 'number',
		ratedCount: 'number',
		topAlbums: 'array',
		result: 'object'
	}
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function kindOf(v: unknown): Kind | 'other' {
	if (Array.isArray(v)) return 'array';
	if (v === null) return 'other';
	const t = typeof v;
	if (t === 'number') return Number.isFinite(v) ? 'number' : 'other';
	return t === 'string' || t === 'boolean' || t === 'object' ? t : 'other';
}

const isObject = (v: unknown): v is Record<string, unknown> => kindOf(v) === 'object';

/** The problem with one row, in a few words, or '' when it is fine. */
function rowProblem(table: SyncedTable, row: unknown, journeyId?: string): string {
	if (!isObject(row)) return 'not a record';
	for (const [field, kind] of Object.entries(REQUIRED[table])) {
		if (kindOf(row[field]) !== kind) return `its ${field} is missing or wrong`;
	}
	if (!UUID.test(row.id as string)) return 'its id is not an id';
	if (row.deletedAt !== undefined && kindOf(row.deletedAt) !== 'number') return 'its deletedAt';
	if (journeyId !== undefined && row.journeyId !== journeyId)
		return 'it belongs to another journey';
	if (table === 'messages' && row.role !== 'user' && row.role !== 'assistant') return 'its role';
	if (table === 'albumFeedback') {
		if (row.rating !== undefined && ![1, 2, 3, 4, 5].includes(row.rating as number)) {
			return 'its rating';
		}
		if (row.fieldClocks !== undefined) {
			if (!isObject(row.fieldClocks) || !Object.values(row.fieldClocks).every(isClock)) {
				return 'its field clocks';
			}
		}
	}
	return '';
}

/** Why a journey record is unusable ('' when it is fine). */
export function journeyProblem(value: unknown): string {
	if (!isObject(value)) return 'not a record';
	const problem = rowProblem('journeys', value.journey);
	if (problem) return `its journey: ${problem}`;
	const journeyId = (value.journey as { id: string }).id;
	for (const table of JOURNEY_PARTS) {
		const rows = value[table];
		if (!Array.isArray(rows)) return `its ${table} are missing`;
		for (const row of rows) {
			const p = rowProblem(table, row, journeyId);
			if (p) return `one of its ${table}: ${p}`;
		}
	}
	return '';
}

export function importProblem(value: unknown): string {
	if (!isObject(value)) return 'not a record';
	if (typeof value.id !== 'string' || !UUID.test(value.id)) return 'its id';
	if (kindOf(value.createdAt) !== 'number') return 'its createdAt';
	for (const f of ['files', 'warnings', 'artists', 'chosen']) {
		if (!Array.isArray(value[f])) return `its ${f}`;
	}
	return '';
}

export function tombstoneProblem(value: unknown): string {
	if (!isObject(value)) return 'not a record';
	if (!SYNCED_TABLES.includes(value.table as SyncedTable)) return 'its table';
	if (typeof value.id !== 'string' || !UUID.test(value.id)) return 'its id';
	if (kindOf(value.deletedAt) !== 'number') return 'its deletedAt';
	return '';
}

export type { BackupTombstone };
