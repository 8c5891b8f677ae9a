/**
 * Validated model answers: parse → check for leaked instructions → route validator. An unusable
 * answer gets exactly one repair turn (the model sees its answer and what was wrong); a second
 * failure is 502 UPSTREAM_INVALID. Nothing unvalidated ever reaches the listener — for a
 * streamed answer (a conversation turn, recommendations) the deltas or albums are a preview
 * checked piece by piece, and the `done` event carries the checked object. Each preview is
 * capped (previews.ts): an upstream that runs past the longest answer its route can have is
 * stopped at once and the stream ends with an error event.
 */
import type { CallContext, CuratorAI } from './ai.ts';
import { CuratorError } from './errors.ts';
import { LIMITS } from './contract/curator.ts';
import {
	leaksInstructions,
	type PromptMessage,
	repairMessages,
	type RouteName,
	SYSTEM_PROMPTS
} from './prompts.ts';
import type { JsonSchema, Validation } from './schemas.ts';
import { doneEvent, errorEvent } from './sse.ts';
import { stripThink, ThinkFilter } from './think.ts';

export interface RouteSpec<Req, Res> {
	route: RouteName;
	schema: JsonSchema;
	parse(body: unknown): Req;
	messages(req: Req): PromptMessage[];
	validate(value: unknown, req: Req): Validation<Res>;
	/** Present on the routes that also answer as SSE (`Accept: text/event-stream`). */
	stream?: StreamSpec<Req, Res>;
}

/**
 * Parses model text as JSON, tolerating a leading `<think>` block and a code fence or prose
 * around the object.
 */
export function parseModelJson(raw: string): { ok: true; value: unknown } | { ok: false } {
	const content = stripThink(raw);
	const end = content.lastIndexOf('}') + 1;
	const attempts = [
		content,
		content.slice(content.indexOf('{'), end),
		// Ollama 0.9 with think + format may open the object twice ("{\n\n{\n\n\"key\"…").
		content.slice(content.lastIndexOf('{', content.indexOf('"')), end)
	];
	for (const text of attempts) {
		try {
			return { ok: true, value: JSON.parse(text) };
		} catch {
			/* try the next reading */
		}
	}
	return { ok: false };
}

export function judge<Req, Res>(
	spec: RouteSpec<Req, Res>,
	req: Req,
	content: string
): Validation<Res> {
	const parsed = parseModelJson(content);
	if (!parsed.ok) {
		return { ok: false, problem: 'the answer is not valid JSON; reply with the JSON object only' };
	}
	// What the model thought may restate its instructions; only the answer must not.
	if (leaksInstructions(stripThink(content), SYSTEM_PROMPTS[spec.route])) {
		return {
			ok: false,
			problem: 'the answer repeats the curator instructions; answer only with music content'
		};
	}
	return spec.validate(parsed.value, req);
}

async function repair<Req, Res>(
	ai: CuratorAI,
	spec: RouteSpec<Req, Res>,
	req: Req,
	messages: PromptMessage[],
	bad: { content: string; problem: string },
	ctx: CallContext
): Promise<Res> {
	const answer = await ai.complete(
		{
			route: spec.route,
			schema: spec.schema,
			messages: repairMessages(messages, bad.content, bad.problem)
		},
		ctx
	);
	const verdict = judge(spec, req, answer.content);
	answer.settle(verdict.ok ? 'ok' : 'invalid');
	if (verdict.ok) return verdict.value;
	throw new CuratorError('UPSTREAM_INVALID', undefined, { details: { problem: verdict.problem } });
}

export async function completeValidated<Req, Res>(
	ai: CuratorAI,
	spec: RouteSpec<Req, Res>,
	req: Req,
	ctx: CallContext
): Promise<Res> {
	const messages = spec.messages(req);
	const answer = await ai.complete({ route: spec.route, schema: spec.schema, messages }, ctx);
	const verdict = judge(spec, req, answer.content);
	answer.settle(verdict.ok ? 'ok' : 'invalid');
	if (verdict.ok) return verdict.value;
	return repair(
		ai,
		spec,
		req,
		messages,
		{ content: answer.content, problem: verdict.problem },
		ctx
	);
}

