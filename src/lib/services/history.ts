/**
 * The listener's journeys as they look back on them: the latest one, the list, one journey
 * with its conversations and the import it came from, and deleting (with its undo). Reads
 * are plain async functions run inside a liveQuery, so every screen follows the store.
 * Nothing here reaches the curator or the catalogue, so the first screens stay light.
 */
export { latestJourney, listJourneys, loadJourney, loadMessages } from '$lib/db/journeys';
export { loadImport } from '$lib/db/imports';
export {
	clearFeedback,
	deleteJourney,
	pendingDelete,
	settleOverdueDelete,
	settlePendingDelete,
	undoDelete,
	UNDO_WINDOW_MS,
	type PendingDelete
} from '$lib/db/delete';
