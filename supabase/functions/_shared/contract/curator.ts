/**
 * The curator contract (docs/architecture.md, "Curator function (HTTP)"), defined once: every
 * request and answer of the four routes and the error body, as schemas. The types, the function's
 * input checks, the checks of what the model answers (and the JSON schemas it is asked to answer
 * with, see ../schemas.ts) and the app's checks of what the function answers all come from here.
 *
 * Every problem is worded for whoever must fix it (a developer reading `details.fields`, a model
 * reading its repair turn): "must have between 5 and 500 entries (got 3)", keyed by path
 * (`artists[2].name`). Unknown keys are dropped, so they never travel further.
 *
 * Shared by the app (as `$contract/curator`) and the Deno function, so its only import is zod.
 */
import * as z from 'zod/mini';

/** Bounds that keep prompts (the model's context, the listener's bill) and answers small. */
export const LIMITS = {
	artists: { min: 5, max: 500 },
	artistName: 200,
	messages: 20,
	/** The longest message in a conversation, either side; also the longest streamed preview. */
	messageChars: 4000,
	exclude: 1000,
	count: { min: 1, max: 10 },
	analyzeAlbums: { min: 3, max: 100 },
	rationaleChars: 2000,
	/** Artist facts sent with a portrait: one per artist at most, a few tags each. */
	factTags: 8
} as const;

/** Product ranges for the portrait's facets (the prompt asks for the same). */
export const PORTRAIT_RANGES = {
	primaryGenres: [3, 5],
	geographicCenters: [2, 4],
	keyEras: [2, 4],
	noteworthyGaps: [2, 4]
} as const;

/**
 * Where the model is asked for fewer entries than an answer may hold: a model outside strict
 * structured outputs may overshoot a little, and that is no reason for a repair turn.
 */
export const asked = z.registry<{ maxItems: number }>();

// --- building blocks, each with its problem in words --------------------------------------------

/** Text of at most `max` characters; not blank unless `blank` is allowed. */
function text(max: number, { blank = false } = {}) {
	const checks = [z.maxLength(max, { error: `must have at most ${max} characters` })];
	const notBlank = z.refine<string>((s) => s.trim().length > 0, { error: 'must not be empty' });
	return blank
		? z.string({ error: 'must be a string' }).check(...checks)
		: z.string({ error: 'must be a string' }).check(notBlank, ...checks);
}

function whole(min: number, max: number) {
	const error = `must be between ${min} and ${max}`;
	return z.int({ error: 'must be a whole number' }).check(
		z.minimum(min, { error }),
		z.maximum(max, { error })
	);
}

/** A list of `min`–`max` entries. */
function list<T extends z.core.SomeType>(item: T, min: number, max: number) {
	const error = (issue: { input?: unknown }) =>
		`must have between ${min} and ${max} entries (got ${(issue.input as unknown[]).length})`;
	// Length checks run even when some entries failed (zod's default for them).
	return z.array(item, { error: 'must be a list' }).check(
		z.minLength(min, { error }),
		z.maxLength(max, { error })
	);
}

function record<S extends z.core.$ZodLooseShape>(shape: S) {
	return z.object(shape, { error: 'must be an object' });
}

/** An optional field a client may also send as null (or, for text, as ""): left out then. */
function omittable<T extends z.core.SomeType>(schema: T) {
	return z.optional(
		z.pipe(
			z.nullable(schema),
			z.transform((v) => (v === null || v === '' ? undefined : v) as z.output<T> | undefined)
		)
	);
}

/** A list a client may leave out (or send as null): empty then. */
function orEmpty<T extends z.core.SomeType>(schema: T) {
	return z.pipe(
		z.optional(z.nullable(schema)),
		z.transform((v) => (v ?? []) as NonNullable<z.output<T>>)
	);
}

// --- shared pieces -------------------------------------------------------------------------------

export const DIRECTIONS = ['initial', 'reinforced', 'pivot'] as const;
const direction = z.enum(DIRECTIONS, { error: `must be one of ${DIRECTIONS.join(', ')}` });

/** A labelled facet of the portrait: a genre, a place or an era with one line on why. */
const facet = record({ label: text(200), explanation: text(2000) });

/**
 * A portrait as the model must draw it (`ranges`: the product's counts), or as a client sends it
 * back (any reasonable size, since it was checked when it was drawn).
 */
