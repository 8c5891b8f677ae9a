/**
 * The journey's first step: the listener portrait, drawn from the journey's artists and stored.
 * The AI curator is also given what MusicBrainz knows of the best-known artists (where and when
 * they come from, their tags), when the device can find it within a few seconds.
 */
import type { ArtistFacts } from '$lib/catalog';
import { savePortrait } from '$lib/db/journeys';
import { LIMITS, type ArtistFact, type ArtistInput } from '$contract/curator';
import type { Journey } from '$lib/domain/journey';
import { appDeps, catalogueJourney, withCurator, type StepDeps } from './curator-choice';

/** Artists whose facts go to the model: the most played, as one MusicBrainz search answers. */
const FACTS_FOR_MODEL = 25;
const FACTS_WAIT_MS = 4000;

/**
 * The facts of the listener's best-known artists for the model's portrait: from the device, or
 * MusicBrainz for those it lacks, within a few seconds (the portrait goes without them rather
 * than waiting). Only artists MusicBrainz knows for sure are sent.
 */
async function factsForModel(
	artists: readonly ArtistInput[],
	deps: StepDeps,
	signal: AbortSignal
): Promise<ArtistFact[]> {
	if (!deps.facts) return [];
	let facts: ArtistFacts[];
	try {
		facts = await deps.facts(
			artists.slice(0, FACTS_FOR_MODEL).map((a) => a.name),
			AbortSignal.any([signal, AbortSignal.timeout(FACTS_WAIT_MS)])
		);
	} catch (err) {
		// The listener's own cancel ends the step; anything else (the wait ran out, MusicBrainz
		// down or slow) only means the portrait goes without facts.
		if (signal.aborted) throw err;
		return [];
	}
	return facts
		.filter((f) => f.status === 'known')
		.map((f) => ({
			name: f.name,
			...(f.country ? { country: f.country } : {}),
			...((f.area ?? f.beginArea) ? { area: (f.area ?? f.beginArea)!.name } : {}),
			...(f.beginYear ? { beginYear: f.beginYear } : {}),
			...(f.endYear ? { endYear: f.endYear } : {}),
			tags: f.tags.slice(0, LIMITS.factTags).map((t) => t.name.slice(0, 100))
		}));
}

/** Draws the listener portrait from the journey's artists and stores it. */
export async function drawPortrait(
	journey: Journey,
	signal: AbortSignal,
	deps: StepDeps = appDeps
): Promise<void> {
	const { row } = journey;
	const { result, kind } = await withCurator(
		deps,
		catalogueJourney(journey),
		async ({ kind, curator }) => {
			const facts = kind === 'model' ? await factsForModel(row.artists, deps, signal) : [];
			return curator.portrait(
				{ artists: row.artists, source: row.source, ...(facts.length ? { facts } : {}) },
				// A retry that knows more facts is another request, so it gets its own key.
				{ signal, idempotencyKey: `portrait-${row.id}${facts.length ? `-${facts.length}` : ''}` }
			);
		},
		signal
	);
	await savePortrait(row.id, kind === 'catalogue' ? { ...result, curator: 'catalogue' } : result);
}
