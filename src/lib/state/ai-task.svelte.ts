/**
 * One AI step's progress as UI state: working, failed (with the listener's
 * words and whether "Try again" makes sense), or idle. The step's inputs are
 * already in Dexie before it runs, so a failure never loses anything.
 */
import { describeFailure, type FailureText } from '$lib/curator/errors';

export class AiTask {
	working = $state(false);
	failure = $state<FailureText | null>(null);
	#controller: AbortController | undefined;

	async run(step: (signal: AbortSignal) => Promise<void>): Promise<boolean> {
		if (this.working) return false;
		this.#controller = new AbortController();
		this.working = true;
		this.failure = null;
		try {
			await step(this.#controller.signal);
			return true;
		} catch (err) {
			console.error(err);
			this.failure = describeFailure(err);
			return false;
		} finally {
			this.working = false;
		}
	}

	cancel(): void {
		this.#controller?.abort();
	}
}
