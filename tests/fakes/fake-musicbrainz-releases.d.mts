/** Types for tests/fakes/fake-musicbrainz-releases.mjs (plain JS so any runtime can load it). */

/** One album as every fake holds it: its barcode in MusicBrainz (or none) and its tracks. */
export function albumFacts(
	title: string,
	artist: string
): { barcode: string | null; tracks: { title: string; lengthMs: number }[] };

/** The fake MusicBrainz's answer for a release-group lookup or a release browse, if it is one. */
export function releaseAnswers(
	url: URL,
	inc: string[],
	byId: Map<string, unknown>
): { status: number; body: unknown } | undefined;
