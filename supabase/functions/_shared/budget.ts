/**
 * One request's time budget (CURATOR_TIMEOUT_MS) and cancellation, as a single AbortSignal.
 *
 * Every upstream call, retry and backoff of a request shares it, so retries can never stretch
 * a request past its budget, and a listener who closes the page (request.signal) stops the
 * model call instead of paying for an answer nobody will read.
 */
import { CuratorError } from './errors.ts';

export type AbortReason = 'timeout' | 'client';

export class Budget {
	readonly signal: AbortSignal;
	#controller = new AbortController();
	#deadline: number;
	#timer: ReturnType<typeof setTimeout>;
	#reason: AbortReason | null = null;
	#clientSignal?: AbortSignal;
	#onClientAbort = () => this.#abort('client');

	constructor(timeoutMs: number, clientSignal?: AbortSignal) {
		this.signal = this.#controller.signal;
		this.#deadline = Date.now() + timeoutMs;
		this.#timer = setTimeout(() => this.#abort('timeout'), timeoutMs);
		if (clientSignal?.aborted) this.#abort('client');
		clientSignal?.addEventListener('abort', this.#onClientAbort, { once: true });
		this.#clientSignal = clientSignal;
	}

	/**
	 * Stops listening to request.signal. Needed once a streamed Response is returned: Deno.serve
	 * (legacy behaviour) aborts request.signal as soon as the handler returns a response, which
	 * would cut a stream that has only just begun. The stream's cancel() takes over from there.
	 */
	detachClient(): void {
		this.#clientSignal?.removeEventListener('abort', this.#onClientAbort);
	}

	#abort(reason: AbortReason): void {
		if (this.#reason) return;
		this.#reason = reason;
		clearTimeout(this.#timer);
		this.#controller.abort(reason);
	}

	/** The response body was cancelled: the listener is gone. */
	cancel(): void {
		this.#abort('client');
	}

	get reason(): AbortReason | null {
		return this.#reason;
	}

	remainingMs(): number {
		return Math.max(0, this.#deadline - Date.now());
	}

	/** The error to report once the signal has fired. */
	abortError(): CuratorError {
		return this.#reason === 'client'
			? new CuratorError('INTERNAL', 'The request was cancelled by the client.')
			: new CuratorError('UPSTREAM_TIMEOUT');
	}

	/** Waits, unless the budget ends first. */
	sleep(ms: number): Promise<void> {
		return new Promise((resolve, reject) => {
			if (this.signal.aborted) return reject(this.abortError());
			const t = setTimeout(() => {
				this.signal.removeEventListener('abort', onAbort);
				resolve();
			}, ms);
			const onAbort = () => {
				clearTimeout(t);
				reject(this.abortError());
			};
			this.signal.addEventListener('abort', onAbort, { once: true });
		});
	}

	dispose(): void {
		clearTimeout(this.#timer);
	}
}
