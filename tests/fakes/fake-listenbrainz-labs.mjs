/**
 * The fake ListenBrainz labs API (labs.api.listenbrainz.org): routes for
 * tests/fakes/fake-listenbrainz.mjs. Each answers `{ status, body, headers? }`, or undefined
 * for a path it does not serve.
 */

/** @param {{ method: string, url: URL, headers: Record<string, unknown>, body: string, state: object }} request */
export async function labsRoutes(request) {
	void request;
	return undefined;
}
