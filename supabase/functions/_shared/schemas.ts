/**
 * JSON schemas sent to the model (structured outputs, strict mode) and the hand-written
 * validators every model answer must pass before anyone sees it.
 *
 * The schemas use only what OpenAI's strict mode and llama.cpp/Ollama grammars both accept:
 * every property required, additionalProperties false, minItems/maxItems. Validators enforce
 * the same shape plus what schemas cannot say (non-empty text, the conversation's pacing, no
 * excluded albums) and rebuild the object so stray keys are dropped.
 */
import type {
	AnalysisResult,
	ConverseResult,
	PortraitFacet,
	PortraitResult,
	RecommendedAlbum,
	RecommendResult
} from '../../../src/lib/domain/curator.ts';
import { Checker, eachOf } from './check.ts';

export type JsonSchema = Record<string, unknown>;

const str = { type: 'string' } as const;

function obj(properties: Record<string, JsonSchema>): JsonSchema {
	return {
		type: 'object',
		properties,
		required: Object.keys(properties),
		additionalProperties: false
	};
}

function list(items: JsonSchema, minItems: number, maxItems: number): JsonSchema {
	return { type: 'array', items, minItems, maxItems };
}

const facet = obj({ label: str, explanation: str });

/** Product ranges for the portrait's facets (the prompt asks for the same). */
export const PORTRAIT_RANGES = {
	primaryGenres: [3, 5],
	geographicCenters: [2, 4],
	keyEras: [2, 4],
	noteworthyGaps: [2, 4]
} as const;

type FacetKey = keyof typeof PORTRAIT_RANGES;
const FACET_KEYS = Object.keys(PORTRAIT_RANGES) as FacetKey[];

export const portraitSchema: JsonSchema = obj({
	primaryGenres: list(facet, ...PORTRAIT_RANGES.primaryGenres),
	geographicCenters: list(facet, ...PORTRAIT_RANGES.geographicCenters),
	keyEras: list(facet, ...PORTRAIT_RANGES.keyEras),
	noteworthyGaps: list(facet, ...PORTRAIT_RANGES.noteworthyGaps),
	summary: str
});

export const converseSchema: JsonSchema = obj({
	message: str,
	complete: { type: 'boolean' },
	questionNumber: { type: 'integer' }
});

export const recommendSchema: JsonSchema = obj({
	albums: list(
		obj({ title: str, artist: str, year: str, reason: str, genres: list(str, 1, 5) }),
		1,
		15
	)
});

export const analyzeSchema: JsonSchema = obj({ reinforcedThemes: str, strategicPivot: str });

// ---------------------------------------------------------------------------------------------

function checkFacet(c: Checker, value: unknown, path: string): PortraitFacet | undefined {
	const o = c.object(value, path);
	if (!o) return undefined;
	const label = c.string(o.label, `${path}.label`, { max: 200 });
	const explanation = c.string(o.explanation, `${path}.explanation`, { max: 2000 });
	return label !== undefined && explanation !== undefined ? { label, explanation } : undefined;
}

/**
 * A portrait, from the model (`ranges` on: the product's counts) or from a client request
 * (`ranges` off: any reasonable size, since it was validated when it was drawn).
 */
export function checkPortrait(
	c: Checker,
	value: unknown,
	path: string,
	ranges: boolean
): PortraitResult | undefined {
	const o = c.object(value, path);
	if (!o) return undefined;
	const facets = {} as Record<FacetKey, PortraitFacet[]>;
	for (const key of FACET_KEYS) {
		const [min, max] = ranges ? PORTRAIT_RANGES[key] : [0, 20];
		const p = path ? `${path}.${key}` : key;
		facets[key] = eachOf(c.array(o[key], p, { min, max }), p, (f, fp) => checkFacet(c, f, fp));
	}
	const summary = c.string(o.summary, path ? `${path}.summary` : 'summary', { max: 4000 });
	if (summary === undefined) return undefined;
	return { ...facets, summary };
}

export type Validation<T> = { ok: true; value: T } | { ok: false; problem: string };

function done<T>(c: Checker, value: T | undefined): Validation<T> {
	if (c.ok && value !== undefined) return { ok: true, value };
	return { ok: false, problem: c.summary() || 'the answer is not the requested JSON object' };
}

