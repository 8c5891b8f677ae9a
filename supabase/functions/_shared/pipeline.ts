/**
 * One curator request, in order: who (auth) → how often (rate limit) → what (body size, input
 * validation) → can we (AI configured) → already done? (idempotency, waiting within the time
 * budget for a duplicate that is still running) → ask the model within the same budget →
 * JSON, or SSE for a route that streams (a conversation turn, recommendations).
 * Cheap refusals come first so that a bad request never costs a model call.
 */
import { Budget } from './budget.ts';
import { inBackground } from './background.ts';
import { readJsonBody } from './body.ts';
import { aiConfigured } from './config.ts';
import type { CuratorDeps } from './deps.ts';
import { CuratorError, errorResponse, invalidInput, jsonResponse } from './errors.ts';
import { type Claim, fingerprintOf } from './idempotency.ts';
import { sseHeaders } from './sse.ts';
import {
	completeValidated,
	type RouteSpec,
	type StreamSpec,
	streamValidated
} from './structured.ts';

type Fresh = Extract<Claim, { kind: 'fresh' }>;

function wantsStream<Req, Res>(
	request: Request,
	spec: RouteSpec<Req, Res>
): spec is RouteSpec<Req, Res> & { stream: StreamSpec<Req, Res> } {
	return (
		spec.stream !== undefined &&
		(request.headers.get('accept') ?? '').includes('text/event-stream')
	);
}

/** A stored answer replayed in the streaming protocol: its whole preview at once, then done. */
function replayStream(events: Uint8Array[], headers: Headers): Response {
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			for (const event of events) controller.enqueue(event);
			controller.close();
		}
	});
	return new Response(body, { headers: sseHeaders(headers) });
}

async function claimKey(
	request: Request,
	route: string,
	userId: string,
	bodyText: string,
	deps: CuratorDeps,
	budget: Budget
) {
	const key = request.headers.get('idempotency-key')?.trim();
	if (!key) return undefined;
	if (key.length > 200) {
		throw invalidInput({ 'Idempotency-Key': 'must have at most 200 characters' });
	}
	const claim = await deps.idempotency.claim(
		{ userId, route, key },
		await fingerprintOf(bodyText),
		budget
	);
	if (claim.kind === 'mismatch') {
		throw invalidInput({
			'Idempotency-Key': 'was already used with a different request; send a new key'
		});
	}
	return claim;
}

export async function handleRoute<Req, Res>(
	spec: RouteSpec<Req, Res>,
	request: Request,
	deps: CuratorDeps,
	cors: Headers
): Promise<Response> {
	try {
		const userId = await deps.auth.userId(request);
		const rate = await deps.limiter.hit(userId);
		if (!rate.allowed) {
			throw new CuratorError('RATE_LIMITED', undefined, { retryAfter: rate.retryAfterSeconds });
		}
		const body = await readJsonBody(request, deps.config.maxBodyBytes);
		const req = spec.parse(body.value);
		if (!aiConfigured(deps.config)) throw new CuratorError('AI_NOT_CONFIGURED');

		const stream = wantsStream(request, spec) ? spec.stream : undefined;
		// The budget starts here: waiting for another instance's result with the same key counts.
		const budget = new Budget(deps.config.timeoutMs, request.signal);
		let claim: Claim | undefined;
		try {
			claim = await claimKey(request, spec.route, userId, body.text, deps, budget);
			if (claim?.kind === 'replay') {
				const value = await claim.value;
				budget.dispose();
				const headers = new Headers(cors);
				headers.set('idempotent-replayed', 'true');
				return stream
					? replayStream(stream.replay(value as Res), headers)
					: jsonResponse(value, headers);
			}
		} catch (error) {
			budget.dispose();
			throw error;
		}
		const fresh = claim as Fresh | undefined;
		const ctx = { userId, budget };

		if (stream) {
			try {
				const sse = await streamValidated(deps.ai, { ...spec, stream }, req, ctx, {
					onResult: (result) => {
						if (fresh) inBackground(fresh.settle(result), 'storing an idempotent result');
					},
					onError: (error) => fresh?.abandon(error)
				});
				budget.detachClient();
				return new Response(sse, { headers: sseHeaders(cors) });
			} catch (error) {
				budget.dispose();
				const e = deps.ai.mapError(error, budget);
				fresh?.abandon(e);
				throw e;
			}
		}

		try {
			const result = await completeValidated(deps.ai, spec, req, ctx);
			await fresh?.settle(result);
			return jsonResponse(result, cors);
		} catch (error) {
			const e = deps.ai.mapError(error, budget);
			fresh?.abandon(e);
			throw e;
		} finally {
			budget.dispose();
		}
	} catch (error) {
		return errorResponse(error, cors);
	}
}
