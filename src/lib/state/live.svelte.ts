/**
 * A Dexie liveQuery as Svelte 5 state. The query re-runs whenever the tables
 * it read change — in this tab or any other — so screens never hold stale data.
 */
import { liveQuery } from 'dexie';

export class Live<T, K = void> {
	// Raw: rows are replaced whole on every change, and deep proxies could not be
	// written back to IndexedDB (structured clone rejects proxies).
	value = $state.raw<T | undefined>(undefined);
	loaded = $state(false);
	error = $state<unknown>(undefined);

	/**
	 * `key` is read inside an effect, so the subscription is renewed when the
	 * reactive state it reads changes (e.g. a route parameter); `query` runs in
	 * Dexie's live context with that key.
	 */
	constructor(key: () => K, query: (key: K) => Promise<T> | T) {
		$effect(() => {
			const k = key();
			this.loaded = false;
			const sub = liveQuery(() => query(k)).subscribe({
				next: (v) => {
					this.value = v;
					this.loaded = true;
					this.error = undefined;
				},
				error: (e: unknown) => {
					this.error = e;
					this.loaded = true;
				}
			});
			return () => sub.unsubscribe();
		});
	}
}
