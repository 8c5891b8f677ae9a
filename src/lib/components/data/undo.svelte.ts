/**
 * The one "Undo" on offer at a time (the history service keeps the delete pending). The
 * window closes after UNDO_WINDOW_MS, or when the next delete replaces it; then the delete
 * is settled and syncs.
 */
import {
	pendingDelete,
	settleOverdueDelete,
	settlePendingDelete,
	undoDelete,
	UNDO_WINDOW_MS,
	type PendingDelete
} from '$lib/services/history';
import { handleError } from '$lib/errors';

/** The failure's words for the toast, logged once. */
const reason = (e: unknown, context: string) => {
	handleError(e, context);
	return e instanceof Error ? e.message : String(e);
};

class UndoOffer {
	current = $state.raw<PendingDelete | undefined>(undefined);
	error = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Runs a delete and offers its undo. */
	async offer(run: () => Promise<PendingDelete | undefined>): Promise<void> {
		this.error = '';
		try {
			const pending = await run();
			this.#show(pending);
		} catch (e) {
			this.error = `That could not be deleted (${reason(e, 'delete')}). Nothing was changed.`;
		}
	}

	async undo(): Promise<void> {
		const p = this.current;
		this.#show(undefined);
		if (!p) return;
		try {
			if (!(await undoDelete(p.id))) {
				this.error = 'Too late to undo: the delete has already been saved.';
			}
		} catch (e) {
			this.error = `That could not be undone (${reason(e, 'undo delete')}).`;
		}
	}

	/**
	 * A delete left pending by a closed or reloaded tab: settled once its window has passed
	 * (its undo went with that tab).
	 */
	async resume(): Promise<void> {
		const p = await pendingDelete();
		if (!p || p.id === this.current?.id) return;
		const wait = Math.max(0, p.at + UNDO_WINDOW_MS - Date.now());
		setTimeout(() => {
			settleOverdueDelete().catch((e: unknown) => {
				this.error = `A delete could not be saved for syncing yet (${reason(e, 'settle delete')}).`;
			});
		}, wait);
	}

	#show(p: PendingDelete | undefined): void {
		clearTimeout(this.#timer);
		this.current = p;
		if (!p) return;
		this.#timer = setTimeout(() => {
			if (this.current?.id !== p.id) return;
			this.current = undefined;
			settlePendingDelete().catch((e: unknown) => {
				this.error = `The delete could not be saved for syncing yet (${reason(e, 'settle delete')}); it will be on the next visit.`;
			});
		}, UNDO_WINDOW_MS);
	}
}

export const undoOffer = new UndoOffer();
