/**
 * Reading and writing journeys. Every write goes through putRows so each change
 * lands with its outbox entry; screens read through liveQuery over loadJourney.
 */
import type {
	AnalysisResult,
	ArtistInput,
	ChatMessage,
	Direction,
	PortraitResult,
	RecommendedAlbum
} from '$contract/curator';
import type { Journey, LocalAnalysis } from '$lib/domain/journey';
import type {
	AlbumFeedbackRow,
	AnalysisRow,
	ConversationRow,
	Drawn,
	MessageRow,
	PortraitRow,
	RecommendationSetRow,
	JourneyRow
} from '$lib/domain/types';
import { tick } from '$lib/clock/hlc';
import { db, type StoredAlbumFeedback } from './schema';
import { newId, putRow, putRows } from './write';

export async function createJourney(artists: ArtistInput[], source = 'typed'): Promise<string> {
	const now = Date.now();
	const journey: JourneyRow = {
		id: newId(),
		createdAt: now,
		updatedAt: now,
		artists,
		source,
		round: 1
	};
	await putRow('journeys', journey);
	return journey.id;
}

export async function loadJourney(journeyId: string): Promise<Journey | undefined> {
	const d = db();
	return d.transaction(
		'r',
		[d.journeys, d.portraits, d.conversations, d.recommendationSets, d.albumFeedback, d.analyses],
		async () => {
			const journey = await d.journeys.get(journeyId);
			if (!journey || journey.deletedAt) return undefined;
			const [portrait, conversations, sets, feedback, analyses] = await Promise.all([
				journey.portraitId ? d.portraits.get(journey.portraitId) : undefined,
				d.conversations.where('journeyId').equals(journeyId).sortBy('round'),
				d.recommendationSets.where('journeyId').equals(journeyId).sortBy('createdAt'),
				d.albumFeedback.where('journeyId').equals(journeyId).toArray(),
				d.analyses.where('journeyId').equals(journeyId).sortBy('round')
			]);
			return { row: journey, portrait, conversations, sets, feedback, analyses };
		}
	);
}

/** The journey touched last, for the landing page (without loading every other one). */
export async function latestJourney(): Promise<Journey | undefined> {
	const journey = await db()
		.journeys.orderBy('updatedAt')
		.reverse()
		.filter((s) => !s.deletedAt)
		.first();
	return journey ? loadJourney(journey.id) : undefined;
}

export async function listJourneys(): Promise<Journey[]> {
	const rows = await db().journeys.orderBy('updatedAt').reverse().toArray();
	const journeys = await Promise.all(
		rows.filter((s) => !s.deletedAt).map((s) => loadJourney(s.id))
	);
	return journeys.filter((j): j is Journey => j !== undefined);
}

/**
 * Every album recommended in any of the listener's journeys (deleted ones aside): what the
 * curator must never give again, with its release-group MBID where it was grounded.
 */
export async function albumsGivenBefore(): Promise<
	{ title: string; artist: string; mbid?: string }[]
> {
	const d = db();
	return d.transaction('r', [d.journeys, d.recommendationSets], async () => {
		const live = new Set((await d.journeys.toArray()).filter((s) => !s.deletedAt).map((s) => s.id));
		const sets = await d.recommendationSets.toArray();
		return sets
			.filter((set) => live.has(set.journeyId) && !(set as { deletedAt?: number }).deletedAt)
			.flatMap((set) => set.albums.map(({ title, artist, mbid }) => ({ title, artist, mbid })));
	});
}

async function touch(journeyId: string, patch: Partial<JourneyRow> = {}): Promise<JourneyRow> {
	const journey = await db().journeys.get(journeyId);
	if (!journey) throw new Error(`No journey ${journeyId}`);
	return { ...journey, ...patch, updatedAt: Date.now() };
}

/** Stores the portrait and opens the first conversation in one transaction. */
export async function savePortrait(
	journeyId: string,
	result: PortraitResult & Drawn
): Promise<void> {
	const journey = await touch(journeyId);
	const now = Date.now();
	const portrait: PortraitRow = {
		id: newId(),
		journeyId,
		createdAt: now,
		artists: journey.artists,
		source: journey.source,
		result
	};
	const conversation: ConversationRow = {
		id: newId(),
		journeyId,
		round: 1,
		direction: 'initial',
		createdAt: now,
		updatedAt: now,
		complete: false
	};
	await putRows([
		{ table: 'portraits', row: portrait },
		{ table: 'conversations', row: conversation },
		{ table: 'journeys', row: { ...journey, portraitId: portrait.id } }
	]);
}

export async function loadMessages(conversationId: string): Promise<MessageRow[]> {
	return db()
		.messages.where('[conversationId+seq]')
		.between([conversationId, 0], [conversationId, Infinity])
		.toArray();
}

export function transcript(messages: MessageRow[]): ChatMessage[] {
	return messages.map(({ role, content }) => ({ role, content }));
}

export async function appendMessage(
	conversation: ConversationRow,
	role: MessageRow['role'],
	content: string,
	extra: { questionNumber?: number; complete?: boolean } = {}
): Promise<void> {
	const d = db();
	const last = await d.messages
		.where('[conversationId+seq]')
		.between([conversation.id, 0], [conversation.id, Infinity])
		.last();
	const message: MessageRow = {
		id: newId(),
		conversationId: conversation.id,
		journeyId: conversation.journeyId,
		seq: (last?.seq ?? 0) + 1,
		role,
		content,
		questionNumber: extra.questionNumber,
		createdAt: Date.now()
	};
	const journey = await touch(conversation.journeyId);
	const changes: Parameters<typeof putRows>[0] = [
		{ table: 'messages', row: message },
		{ table: 'journeys', row: journey }
	];
	if (extra.complete) {
		changes.push({
			table: 'conversations',
			row: { ...conversation, complete: true, updatedAt: Date.now() }
		});
	}
	await putRows(changes);
}

