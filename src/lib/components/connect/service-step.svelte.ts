/**
 * One music-service step on screen (read top artists, save a round): working, its result, or
 * the failure in the listener's words. A new run cancels the one before.
 */
import { handleError, type FailureText } from '$lib/errors';

export class ServiceStep<T> {
	working = $state(false);
	failure = $state<FailureText | null>(null);
	result = $state.raw<T | null>(null);
	#controller: AbortController | undefined;

	async run(step: (signal: AbortSignal) => Promise<T>, context: string): Promise<T | null> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.working = true;
		this.failure = null;
		this.result = null;
		try {
			const result = await step(controller.signal);
			if (this.#controller === controller) this.result = result;
			return result;
		} catch (error) {
			if (this.#controller === controller) this.failure = handleError(error, context) ?? null;
			return null;
		} finally {
			if (this.#controller === controller) this.working = false;
		}
	}

	cancel(): void {
		this.#controller?.abort();
		this.working = false;
	}
}
