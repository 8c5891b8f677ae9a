/**
 * The upstream model client: one OpenAI-compatible endpoint, structured outputs, and the
 * transport policy — retries for 429/5xx/connection failures with exponential backoff inside
 * the request's budget, then CURATOR_FALLBACK_MODEL if set. The SDK's own retries are off so
 * that every attempt is visible here (budget, fallback, one usage row each).
 *
 * A 200 that is not a completion (an HTML page from a proxy in the way, JSON cut off
 * mid-body, a stream that ends before its first event) is an upstream failure too: retried
 * the same way, and in the end 502 UPSTREAM_INVALID with the upstream's reason in the log.
 *
 * Servers as people run them: one that refuses `json_schema` (DeepSeek's 400, old llama.cpp's
 * 500) or a keyword in it (Groq and `minItems`) is asked again at once — without the keyword-level
 * constraints, then in JSON mode with the schema quoted in the prompt, then with no
 * response_format — and that is remembered per model for a while, so later requests do not pay
 * for the refusal again. The validators enforce the full shape either way. A 200 whose body is
 * an error object (OpenRouter) is an upstream failure; nothing answering at OPENAI_BASE_URL
 * (connection refused) is 503 at once, with the URL and which local server it looks like.
 *
 * The seams live beside it: which format each model is asked for (ai-formats.ts), the request
 * in that format (ai-request.ts) and how an answer that is no completion is recognised
 * (ai-response.ts). Validation of what the model said is not this module's job (see
 * structured.ts).
 */
import OpenAI, { APIError, APIUserAbortError } from 'openai';
import { type Format, FormatMemory, refusedFormat } from './ai-formats.ts';
import { type ModelRequest, requestFor } from './ai-request.ts';
import {
	connectionRefused,
	glimpse,
	isTransient,
	malformedOr,
	MAX_REASONING_CHARS,
	reasoningOf,
	reportedError,
	unreachableMessage,
	UpstreamMalformed
} from './ai-response.ts';
import type { Budget } from './budget.ts';
import type { CuratorConfig } from './config.ts';
import { CuratorError, toCuratorError } from './errors.ts';
import type { UsageLog, UsageOutcome } from './usage.ts';

export type { ModelRequest } from './ai-request.ts';
export { unreachableMessage, UpstreamMalformed } from './ai-response.ts';

export interface CallContext {
	userId: string;
	budget: Budget;
}

export interface ModelAnswer {
	content: string;
	model: string;
	/** Reports the usage row once the caller knows whether the answer was usable. */
	settle(outcome: UsageOutcome): void;
}

export interface ModelStream {
	model: string;
	/** Content deltas as they arrive. */
	deltas: AsyncIterable<string>;
	settle(outcome: UsageOutcome): void;
}

const MAX_RETRIES = 3;
/** Local servers ignore the key, but the SDK insists on one. */
const PLACEHOLDER_KEY = 'not-needed-for-local-servers';

export class CuratorAI {
	#client: OpenAI;
	#config: CuratorConfig;
	#usage: UsageLog;
	#retryBaseMs: number;
	#log: (line: string) => void;
	#formats: FormatMemory;

