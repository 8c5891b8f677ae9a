import { AlbumTally } from './albums';
import { Tally } from './tally';
import type { FileOutcome, FormatId, Role } from './types';

export function newOutcome(name: string, format: FormatId, role: Role): FileOutcome {
	return {
		name,
		format,
		role,
		tally: new Tally(),
		albums: new AlbumTally(),
		rows: 0,
		skipped: 0,
		warnings: []
	};
}

/** How often (in rows) parsers report progress; the run throttles further by time. */
export const TICK_EVERY = 2048;
