/**
 * What the device knows of some artists, live: a liveQuery over the artist-facts cache, so a
 * screen follows the background look-up as its answers arrive (and shows them offline).
 */
import type { FactsByKey } from '$lib/domain/listening-map';
import { knownFactsOf } from '$lib/services/map';
import { Live } from './live.svelte';

const NONE: FactsByKey = new Map();

export class KnownFacts {
	#live: Live<FactsByKey, string>;

	constructor(names: () => readonly string[]) {
		this.#live = new Live(
			() => names().join('\n'),
			(key) => (key ? knownFactsOf(key.split('\n')) : NONE)
		);
	}

	get facts(): FactsByKey {
		return this.#live.value ?? NONE;
	}

	get loaded(): boolean {
		return this.#live.loaded;
	}
}
