/**
 * One push batch for the server benchmark: 100 ops, five whole journeys of 20 rows each
 * (journey, portrait, conversation, ten interview messages, a recommendation set, feedback
 * on its five albums, the analysis), built as Dexie rows and turned into server rows by the
 * app's own mapping (src/lib/sync/mapping.ts), so the JSON is what a device sends.
 *
 * Ids are templates, filled in by SQL with replace(): 'UUUUU' is the listener (5 hex digits),
 * 'RRRR' the run, 'KKKKKKKKKKKK' the batch number. The letters are not hex, so they cannot
 * clash with real content.
 */
import type { SyncedTable } from '../../src/lib/domain/types';
import { serverTable, toServer, type LocalRow } from '../../src/lib/sync/mapping';

export const USER_ID_TEMPLATE = '00000000-0000-4000-a000-0000000UUUUU';
/** SQL for the uuid of listener `u` (an integer expression), matching USER_ID_TEMPLATE. */
export const userIdSql = (u: string) => `'00000000-0000-4000-a000-' || lpad(to_hex(${u}), 12, '0')`;

export const OPS_PER_BATCH = 100;
const JOURNEYS = 5;

const hex3 = (i: number) => i.toString(16).padStart(3, '0');
const rowId = (i: number) => `${hex3(i)}UUUUU-RRRR-4000-8000-KKKKKKKKKKKK`;
const opId = (i: number) => `${hex3(i)}UUUUU-RRRR-4000-9000-KKKKKKKKKKKK`;

export interface Op {
	op_id: string;
	table: string;
	row: Record<string, unknown>;
}

const ARTISTS = [
	'Can',
	'Broadcast',
	'Stereolab',
	'Talk Talk',
	'Cocteau Twins',
	'Neu!',
	'Slowdive',
	'Alice Coltrane'
];
const ALBUMS = [
	['Tago Mago', 'Can', '1971'],
	['Spirit of Eden', 'Talk Talk', '1988'],
	['Dots and Loops', 'Stereolab', '1997'],
	['Heaven or Las Vegas', 'Cocteau Twins', '1990'],
	['Journey in Satchidananda', 'Alice Coltrane', '1971']
];

