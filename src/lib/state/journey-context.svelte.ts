/**
 * The open journey, live from Dexie, shared with every step's page through
 * context so each page renders from the store and not from AI responses.
 */
import { getContext, setContext } from 'svelte';
import { loadJourney } from '$lib/services/history';
import type { Journey } from '$lib/domain/journey';
import { Live } from './live.svelte';

const KEY = Symbol('journey');

export class JourneyState {
	#live: Live<Journey | undefined, string>;

	constructor(id: () => string) {
		this.#live = new Live(id, (journeyId) => loadJourney(journeyId));
	}

	get journey(): Journey | undefined {
		return this.#live.value;
	}

	get loaded(): boolean {
		return this.#live.loaded;
	}
}

export function setJourney(state: JourneyState): void {
	setContext(KEY, state);
}

export function useJourney(): JourneyState {
	return getContext<JourneyState>(KEY);
}
