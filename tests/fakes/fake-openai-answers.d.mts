/** Types for tests/fakes/fake-openai-answers.mjs (plain JS so Node and Deno can both run it). */

/** Real albums: [title, artist, year, genres]. */
export const POOL: [string, string, string, string[]][];
/** An album that does not exist: [title, artist, year, genres]. */
export const INVENTED: [string, string, string, string[]];

type Album = { title: string; artist: string; year: string; genres: string[]; reason: string };
type Facet = { label: string; explanation: string };

/** The request's data: the first user message whose content is a JSON object. */
export function userData(messages: unknown): Record<string, unknown>;

/** What the fake model answers for each curator route, from the request's data. */
export const BUILDERS: {
	portrait(data: unknown): {
		primaryGenres: Facet[];
		geographicCenters: Facet[];
		keyEras: Facet[];
		noteworthyGaps: Facet[];
		summary: string;
	};
	converse(data: unknown): { message: string; complete: boolean; questionNumber: number };
	recommend(data: unknown): { albums: Album[] };
	analyze(data: unknown): { reinforcedThemes: string; strategicPivot: string };
};

/** Answers that break each route's schema. */
export const INVALID: Record<'portrait' | 'converse' | 'recommend' | 'analyze', unknown>;