function journey(j: number, at: number): { table: SyncedTable; row: LocalRow }[] {
	const base = j * 20;
	const id = (k: number) => rowId(base + k);
	const [journey, portrait, conversation, set, analysis] = [id(0), id(1), id(2), id(13), id(19)];
	const artists = ARTISTS.map((name, i) => ({ name, plays: 1200 - i * 97 }));
	const facet = (label: string) => ({
		label,
		explanation: `${label}: the thread that runs through most of what this listener plays, from the early records to the late ones.`
	});
	const rows: { table: SyncedTable; row: LocalRow }[] = [
		{
			table: 'journeys',
			row: {
				id: journey,
				createdAt: at,
				updatedAt: at,
				artists,
				source: 'typed',
				portraitId: portrait,
				round: 1
			}
		},
		{
			table: 'portraits',
			row: {
				id: portrait,
				journeyId: journey,
				createdAt: at + 1_000,
				artists,
				source: 'typed',
				result: {
					primaryGenres: ['Krautrock', 'Dream pop', 'Post-rock'].map(facet),
					geographicCenters: ['Cologne', 'Birmingham'].map(facet),
					keyEras: ['Early 1970s', 'Late 1980s', '1990s'].map(facet),
					noteworthyGaps: ['Hip hop', 'Country'].map(facet),
					summary:
						'A listener of patient, textured records: repetition as a pleasure, studio as an instrument, voices used as one more colour.'
				}
			}
		},
		{
			table: 'conversations',
			row: {
				id: conversation,
				journeyId: journey,
				round: 1,
				direction: 'initial',
				createdAt: at + 2_000,
				complete: true,
				updatedAt: at + 60_000
			}
		}
	];
	for (let seq = 0; seq < 10; seq++) {
		const assistant = seq % 2 === 0;
		rows.push({
			table: 'messages',
			row: {
				id: id(3 + seq),
				conversationId: conversation,
				journeyId: journey,
				seq,
				role: assistant ? 'assistant' : 'user',
				content: assistant
					? `Question ${seq / 2 + 1} of 5: when a record stays with you for years, is it the groove, the sound of the room, or the voice that keeps you coming back?`
					: 'The groove first, then the room. Voices matter less, as long as they sit inside the mix.',
				...(assistant ? { questionNumber: seq / 2 + 1 } : {}),
				createdAt: at + 3_000 + seq * 1_000
			}
		});
	}
	rows.push({
		table: 'recommendationSets',
		row: {
			id: set,
			journeyId: journey,
			conversationId: conversation,
			round: 1,
			batch: 1,
			createdAt: at + 20_000,
			albums: ALBUMS.map(([title, artist, year], k) => ({
				key: `k${k}`,
				title,
				artist,
				year,
				reason: `${title} answers the pull towards long, patient grooves and a studio that is part of the band.`,
				genres: ['krautrock', 'art rock'],
				status: 'verified',
				mbid: `0f5f2a3c-3d39-4a4e-9d5e-0000000000${k}0`,
				coverUrl: `https://coverartarchive.org/release-group/0f5f2a3c-3d39-4a4e-9d5e-0000000000${k}0/front-250`,
				coverUrl500: `https://coverartarchive.org/release-group/0f5f2a3c-3d39-4a4e-9d5e-0000000000${k}0/front-500`
			}))
		}
	});
	ALBUMS.forEach(([title, artist, year], k) => {
		const t = at + 86_400_000 + k * 1_000;
		const clock = (n: number) => `${t}:${String(n).padStart(4, '0')}:device-a`;
		rows.push({
			table: 'albumFeedback',
			row: {
				id: id(14 + k),
				journeyId: journey,
				setId: set,
				albumKey: `k${k}`,
				round: 1,
				title,
				artist,
				year,
				listened: true,
				rating: 5 - (k % 3),
				rationale: 'The second side did it: it never hurries, and it never stands still.',
				fieldClocks: { listened: clock(0), rating: clock(1), rationale: clock(2) },
				createdAt: t,
				updatedAt: t
			}
		});
	});
	rows.push({
		table: 'analyses',
		row: {
			id: analysis,
			journeyId: journey,
			conversationId: conversation,
			round: 1,
			createdAt: at + 90_000_000,
			averageRating: 4.2,
			ratedCount: 5,
			topAlbums: ALBUMS.slice(0, 3).map(([title, artist]) => ({ title, artist, rating: 5 })),
			result: {
				reinforcedThemes:
					'Repetition and space won every time: the records that breathe, loop and let the room in.',
				strategicPivot:
					'Try the same patience from another direction: spiritual jazz and minimalism, where the groove is the point.'
			}
		}
	});
	return rows;
}

/** The batch as a device pushes it: snake_case rows, epoch-ms timestamps, no user_id. */
export function clientBatch(): Op[] {
	const ops: Op[] = [];
	for (let j = 0; j < JOURNEYS; j++) {
		for (const { table, row } of journey(j, 1_793_527_200_000 + j * 3_600_000)) {
			ops.push({ op_id: opId(ops.length), table: serverTable(table), row: toServer(table, row) });
		}
	}
	return ops;
}

/**
 * The same batch as stored rows (what sync_push leaves in the tables, less the server-owned
 * rev and updated_at): ISO timestamps and the owner's user_id.
 */
export function storedBatch(): Op[] {
	return clientBatch().map((op) => {
		const row: Record<string, unknown> = { ...op.row, user_id: USER_ID_TEMPLATE };
		for (const key of ['created_at', 'deleted_at']) {
			if (typeof row[key] === 'number') row[key] = new Date(row[key] as number).toISOString();
		}
		return { ...op, row };
	});
}

/** Every column the batch's rows of each table carry (for the bare baseline's insert). */
export function columnsByTable(ops: Op[]): Map<string, string[]> {
	const out = new Map<string, Set<string>>();
	for (const op of ops) {
		const set = out.get(op.table) ?? new Set<string>();
		for (const key of Object.keys(op.row)) set.add(key);
		out.set(op.table, set);
	}
	return new Map([...out].map(([t, s]) => [t, [...s]]));
}
