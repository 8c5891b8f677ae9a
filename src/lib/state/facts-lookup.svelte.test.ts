// @vitest-environment happy-dom
/**
 * The background look-up as the journey's pages run it: the real service and store (Dexie over
 * fake-indexeddb) against the shared fake MusicBrainz, inside a Svelte effect root.
 */
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { useFactsEdge } from '../../../tests/unit/facts-edge';
import { knownArtistFacts } from '$lib/services/facts';
import { FactsLookup } from './facts-lookup.svelte';

const edge = useFactsEdge();

/** A look-up over reactive names and online state; `stop` ends its effects. */
function lookUp(initial: string[], online = true) {
	const state = $state({ names: initial, online });
	let lookup!: FactsLookup;
	const stop = $effect.root(() => {
		lookup = new FactsLookup(
			() => state.names,
			() => state.online,
			edge.request()
		);
	});
	flushSync();
	return { state, lookup, stop };
}

describe('looking up artist facts in the background', () => {
	it('counts its way through the names and keeps the answers on the device', async () => {
		const { lookup, stop } = lookUp(['Can', 'Joy Division', 'Björk']);
		await expect.poll(() => lookup.phase).toBe('done');
		expect([lookup.done, lookup.total, lookup.asking]).toEqual([3, 3, false]);
		const known = await knownArtistFacts(['Can', 'Joy Division', 'Björk']);
		expect([...known.values()].map((f) => f.country)).toEqual(['DE', 'GB', 'IS']);
		stop();
	});

	it('asks only about names it does not know yet when the names change', async () => {
		const { state, lookup, stop } = lookUp(['Can', 'Björk']);
		await expect.poll(() => lookup.phase).toBe('done');
		const before = edge.mb.requests().length;
		state.names = ['Can', 'Björk', 'Portishead'];
		flushSync();
		await expect.poll(() => lookup.total).toBe(3);
		await expect.poll(() => lookup.phase).toBe('done');
		const asked = edge.mb
			.requests()
			.slice(before)
			.map((r) => r.query);
		expect(asked).toHaveLength(1);
		expect(asked[0]).toContain('Portishead');
		expect(asked[0]).not.toContain('Björk');
		stop();
	});

	it('asks nothing while offline, and starts once back online', async () => {
		const { state, lookup, stop } = lookUp(['Can'], false);
		await new Promise((r) => setTimeout(r, 50));
		expect([lookup.phase, edge.mb.requests().length]).toEqual(['idle', 0]);
		state.online = true;
		flushSync();
		await expect.poll(() => lookup.phase).toBe('done');
		stop();
	});

	it('says MusicBrainz could not be reached, and keeps nothing it did not get', async () => {
		edge.mb.setMode('down');
		const { lookup, stop } = lookUp(['Can', 'Björk']);
		await expect.poll(() => lookup.phase, { timeout: 5000 }).toBe('unavailable');
		expect((await knownArtistFacts(['Can', 'Björk'])).size).toBe(0);
		stop();
	});
});
