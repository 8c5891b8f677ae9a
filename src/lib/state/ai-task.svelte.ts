/**
 * One AI step's progress as UI state: working, failed (with the listener's
 * words and whether "Try again" makes sense), or idle. The step's inputs are
 * already in Dexie before it runs, so a failure never loses anything. A step
 * that failed because the device was offline runs again by itself when the
 * connection comes back.
 */
import { CuratorError, handleError, type FailureText } from '$lib/errors';

/**
 * The step failed because there was no connection when it ran. This asks the error, not the
 * device (`isOffline()` in $lib/errors): by the time the failure is handled the connection may
 * be back, and a failure of another kind must not wait for an `online` event.
 */
function isOfflineFailure(error: unknown): boolean {
	return error instanceof CuratorError && error.code === 'OFFLINE';
}

export class AiTask {
	working = $state(false);
	failure = $state<FailureText | null>(null);
	#controller: AbortController | undefined;
	#retryOnline: (() => void) | undefined;

	async run(step: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
		if (this.working) return false;
		this.#clearRetry();
		this.#controller = new AbortController();
		this.working = true;
		this.failure = null;
		try {
			await step(this.#controller.signal);
			return true;
		} catch (err) {
			const failure = handleError(err, 'curator step');
			if (!failure) return false;
			this.failure = failure;
			if (isOfflineFailure(err)) {
				this.#retryOnline = () => void this.run(step);
				addEventListener('online', this.#retryOnline, { once: true });
			}
			return false;
		} finally {
			this.working = false;
		}
	}

	cancel(): void {
		this.#clearRetry();
		this.#controller?.abort();
	}

	#clearRetry() {
		if (this.#retryOnline) removeEventListener('online', this.#retryOnline);
		this.#retryOnline = undefined;
	}
}