export async function saveRecommendations(
	conversation: ConversationRow,
	batch: number,
	albums: (RecommendedAlbum & Drawn)[]
): Promise<void> {
	const set: RecommendationSetRow = {
		id: newId(),
		journeyId: conversation.journeyId,
		conversationId: conversation.id,
		round: conversation.round,
		batch,
		createdAt: Date.now(),
		albums: albums.map((a, i) => ({ ...a, key: `${batch}-${i}` }))
	};
	const journey = await touch(conversation.journeyId);
	await putRows([
		{ table: 'recommendationSets', row: set },
		{ table: 'journeys', row: journey }
	]);
}

export type FeedbackPatch = Partial<
	Pick<AlbumFeedbackRow, 'listened' | 'rating' | 'rationale' | 'resonantElement'>
>;

/** Album feedback fields set when a row is created (server names, for the field clocks). */
const FEEDBACK_IDENTITY = [
	'journey_id',
	'set_id',
	'album_key',
	'round',
	'title',
	'artist',
	'year',
	'created_at'
];
const PATCH_COLUMNS: Record<keyof FeedbackPatch, string> = {
	listened: 'listened',
	rating: 'rating',
	rationale: 'rationale',
	resonantElement: 'resonant_element'
};

/**
 * Creates or updates the listener's feedback on one recommended album.
 *
 * Sync (src/lib/sync/merge.ts): the row's id is derived from the set and the album, so two
 * devices rating the same album offline write the same row; every field written is stamped
 * with this device's hybrid logical clock, so the server and other devices keep the later
 * edit per field (a rating on one device and a note on another both survive).
 */
export async function setFeedback(
	set: RecommendationSetRow,
	albumKey: string,
	patch: FeedbackPatch
): Promise<void> {
	const d = db();
	const album = set.albums.find((a) => a.key === albumKey);
	if (!album) throw new Error(`No album ${albumKey} in set ${set.id}`);
	const id = await feedbackId(set.id, albumKey);
	await d.transaction('rw', [d.albumFeedback, d.journeys, d.outbox, d.syncState], async () => {
		const existing = await d.albumFeedback
			.where('[setId+albumKey]')
			.equals([set.id, albumKey])
			.first();
		const now = Date.now();
		const clock = await tick(d, now);
		const stamped = (Object.keys(patch) as (keyof FeedbackPatch)[]).map((k) => PATCH_COLUMNS[k]);
		// Rating an album means it was heard.
		if (patch.rating !== undefined) stamped.push('listened');
		if (!existing) stamped.push(...FEEDBACK_IDENTITY);
		const fieldClocks = { ...existing?.fieldClocks };
		for (const column of stamped) fieldClocks[column] = clock;
		const row: StoredAlbumFeedback = existing
			? { ...existing, ...patch, updatedAt: now, fieldClocks }
			: {
					id,
					journeyId: set.journeyId,
					setId: set.id,
					albumKey,
					round: set.round,
					title: album.title,
					artist: album.artist,
					year: album.year,
					listened: false,
					createdAt: now,
					updatedAt: now,
					...patch,
					fieldClocks
				};
		if (patch.rating !== undefined) row.listened = true;
		const journey = await touch(set.journeyId);
		await putRows([
			{ table: 'albumFeedback', row },
			{ table: 'journeys', row: journey }
		]);
	});
}

/**
 * The feedback row's id for one album of one set: a name-based UUID (version 5 layout over
 * SHA-1), the same on every device.
 */
export async function feedbackId(setId: string, albumKey: string): Promise<string> {
	const bytes = new TextEncoder().encode(`sonic-cartographer/album-feedback/${setId}/${albumKey}`);
	const hash = new Uint8Array(await crypto.subtle.digest('SHA-1', bytes)).slice(0, 16);
	hash[6] = (hash[6] & 0x0f) | 0x50;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function saveAnalysis(
	conversation: ConversationRow,
	local: LocalAnalysis,
	result: AnalysisResult & Drawn
): Promise<void> {
	const analysis: AnalysisRow = {
		id: newId(),
		journeyId: conversation.journeyId,
		conversationId: conversation.id,
		round: conversation.round,
		createdAt: Date.now(),
		...local,
		result
	};
	const journey = await touch(conversation.journeyId);
	await putRows([
		{ table: 'analyses', row: analysis },
		{ table: 'journeys', row: journey }
	]);
}

/** "Go deeper" or "Pivot": records the choice and opens the next round's conversation. */
export async function chooseDirection(
	analysis: AnalysisRow,
	direction: Exclude<Direction, 'initial'>
): Promise<void> {
	const journey = await touch(analysis.journeyId);
	const round = analysis.round + 1;
	const now = Date.now();
	const conversation: ConversationRow = {
		id: newId(),
		journeyId: analysis.journeyId,
		round,
		direction,
		analysisId: analysis.id,
		createdAt: now,
		updatedAt: now,
		complete: false
	};
	await putRows([
		{ table: 'analyses', row: { ...analysis, chosenDirection: direction } },
		{ table: 'conversations', row: conversation },
		{ table: 'journeys', row: { ...journey, round } }
	]);
}
