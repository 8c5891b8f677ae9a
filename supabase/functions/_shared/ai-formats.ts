/**
 * Which answer format each model is asked for. Servers as people run them refuse `json_schema`
 * (DeepSeek's 400, old llama.cpp's 500) or a keyword in it (Groq and `minItems`); each refusal
 * steps down one format, and is remembered per model for a while so that later requests do not
 * pay for it again.
 */
import { APIError } from 'openai';

/** The answer formats to ask for, from the strictest down. */
export type Format = 'json_schema' | 'json_schema_loose' | 'json_object' | 'none';

/** How long a refused format stays refused for a model (a server upgrade is picked up later). */
const REFUSAL_MEMORY_MS = 10 * 60_000;

/** The next, looser format when the upstream refused this one because of the format, or null. */
export function refusedFormat(error: unknown, format: Format): Format | null {
	if (!(error instanceof APIError) || format === 'none') return null;
	const status = error.status ?? 0;
	if (status === 429 || status < 400 || status > 501) return null;
	const text = error.message;
	if (
		format === 'json_schema' &&
		/schema/i.test(text) &&
		/\b(minItems|maxItems|minLength|maxLength|pattern|minimum|maximum|format|uniqueItems)\b.*not supported/i
			.test(text)
	) {
		return 'json_schema_loose';
	}
	if (!/response.?format|json.?schema|json_object|structured output/i.test(text)) return null;
	return format === 'json_object' ? 'none' : 'json_object';
}

/** Per model: the format it was last known to accept after refusing a stricter one. */
export class FormatMemory {
	#formats = new Map<string, { format: Format; until: number }>();

	constructor(private readonly log: (line: string) => void) {}

	formatFor(model: string): Format {
		const known = this.#formats.get(model);
		if (known && known.until > Date.now()) return known.format;
		this.#formats.delete(model);
		return 'json_schema';
	}

	refused(model: string, format: Format, error: unknown): void {
		this.#formats.set(model, { format, until: Date.now() + REFUSAL_MEMORY_MS });
		this.log(
			JSON.stringify({
				level: 'warn',
				msg: `the AI server refused the answer format; asking for ${format} from now on`,
				model,
				reason: error instanceof Error ? error.message : String(error)
			})
		);
	}
}
