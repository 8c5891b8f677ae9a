/**
 * The catalogue curator's failures in the listener's words: when MusicBrainz or ListenBrainz
 * cannot be asked (offline, down, refusing), a step ends with a CatalogueError that says which
 * service it was and that everything the listener entered is saved.
 */
import { CatalogueError } from '$lib/errors/base';
import type { ArtistFacts } from '../facts';
import { CatalogError } from '../musicbrainz';

/** A CatalogError from a service, in the listener's words. */
export function unavailable(err: unknown, service: string): never {
	if (err instanceof CatalogError) {
		throw new CatalogueError(
			err.code === 'OFFLINE' ? 'CATALOGUE_OFFLINE' : 'CATALOGUE_UNAVAILABLE',
			err.code === 'OFFLINE'
				? 'Catalogue mode asks MusicBrainz and ListenBrainz for every step, and this device is offline. Everything you entered is saved; try again when you are back online.'
				: `${service} did not answer (${err.message}). Everything you entered is saved; try again in a minute.`,
			{ cause: err }
		);
	}
	throw err;
}

/** MusicBrainz could not be asked for (some of) the artists, and too few are known without them. */
export function whenFactsFailed(facts: readonly ArtistFacts[], need = 1): never | void {
	const known = facts.filter((f) => f.status === 'known').length;
	if (known < need && facts.some((f) => f.status === 'unchecked')) {
		const offline = facts.some((f) => f.unverifiedReason === 'offline');
		unavailable(
			new CatalogError(offline ? 'OFFLINE' : 'UNAVAILABLE', 'no answer to the artist search'),
			'MusicBrainz'
		);
	}
}
