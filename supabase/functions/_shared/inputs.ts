/**
 * Request checks for the four curator routes, from the contract (contract/curator.ts). Each
 * returns a clean, typed request or throws INVALID_INPUT with field-level details
 * (`{ fields: { "artists[2].name": "…" } }`). The contract's limits keep prompts bounded: the
 * model's context and the listener's bill depend on them.
 */
import {
	type AnalyzeRequest,
	AnalyzeRequest as analyzeRequest,
	check,
	type ConverseRequest,
	ConverseRequest as converseRequest,
	type PortraitRequest,
	PortraitRequest as portraitRequest,
	type RecommendRequest,
	RecommendRequest as recommendRequest
} from './contract/curator.ts';
import { invalidInput } from './errors.ts';

function parseWith<T>(schema: Parameters<typeof check>[0], value: unknown): T {
	// A body that is no object still has each of its fields reported, as if it were empty.
	const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
	const checked = check(schema, isObject ? value : {});
	const fields: Record<string, string> = isObject ? {} : { body: 'must be an object' };
	if (checked.ok && isObject) return checked.value as T;
	throw invalidInput({ ...fields, ...(checked.ok ? {} : checked.problems) });
}

export const parsePortraitRequest = (value: unknown) =>
	parseWith<PortraitRequest>(portraitRequest, value);
export const parseConverseRequest = (value: unknown) =>
	parseWith<ConverseRequest>(converseRequest, value);
export const parseRecommendRequest = (value: unknown) =>
	parseWith<RecommendRequest>(recommendRequest, value);
export const parseAnalyzeRequest = (value: unknown) =>
	parseWith<AnalyzeRequest>(analyzeRequest, value);
