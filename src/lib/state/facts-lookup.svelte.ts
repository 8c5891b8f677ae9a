/**
 * Looking up artist facts in the background while the listener goes on with their journey:
 * started whenever the names change (a journey opened, a round's albums saved) and the device
 * is online, stopped when the screen goes. What is already on the device costs nothing, so a
 * second start only asks MusicBrainz about names it has not answered yet. Nothing waits on it:
 * the map and the portrait's checks read the device and follow the answers as they arrive.
 */
import { artistFacts, type FactsRequest } from '$lib/services/facts';
import { handleError } from '$lib/errors';

export type LookupPhase = 'idle' | 'working' | 'done' | 'unavailable';

export class FactsLookup {
	/** Names answered so far (from the device or MusicBrainz), of `total`. */
	done = $state(0);
	total = $state(0);
	phase = $state<LookupPhase>('idle');

	/**
	 * `names`: the artists to know about; `enabled`: whether to ask now (online). Both are read
	 * reactively; the look-up starts again when either changes. `request` is for tests (another
	 * MusicBrainz, another pace).
	 */
	constructor(
		names: () => readonly string[],
		enabled: () => boolean,
		request: Omit<FactsRequest, 'signal' | 'onProgress'> = {}
	) {
		const key = $derived(names().join('\n'));
		$effect(() => {
			if (!enabled() || !key) return;
			const controller = new AbortController();
			this.phase = 'working';
			artistFacts(key.split('\n'), {
				...request,
				signal: controller.signal,
				onProgress: ({ done, total }) => {
					this.done = done;
					this.total = total;
				}
			}).then(
				(facts) => {
					this.phase = facts.some((f) => f.status === 'unchecked') ? 'unavailable' : 'done';
				},
				(err: unknown) => {
					if (controller.signal.aborted) return;
					handleError(err, 'artist facts');
					this.phase = 'unavailable';
				}
			);
			return () => controller.abort();
		});
	}

	/** Whether MusicBrainz is being asked about names the device does not know yet. */
	get asking(): boolean {
		return this.phase === 'working' && this.done < this.total;
	}
}