function portraitOf(ranges: boolean) {
	const facets = (key: keyof typeof PORTRAIT_RANGES) => {
		const [min, max] = ranges ? PORTRAIT_RANGES[key] : [0, 20];
		return list(facet, min, max);
	};
	return record({
		primaryGenres: facets('primaryGenres'),
		geographicCenters: facets('geographicCenters'),
		keyEras: facets('keyEras'),
		noteworthyGaps: facets('noteworthyGaps'),
		summary: text(4000)
	});
}

const message = record({
	role: z.enum(['user', 'assistant'], { error: 'must be one of user, assistant' }),
	content: text(LIMITS.messageChars)
});

const albumRef = record({ title: text(300), artist: text(300) });

// --- answers (from the model, then from the function to the app) -------------------------------

export const PortraitResult = portraitOf(true);

export const ConverseResult = record({
	message: text(LIMITS.messageChars),
	complete: z.boolean({ error: 'must be true or false' }),
	questionNumber: z.int({ error: 'must be a whole number' })
});

const genres = list(text(100), 1, 8).register(asked, { maxItems: 5 });
/** One recommended album; also each `album` event of a streamed answer. */
export const RecommendedAlbum = record({
	title: text(300),
	artist: text(300),
	year: text(20),
	reason: text(2000),
	genres
});
export const RecommendResult = record({
	albums: list(RecommendedAlbum, 1, 20).register(asked, { maxItems: 15 })
});

export const AnalysisResult = record({
	reinforcedThemes: text(LIMITS.messageChars),
	strategicPivot: text(LIMITS.messageChars)
});

// --- requests (from the app to the function) ----------------------------------------------------

const artist = record({
	name: text(LIMITS.artistName).check(z.trim()),
	plays: omittable(whole(0, 1e9))
});

/**
 * What MusicBrainz says of one of the listener's artists (the app's artist facts), so the model
 * draws the portrait from facts rather than from memory: where the artist comes from, when it was
 * active and how MusicBrainz tags it. Only artists MusicBrainz knows for sure are sent.
 */
const artistFact = record({
	name: text(LIMITS.artistName),
	/** ISO 3166-1 alpha-2. */
	country: omittable(
		z.string().check(z.regex(/^[A-Z]{2}$/, { error: 'must be an ISO 3166-1 code' }))
	),
	/** The artist's area or where it began, as MusicBrainz names it ("Bristol"). */
	area: omittable(text(200)),
	beginYear: omittable(whole(1000, 3000)),
	endYear: omittable(whole(1000, 3000)),
	tags: orEmpty(list(text(100), 0, LIMITS.factTags))
});

export const PortraitRequest = record({
	artists: list(artist, LIMITS.artists.min, LIMITS.artists.max),
	source: omittable(text(100, { blank: true })),
	/** Facts of the artists MusicBrainz knows (optional; the model is told to trust them). */
	facts: omittable(list(artistFact, 0, LIMITS.artists.max))
});

const requestPortrait = portraitOf(false);
const messages = orEmpty(list(message, 0, LIMITS.messages));
const analysis = omittable(AnalysisResult);

export const ConverseRequest = record({
	portrait: requestPortrait,
	direction,
	analysis,
	messages
});

export const RecommendRequest = record({
	portrait: requestPortrait,
	messages,
	direction,
	exclude: orEmpty(list(albumRef, 0, LIMITS.exclude)),
	count: z.pipe(
		omittable(whole(LIMITS.count.min, LIMITS.count.max)),
		z.transform((n) => n ?? 5)
	),
	/** The last feedback analysis, so `reinforced` / `pivot` rounds can steer by it. */
	analysis
});

/** A year as text; a number is read as one and a missing year is "" (not every album has one). */
const ratedYear = z.pipe(
	z.pipe(
		z.optional(z.nullable(z.union([z.string(), z.number()], { error: 'must be a string' }))),
		z.transform((v) => (v === null || v === undefined ? '' : String(v)))
	),
	text(20, { blank: true })
);

const ratedAlbum = record({
	title: text(300),
	artist: text(300),
	year: ratedYear,
	rating: whole(1, 5),
	rationale: omittable(text(LIMITS.rationaleChars, { blank: true })),
	resonantElement: omittable(text(500, { blank: true }))
});

export const AnalyzeRequest = record({
	albums: list(ratedAlbum, LIMITS.analyzeAlbums.min, LIMITS.analyzeAlbums.max)
});

/** Each route's request and answer. */
export const ROUTES = {
	portrait: { request: PortraitRequest, result: PortraitResult },
	converse: { request: ConverseRequest, result: ConverseResult },
	recommend: { request: RecommendRequest, result: RecommendResult },
	analyze: { request: AnalyzeRequest, result: AnalysisResult }
} as const;
export type RouteName = keyof typeof ROUTES;

