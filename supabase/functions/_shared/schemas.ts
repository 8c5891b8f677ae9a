/**
 * What the model is asked for and how its answer is judged, both from the contract
 * (contract/curator.ts): the JSON schemas sent with every request (structured outputs, strict
 * mode) and the validators every model answer must pass before anyone sees it.
 *
 * The schemas use only what OpenAI's strict mode and llama.cpp/Ollama grammars both accept:
 * every property required, additionalProperties false, minItems/maxItems. The validators enforce
 * the contract's full shape plus what a schema cannot say (non-empty text, lengths, the
 * conversation's pacing, no excluded albums) and rebuild the object so stray keys are dropped.
 */
import * as z from 'zod/mini';
import {
	type AnalysisResult,
	AnalysisResult as analysisResult,
	asked,
	check,
	type Checked,
	type ConverseResult,
	ConverseResult as converseResult,
	type PortraitResult,
	PortraitResult as portraitResult,
	type Problems,
	type RecommendResult,
	RecommendResult as recommendResult,
	summarise
} from './contract/curator.ts';
import { albumIdentityKey } from './contract/identity.ts';

export type JsonSchema = Record<string, unknown>;

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

/** Only these limits are stated to the model; the validators hold the answer to the rest. */
const STATED = new Set(['minItems', 'maxItems']);

/** The order the keys of each schema node are written in (the prompt may quote the schema). */
const ORDER = [
	'type',
	'properties',
	'items',
	'required',
	'additionalProperties',
	'minItems',
	'maxItems'
];

function tidy(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(tidy);
	if (typeof node !== 'object' || node === null) return node;
	const entries = Object.entries(node)
		.filter(([key]) => key !== '$schema' && (!KEYWORD_LIMITS.has(key) || STATED.has(key)))
		.map(([key, value]) => [key, key === 'properties' ? tidyProps(value) : tidy(value)] as const)
		.sort(([a], [b]) => rank(a) - rank(b));
	return Object.fromEntries(entries);
}

// Under "properties" the keys are field names, which may be called anything.
function tidyProps(value: unknown): unknown {
	return typeof value === 'object' && value !== null
		? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, tidy(v)]))
		: value;
}

function rank(key: string): number {
	const i = ORDER.indexOf(key);
	return i === -1 ? ORDER.length : i;
}

/** The JSON schema a model answers with, drawn from a contract schema. */
export function modelSchema(schema: z.core.$ZodType): JsonSchema {
	const full = z.toJSONSchema(schema, {
		override: ({ zodSchema, jsonSchema }) => {
			const limits = asked.get(zodSchema as z.core.$ZodType);
			if (limits) Object.assign(jsonSchema, limits);
		}
	});
	return tidy(full) as JsonSchema;
}

export const portraitSchema: JsonSchema = modelSchema(portraitResult);
export const converseSchema: JsonSchema = modelSchema(converseResult);
export const recommendSchema: JsonSchema = modelSchema(recommendResult);
export const analyzeSchema: JsonSchema = modelSchema(analysisResult);

// ---------------------------------------------------------------------------------------------

export type Validation<T> = { ok: true; value: T } | { ok: false; problem: string };

function verdict<T>(checked: Checked<T>, more: Problems = {}): Validation<T> {
	const problems = checked.ok ? more : { ...checked.problems, ...more };
	if (checked.ok && Object.keys(more).length === 0) return { ok: true, value: checked.value };
	return {
		ok: false,
		problem: summarise(problems) || 'the answer is not the requested JSON object'
	};
}

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** An answer that is no object still hears which fields it lacks, as if it were empty. */
function checkAnswer<S extends Parameters<typeof check>[0]>(
	schema: S,
	value: unknown,
	empty: Record<string, unknown> = {}
) {
	const checked = check(schema, isObject(value) ? value : empty);
	if (isObject(value)) return checked;
	const problems = { '(root)': 'must be an object', ...(checked.ok ? {} : checked.problems) };
	return { ok: false as const, problems };
}

export function validatePortrait(value: unknown): Validation<PortraitResult> {
	return verdict(check(portraitResult, value));
}

/**
 * `answers` is how many questions the listener has answered. The pacing rule of the interview
 * (3–5 questions) is enforced here rather than trusted to the model; questionNumber is
 * recomputed from the transcript because the app uses it for "question 2 of 5".
 */
export function validateConverse(value: unknown, answers: number): Validation<ConverseResult> {
	// The model's own count only has to be a number: it is replaced below.
	const input = isObject(value) && typeof value.questionNumber === 'number'
		? { ...value, questionNumber: 0 }
		: value;
	const checked = checkAnswer(converseResult, input, { questionNumber: 0 });
	const complete = isObject(value) ? value.complete : undefined;
	const pacing: Problems = {};
	if (complete === true && answers < 3) {
		pacing.complete = `must be false: only ${answers} question(s) answered, ask at least 3`;
	}
	if (complete === false && answers >= 5) {
		pacing.complete = 'must be true: 5 questions have been answered, close the conversation now';
	}
	const result = verdict(checked, pacing);
	if (!result.ok) return result;
	const v = result.value;
	return { ok: true, value: { ...v, questionNumber: v.complete ? answers : answers + 1 } };
}

/** Drops excluded and duplicate albums (a model may ignore the exclude list, or hand back another
 * edition of an excluded one); fails if none remain. Identity is the app's: `albumIdentityKey`.
 */
export function validateRecommend(
	value: unknown,
	exclude: readonly { title: string; artist: string }[]
): Validation<RecommendResult> {
	// Some models write the year as a number; it is text in the contract.
	const input = isObject(value) && Array.isArray(value.albums)
		? {
			...value,
			albums: value.albums.map((a: unknown) =>
				isObject(a) && typeof a.year === 'number' ? { ...a, year: String(a.year) } : a
			)
		}
		: value;
	const result = verdict(checkAnswer(recommendResult, input));
	if (!result.ok) return result;
	const seen = new Set(exclude.map(albumIdentityKey));
	const fresh = result.value.albums.filter((a) => {
		const k = albumIdentityKey(a);
		if (seen.has(k)) return false;
		seen.add(k);
		return true;
	});
	if (fresh.length === 0) {
		return {
			ok: false,
			problem: 'albums: every album is in the exclude list; recommend different albums'
		};
	}
	return { ok: true, value: { albums: fresh } };
}

export function validateAnalyze(value: unknown): Validation<AnalysisResult> {
	return verdict(checkAnswer(analysisResult, value));
}

/** The schema's shape without its keyword-level limits; the validators still enforce them. */
export function withoutKeywordLimits(schema: JsonSchema): JsonSchema {
	const strip = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(strip);
		if (typeof value !== 'object' || value === null) return value;
		return Object.fromEntries(
			Object.entries(value)
				.filter(([key]) => !KEYWORD_LIMITS.has(key))
				.map(([key, v]) => [key, key === 'properties' ? stripProps(v) : strip(v)])
		);
	};
	const stripProps = (value: unknown): unknown =>
		typeof value === 'object' && value !== null
			? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
			: value;
	return strip(schema) as JsonSchema;
}
