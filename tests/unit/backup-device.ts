/**
 * A device for the backup tests: a fresh database per test and a journey with every kind of
 * row (portrait, conversation, albums, ratings, analysis, optionally an import run), made through
 * the app's own writes.
 */
import { sampleAlbums, samplePortrait } from './samples';
import { CartographerDB, db, useDatabase } from '$lib/db/schema';
import {
	appendMessage,
	createJourney,
	loadJourney,
	saveAnalysis,
	saveRecommendations,
	savePortrait,
	setFeedback
} from '$lib/db/journeys';
import { createJourneyWithImport } from '$lib/db/imports';
import { localAnalysis } from '$lib/domain/journey';
import { exportBackup } from '$lib/backup/export';
import { checkAccount, importBackup, readBackup } from '$lib/backup/import';

export const TABLES = [
	'journeys',
	'portraits',
	'conversations',
	'messages',
	'recommendationSets',
	'albumFeedback',
	'analyses',
	'imports'
];

export function freshDevice() {
	const d = new CartographerDB(`test-${crypto.randomUUID()}`);
	useDatabase(d);
	return d;
}

export async function makeJourney(withImport = false) {
	const artists = [{ name: 'Radiohead' }, { name: 'Björk' }];
	const id = withImport
		? await createJourneyWithImport(artists, {
				files: [
					{ name: 'StreamingHistory1.json', format: 'spotify', rows: 3, skipped: 0, bytes: 9 }
				],
				warnings: [],
				artists: [{ name: 'Radiohead', plays: 2, msPlayed: 1000 }],
				chosen: ['Radiohead']
			})
		: await createJourney(artists);
	await savePortrait(id, samplePortrait);
	let j = (await loadJourney(id))!;
	const conv = j.conversations[0];
	await appendMessage(conv, 'assistant', 'Question 1: what do you want?', { questionNumber: 1 });
	await appendMessage(conv, 'user', 'Long moody records', { complete: true });
	await saveRecommendations(conv, 1, sampleAlbums);
	j = (await loadJourney(id))!;
	const set = j.sets[0];
	await setFeedback(set, set.albums[0].key, {
		rating: 5,
		rationale: 'Strings',
		resonantElement: 'Drums'
	});
	await setFeedback(set, set.albums[1].key, { rating: 4 });
	await setFeedback(set, set.albums[2].key, { rating: 2 });
	j = (await loadJourney(id))!;
	await saveAnalysis(conv, localAnalysis(j.feedback), {
		reinforcedThemes: 'Strings',
		strategicPivot: 'Jazz'
	});
	return id;
}

export async function contents(d = db()) {
	const out: Record<string, unknown[]> = {};
	for (const t of TABLES) out[t] = await d.table(t).orderBy('id').toArray();
	return out;
}

/** Puts rows as another device holds them, with the deleted journey still alive. */
export async function makeJourneyCopy(rows: Record<string, unknown[]>) {
	let n = 0;
	for (const [t, list] of Object.entries(rows)) {
		const alive = (list as { deletedAt?: number }[]).map((r) => {
			const copy = { ...r };
			delete copy.deletedAt;
			return copy;
		});
		await db().table(t).bulkPut(alive);
		n += alive.length;
	}
	return n;
}

export async function backupText() {
	return (await exportBackup({ appVersion: 'test' })).join('');
}

export async function importText(text: string, file = 'backup.json') {
	const backup = await readBackup(file, text);
	await checkAccount(file, backup);
	return importBackup(backup);
}