// --- errors --------------------------------------------------------------------------------------

export const CURATOR_ERROR_CODES = [
	'INVALID_INPUT',
	'UNAUTHORIZED',
	'TOO_LARGE',
	'RATE_LIMITED',
	'UPSTREAM_INVALID',
	'AI_NOT_CONFIGURED',
	'UPSTREAM_TIMEOUT',
	'INTERNAL',
	/** 404: no such curator route or method. */
	'NOT_FOUND',
	/** 503: the AI server could not be reached or kept failing (429/5xx) within the time budget. */
	'UPSTREAM_UNAVAILABLE',
	/** 404: a music service (Last.fm) has no listener of that name. */
	'UNKNOWN_USER',
	/** 403: the listener keeps their listening private on that service. */
	'PRIVATE_PROFILE',
	/** 503: the operator has not set up that service (e.g. no LASTFM_API_KEY). */
	'SERVICE_NOT_CONFIGURED'
] as const;

/** `{ error: { code, message, details? } }`, the body of every failure. */
export const CuratorErrorBody = z.object({
	error: z.object({
		code: z.enum(CURATOR_ERROR_CODES),
		message: z.string(),
		details: z.optional(z.unknown())
	})
});

/**
 * `GET /status`: whether an AI provider is configured, so the app can choose its curator before
 * a step rather than after a refusal (no provider: the catalogue curator, in the app).
 */
export const CuratorStatus = z.object({ ai: z.boolean() });
export type CuratorStatus = z.infer<typeof CuratorStatus>;

/** A `delta` event of a streamed conversation turn: the next piece of the message. */
export const StreamDelta = z.object({ text: z.string() });

// --- types ---------------------------------------------------------------------------------------

export type CuratorErrorCode = (typeof CURATOR_ERROR_CODES)[number];
export type CuratorErrorBody = z.infer<typeof CuratorErrorBody>;
export type Direction = (typeof DIRECTIONS)[number];

export type PortraitResult = z.infer<typeof PortraitResult>;
export type PortraitFacet = z.infer<typeof facet>;
/** A gap in the listener's map: what is missing and why it may be worth a listen. */
export type Gap = PortraitFacet;
export type ConverseResult = z.infer<typeof ConverseResult>;
export type RecommendedAlbum = z.infer<typeof RecommendedAlbum>;
export type RecommendResult = z.infer<typeof RecommendResult>;
export type AnalysisResult = z.infer<typeof AnalysisResult>;

export type ChatMessage = z.infer<typeof message>;
export type AlbumRef = z.infer<typeof albumRef>;
/**
 * Requests as the function reads them (omitted lists empty, `count` filled in); the app sends
 * `Sent<…>`, where those may be left out.
 */
export type ArtistInput = z.infer<typeof artist>;
export type ArtistFact = z.infer<typeof artistFact>;
export type RatedAlbum = z.infer<typeof ratedAlbum>;
export type PortraitRequest = z.infer<typeof PortraitRequest>;
export type ConverseRequest = z.infer<typeof ConverseRequest>;
export type RecommendRequest = z.infer<typeof RecommendRequest>;
export type AnalyzeRequest = z.infer<typeof AnalyzeRequest>;
export type Sent<T extends RouteName> = z.input<(typeof ROUTES)[T]['request']>;

// --- checking ------------------------------------------------------------------------------------

/** Path → problem, e.g. `{ "artists[2].name": "must not be empty" }`; the root is "(root)". */
export type Problems = Record<string, string>;

const MAX_REPORTED = 20;

function pathOf(path: readonly PropertyKey[]): string {
	let out = '';
	for (const key of path) {
		out += typeof key === 'number' ? `[${key}]` : out ? `.${String(key)}` : String(key);
	}
	return out || '(root)';
}

/** The first problem at each path, at most twenty of them. */
export function problemsOf(error: z.core.$ZodError): Problems {
	const problems: Problems = {};
	for (const issue of error.issues.slice(0, MAX_REPORTED)) {
		const path = pathOf(issue.path);
		problems[path] ??= issue.message;
	}
	return problems;
}

/** One readable line, e.g. to tell a model what to fix. */
export function summarise(problems: Problems): string {
	return Object.entries(problems)
		.map(([path, problem]) => `${path}: ${problem}`)
		.join('; ');
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problems };

export function check<S extends z.ZodMiniType>(schema: S, value: unknown): Checked<z.output<S>> {
	const result = z.safeParse(schema, value);
	return result.success
		? { ok: true, value: result.data }
		: { ok: false, problems: problemsOf(result.error) };
}