	constructor(
		config: CuratorConfig,
		usage: UsageLog,
		options: { retryBaseMs?: number; log?: (line: string) => void } = {}
	) {
		this.#config = config;
		this.#usage = usage;
		this.#retryBaseMs = options.retryBaseMs ?? 250;
		this.#log = options.log ?? console.error;
		this.#formats = new FormatMemory(this.#log);
		this.#client = new OpenAI({
			apiKey: config.openaiApiKey ?? PLACEHOLDER_KEY,
			baseURL: config.openaiBaseUrl ?? 'https://api.openai.com/v1',
			organization: null,
			project: null,
			maxRetries: 0,
			timeout: config.timeoutMs
		});
	}

	/** A non-streamed structured answer. */
	complete(req: ModelRequest, ctx: CallContext): Promise<ModelAnswer> {
		return this.#withRetries(req, ctx, false, async (model, rowFor, format) => {
			const { data: res, response } = await this.#client.chat.completions
				.create({ model, ...requestFor(req, format) }, { signal: ctx.budget.signal })
				.withResponse()
				.catch((error) => Promise.reject(malformedOr(error, 'a body')));
			// The SDK hands back the text of a body that is not JSON (an HTML error page, say).
			const parsed: unknown = res;
			const reported = reportedError(parsed);
			if (reported) throw reported;
			if (typeof parsed !== 'object' || parsed === null || !Array.isArray(res.choices)) {
				const type = response.headers.get('content-type') ?? 'no content type';
				const body = typeof parsed === 'string' ? parsed : JSON.stringify(parsed);
				throw new UpstreamMalformed(
					`answered 200 with ${type} instead of a completion: ${glimpse(body)}`
				);
			}
			const message = res.choices[0]?.message;
			const content = message?.content || reasoningOf(message) || '';
			const usage = {
				tokensIn: res.usage?.prompt_tokens ?? 0,
				tokensOut: res.usage?.completion_tokens ?? 0
			};
			return { content, model, settle: (outcome: UsageOutcome) => rowFor(outcome, usage) };
		});
	}

	/** Opens a streamed structured answer; resolves once the upstream has answered with headers. */
	stream(req: ModelRequest, ctx: CallContext): Promise<ModelStream> {
		return this.#withRetries(req, ctx, true, async (model, rowFor, format) => {
			const { data: stream, response } = await this.#client.chat.completions
				.create(
					{
						model,
						...requestFor(req, format),
						stream: true,
						stream_options: { include_usage: true }
					},
					{ signal: ctx.budget.signal }
				)
				.withResponse();
			// Wait for the first event, so that a 200 that is no stream (an HTML page, a cut-off
			// first event) is still retried before the listener's stream has begun.
			const events = stream[Symbol.asyncIterator]();
			const type = response.headers.get('content-type') ?? 'no content type';
			const first = await events.next().catch((error) => {
				// The SDK throws an event's `{"error":{…}}` as an APIError without a status.
				if (error instanceof APIError && error.status === undefined) {
					throw reportedError({ error: error.error ?? { message: error.message } }) ?? error;
				}
				throw malformedOr(error, `a stream (${type}) whose first event`);
			});
			if (first.done && !ctx.budget.signal.aborted) {
				throw new UpstreamMalformed(`answered 200 with ${type} but no stream events`);
			}
			const usage = { tokensIn: 0, tokensOut: 0 };
			async function* deltas(): AsyncIterable<string> {
				let next = first;
				let said = false;
				let reasoning = '';
				try {
					while (!next.done) {
						const chunk = next.value;
						if (chunk.usage) {
							usage.tokensIn = chunk.usage.prompt_tokens;
							usage.tokensOut = chunk.usage.completion_tokens;
						}
						const delta = chunk.choices?.[0]?.delta;
						const text = delta?.content;
						if (text) {
							said = true;
							yield text;
						} else if (!said && reasoning.length < MAX_REASONING_CHARS) {
							reasoning += reasoningOf(delta);
						}
						next = await events.next().catch((error) => {
							throw malformedOr(error, 'a stream event');
						});
					}
				} finally {
					// The reader stopped early (say, an answer far too long): stop the upstream too.
					if (!next.done) await events.return?.();
				}
				// The SDK ends an aborted stream quietly; a cut-off answer must not pass as complete.
				if (ctx.budget.signal.aborted) throw ctx.budget.abortError();
				if (!said && reasoning) yield reasoning;
			}
			return { model, deltas: deltas(), settle: (outcome: UsageOutcome) => rowFor(outcome, usage) };
		});
	}

	/** Classifies an error thrown while reading or calling, in the listener's terms. */
	mapError(error: unknown, budget: Budget): CuratorError {
		if (error instanceof CuratorError) return error;
		if (budget.signal.aborted || error instanceof APIUserAbortError) return budget.abortError();
		if (error instanceof UpstreamMalformed) {
			this.#log(
				JSON.stringify({
					level: 'error',
					msg: 'unusable answer from the AI server',
					model: this.#config.model,
					reason: error.message
				})
			);
			return new CuratorError('UPSTREAM_INVALID', undefined, { cause: error });
		}
		if (connectionRefused(error)) {
			const message = unreachableMessage(this.#config.openaiBaseUrl ?? 'https://api.openai.com/v1');
			this.#log(JSON.stringify({ level: 'error', msg: message }));
			return new CuratorError('UPSTREAM_UNAVAILABLE', message, { cause: error });
		}
		if (error instanceof APIError && (error.status === 401 || error.status === 403)) {
			return new CuratorError(
				'AI_NOT_CONFIGURED',
				"The AI server rejected the curator's key. Check OPENAI_API_KEY (or OPENAI_BASE_URL and CURATOR_MODEL).",
				{ cause: error }
			);
		}
		if (error instanceof APIError && error.status === 404) {
			return new CuratorError(
				'AI_NOT_CONFIGURED',
				`The AI server does not offer the model "${this.#config.model}". Set CURATOR_MODEL to a model it serves.`,
				{ cause: error }
			);
		}
		if (
			error instanceof APIError &&
			error.status !== undefined &&
			error.status < 500 &&
			error.status !== 429
		) {
			this.#log(
				JSON.stringify({
					level: 'error',
					msg: 'the AI server refused the request',
					model: this.#config.model,
					status: error.status,
					reason: error.message
				})
			);
			return new CuratorError('UPSTREAM_INVALID', undefined, { cause: error });
		}
		if (error instanceof APIError) {
			return new CuratorError('UPSTREAM_UNAVAILABLE', undefined, { cause: error });
		}
		return toCuratorError(error);
	}

	async #withRetries<T>(
		req: ModelRequest,
		ctx: CallContext,
		stream: boolean,
		attempt: (model: string, rowFor: RowFor, format: Format) => Promise<T>
	): Promise<T> {
		const models = [this.#config.model, this.#config.fallbackModel].filter((m): m is string =>
			Boolean(m)
		);
		let lastError: unknown;
		for (const model of models) {
			for (let retry = 0; retry <= MAX_RETRIES; retry++) {
				const started = performance.now();
				let recorded = false; // exactly one usage row per upstream call
				const rowFor: RowFor = (outcome, usage, status) => {
					if (recorded) return;
					recorded = true;
					this.#usage.record({
						userId: ctx.userId,
						route: req.route,
						model,
						tokensIn: usage.tokensIn,
						tokensOut: usage.tokensOut,
						latencyMs: Math.round(performance.now() - started),
						outcome,
						...(status ? { status } : {}),
						stream,
						at: new Date().toISOString()
					});
				};
				try {
					return await attempt(model, rowFor, this.#formats.formatFor(model));
				} catch (error) {
					lastError = error;
					const status = error instanceof APIError || error instanceof UpstreamMalformed
						? error.status
						: undefined;
					const aborted = ctx.budget.signal.aborted;
					const outcome: UsageOutcome = aborted
						? ctx.budget.reason === 'client' ? 'aborted' : 'timeout'
						: 'upstream_error';
					rowFor(outcome, { tokensIn: 0, tokensOut: 0 }, status);
					if (aborted) throw ctx.budget.abortError();
					// Nothing listens there: another try or model at the same address cannot help.
					if (connectionRefused(error)) throw this.mapError(error, ctx.budget);
					const looser = refusedFormat(error, this.#formats.formatFor(model));
					if (looser) {
						this.#formats.refused(model, looser, error);
						retry--; // a different request, not a retry; the formats run out after three
						continue;
					}
					if (!isTransient(error)) break; // a fallback model may still help (e.g. 404 model not found)
					if (retry === MAX_RETRIES) break;
					const wait = this.#backoffMs(retry, error);
					if (wait >= ctx.budget.remainingMs()) break;
					await ctx.budget.sleep(wait);
				}
			}
		}
		throw this.mapError(lastError, ctx.budget);
	}

	/** Exponential backoff with jitter; an upstream Retry-After wins when it says longer. */
	#backoffMs(retry: number, error: unknown): number {
		const base = Math.min(this.#retryBaseMs * 2 ** retry, 4000) +
			Math.random() * this.#retryBaseMs * 0.2;
		if (!(error instanceof APIError)) return base;
		const ms = Number(error.headers?.get('retry-after-ms'));
		const s = Number(error.headers?.get('retry-after'));
		const hinted = Number.isFinite(ms) && ms > 0 ? ms : Number.isFinite(s) && s > 0 ? s * 1000 : 0;
		return Math.max(base, hinted);
	}
}

type RowFor = (
	outcome: UsageOutcome,
	usage: { tokensIn: number; tokensOut: number },
	status?: number
) => void;
