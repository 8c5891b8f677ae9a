/**
 * Backups made before journeys had one name everywhere (format version 1) called a journey a
 * "session": each journey record held `session`, every row of it `sessionId` (and album
 * feedback a `session_id` field clock), imports `sessionId`, and a deleted journey's
 * tombstone the table 'sessions'. Such a file still imports: each record is read as the
 * current version writes it, before the checks run, so one set of checks and one merge serve
 * both. Anything that is not what version 1 wrote is left as it is for the checks to judge.
 */
import type { SECTIONS } from './format';

type Section = (typeof SECTIONS)[number];
type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function renameRow(row: unknown): unknown {
	if (!isObject(row)) return row;
	let out: Obj = row;
	if ('sessionId' in out) {
		const { sessionId, ...rest } = out;
		out = { ...rest, journeyId: sessionId };
	}
	const clocks = out.fieldClocks;
	if (isObject(clocks) && 'session_id' in clocks) {
		const { session_id, ...rest } = clocks;
		out = { ...out, fieldClocks: { ...rest, journey_id: session_id } };
	}
	return out;
}

/** One record of a backup of format `version`, as the current format has it. */
export function currentRecord(version: number, section: Section, value: unknown): unknown {
	if (version >= 2 || !isObject(value)) return value;
	switch (section) {
		case 'journeys': {
			if (!('session' in value)) return value;
			const { session, ...parts } = value;
			const out: Obj = { journey: session };
			for (const [table, rows] of Object.entries(parts)) {
				out[table] = Array.isArray(rows) ? rows.map(renameRow) : rows;
			}
			return out;
		}
		case 'imports':
			return renameRow(value);
		case 'deleted':
			return value.table === 'sessions' ? { ...value, table: 'journeys' } : value;
	}
}