/** The longest conversation message, and the raw answer around it (escapes, other fields). */
export const STREAM_LIMITS = {
	messageChars: LIMITS.messageChars,
	answerChars: LIMITS.messageChars * 6 + 1000,
	/** Twenty albums with every field at its longest, most of it escaped. */
	albumsChars: 250_000
} as const;

/**
 * How one route streams: what the listener sees while the model writes (a preview, checked
 * piece by piece; the `done` event has the last word) and how a stored answer is replayed.
 */
export interface StreamSpec<Req, Res> {
	preview(req: Req): StreamPreview;
	/** A stored answer in the same protocol (an idempotent retry): its preview, then done. */
	replay(result: Res): Uint8Array[];
}

export interface StreamPreview {
	/**
	 * Reads one upstream delta (thoughts already removed; `content` is the raw answer so far)
	 * and sends what it can show. Throws a CuratorError to stop the upstream: an answer far
	 * longer than any the route can have.
	 */
	push(delta: string, content: string, send: (event: Uint8Array) => void): void;
}

export interface StreamHooks<Res> {
	onResult(result: Res): void;
	onError(error: CuratorError): void;
}

/**
 * Streams an answer as SSE: the route's preview as the upstream writes, then the validated
 * object (after at most one repair turn) as `done`, or an `error` event. Resolves only once the
 * upstream has answered, so a failure before the first byte is still an ordinary JSON error
 * response. Each upstream delta is read as soon as it arrives (no buffering).
 */
export async function streamValidated<Req, Res>(
	ai: CuratorAI,
	spec: RouteSpec<Req, Res> & { stream: StreamSpec<Req, Res> },
	req: Req,
	ctx: CallContext,
	hooks: StreamHooks<Res>
): Promise<ReadableStream<Uint8Array>> {
	const messages = spec.messages(req);
	const upstream = await ai.stream({ route: spec.route, schema: spec.schema, messages }, ctx);
	const { budget } = ctx;

	async function pump(out: ReadableStreamDefaultController<Uint8Array>): Promise<void> {
		const send = (chunk: Uint8Array) => {
			try {
				out.enqueue(chunk);
			} catch {
				/* the client cancelled; the budget's abort stops the upstream */
			}
		};
		const preview = spec.stream.preview(req);
		const thoughts = new ThinkFilter();
		let content = '';
		let streaming = true;
		let oversized = false;
		try {
			for await (const delta of upstream.deltas) {
				content += delta;
				try {
					preview.push(thoughts.push(delta), content, send);
				} catch (error) {
					oversized = true;
					throw error; // leaving the loop stops the upstream
				}
			}
			streaming = false;
			const verdict = judge(spec, req, content);
			upstream.settle(verdict.ok ? 'ok' : 'invalid');
			const result = verdict.ok
				? verdict.value
				: await repair(ai, spec, req, messages, { content, problem: verdict.problem }, ctx);
			hooks.onResult(result);
			send(doneEvent(result));
		} catch (error) {
			const e = ai.mapError(error, budget);
			if (streaming) {
				upstream.settle(
					oversized
						? 'invalid'
						: budget.reason === 'client'
						? 'aborted'
						: budget.reason
						? 'timeout'
						: 'upstream_error'
				);
			}
			hooks.onError(e);
			if (budget.reason !== 'client') send(errorEvent(e));
		} finally {
			budget.dispose();
			try {
				out.close();
			} catch {
				/* already cancelled by the client */
			}
		}
	}

	return new ReadableStream<Uint8Array>({
		start(controller) {
			void pump(controller);
		},
		cancel() {
			budget.cancel();
		}
	});
}