export function validatePortrait(value: unknown): Validation<PortraitResult> {
	const c = new Checker();
	return done(c, checkPortrait(c, value, '', true));
}

/**
 * `answers` is how many questions the listener has answered. The pacing rule of the interview
 * (3–5 questions) is enforced here rather than trusted to the model; questionNumber is
 * recomputed from the transcript because the app uses it for "question 2 of 5".
 */
export function validateConverse(value: unknown, answers: number): Validation<ConverseResult> {
	const c = new Checker();
	const o = c.object(value, '');
	const message = c.string(o?.message, 'message', { max: 4000 });
	const complete = c.boolean(o?.complete, 'complete');
	if (o && typeof o.questionNumber !== 'number') c.fail('questionNumber', 'must be a whole number');
	if (complete === true && answers < 3) {
		c.fail('complete', `must be false: only ${answers} question(s) answered, ask at least 3`);
	}
	if (complete === false && answers >= 5) {
		c.fail('complete', 'must be true: 5 questions have been answered, close the conversation now');
	}
	if (message === undefined || complete === undefined) return done<ConverseResult>(c, undefined);
	return done(c, { message, complete, questionNumber: complete ? answers : answers + 1 });
}

const albumKey = (title: string, artist: string) =>
	`${title.trim().toLowerCase()}\u0000${artist.trim().toLowerCase()}`;

/** Drops excluded and duplicate albums (a model may ignore the exclude list); fails if none remain. */
export function validateRecommend(
	value: unknown,
	exclude: readonly { title: string; artist: string }[]
): Validation<RecommendResult> {
	const c = new Checker();
	const o = c.object(value, '');
	const items = c.array(o?.albums, 'albums', { min: 1, max: 20 });
	const albums = eachOf(items, 'albums', (item, p): RecommendedAlbum | undefined => {
		const a = c.object(item, p);
		if (!a) return undefined;
		const title = c.string(a.title, `${p}.title`, { max: 300 });
		const artist = c.string(a.artist, `${p}.artist`, { max: 300 });
		const year = c.string(typeof a.year === 'number' ? String(a.year) : a.year, `${p}.year`, {
			max: 20
		});
		const reason = c.string(a.reason, `${p}.reason`, { max: 2000 });
		const genres = eachOf(
			c.array(a.genres, `${p}.genres`, { min: 1, max: 8 }),
			`${p}.genres`,
			(g, gp) => c.string(g, gp, { max: 100 })
		);
		if (!title || !artist || !year || !reason) return undefined;
		return { title, artist, year, reason, genres };
	});
	if (!c.ok) return done<RecommendResult>(c, undefined);
	const seen = new Set(exclude.map((a) => albumKey(a.title, a.artist)));
	const fresh = albums.filter((a) => {
		const k = albumKey(a.title, a.artist);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
	if (fresh.length === 0) {
		c.fail('albums', 'every album is in the exclude list; recommend different albums');
	}
	return done(c, { albums: fresh });
}

export function validateAnalyze(value: unknown): Validation<AnalysisResult> {
	const c = new Checker();
	const o = c.object(value, '');
	const reinforcedThemes = c.string(o?.reinforcedThemes, 'reinforcedThemes', { max: 4000 });
	const strategicPivot = c.string(o?.strategicPivot, 'strategicPivot', { max: 4000 });
	return done(
		c,
		reinforcedThemes && strategicPivot ? { reinforcedThemes, strategicPivot } : undefined
	);
}

/** Keywords some servers refuse inside a json_schema (Groq: "minItems is not supported"). */
const KEYWORD_LIMITS = new Set([
	'minItems',
	'maxItems',
	'minLength',
	'maxLength',
	'pattern',
	'minimum',
	'maximum',
	'format',
	'uniqueItems'
]);

/** The schema's shape without its keyword-level limits; the validators still enforce them. */
export function withoutKeywordLimits(schema: JsonSchema): JsonSchema {
	const strip = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(strip);
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(
			Object.entries(value)
				.filter(([key]) => !KEYWORD_LIMITS.has(key))
				.map((
					[key, v]
				) => [key, key === 'properties' ? stripProps(v) : strip(v)])
		);
	};
	// Under "properties" the keys are field names, which may be called anything.
	const stripProps = (value: unknown): unknown =>
		typeof value === 'object' && value !== null
			? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
			: value;
	return strip(schema) as JsonSchema;
}
