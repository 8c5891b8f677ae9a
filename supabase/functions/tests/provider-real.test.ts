/**
 * Providers as people run them, replayed from recorded responses (tests/provider-real/): servers
 * that refuse json_schema or one of its keywords, reasoning models that think (with braces)
 * before answering, OpenRouter's 200 that is an error, and nothing listening at the base URL.
 */
// @ts-types="../../../tests/fakes/fake-openai.d.mts"
import type { FakeModeOptions } from '../../../tests/fakes/fake-openai.mjs';
import { unreachableMessage } from '../_shared/ai.ts';
import { assert, assertEquals, assertMatch, assertStringIncludes } from './_assert.ts';
import { ARTISTS, PORTRAIT, readSse, type Stack, startStack } from './_helpers.ts';

const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({
		title: `Album ${n}`,
		artist: 'Artist',
		year: '1999',
		rating: n
	}))
};
const CONVERSE = { portrait: PORTRAIT, direction: 'initial', messages: [] };

interface Route {
	name: string;
	call(s: Stack): Promise<Response>;
}
const JSON_ROUTE: Route = { name: 'JSON', call: (s) => s.post('analyze', ANALYZE) };
const SSE_ROUTE: Route = {
	name: 'SSE',
	call: (s) => s.post('converse', CONVERSE, { accept: 'text/event-stream' })
};
const PORTRAIT_ROUTE: Route = {
	name: 'JSON',
	call: (s) => s.post('portrait', { artists: ARTISTS })
};

/** What the listener's app gets: status, code ('ok' or the error's) and, for SSE, the preview. */
interface Outcome {
	status: number;
	code: string;
	message?: string;
	preview?: string;
}

async function outcome(res: Response): Promise<Outcome> {
	if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
		const events = await readSse(res);
		const last = events.at(-1)!;
		const preview = events
			.filter((e) => e.event === 'delta')
			.map((e) => (e.data as { text: string }).text)
			.join('');
		if (last.event === 'done') {
			const done = last.data as { message: string };
			assertEquals(preview, done.message, 'the preview is the answer, not the thought');
			return { status: res.status, code: 'ok', preview };
		}
		const error = (last.data as { error: { code: string; message: string } }).error;
		return { status: res.status, code: error.code, message: error.message };
	}
	const body = await res.json();
	if (res.ok) return { status: res.status, code: 'ok' };
	return { status: res.status, code: body.error.code, message: body.error.message };
}

async function withStack(
	mode: FakeModeOptions,
	run: (s: Stack, lines: string[]) => Promise<void>,
	overrides: Parameters<typeof startStack>[0] = {}
): Promise<void> {
	const lines: string[] = [];
	const s = await startStack(overrides, { aiLog: (l) => lines.push(l) });
	s.fake.setMode({ chunkDelayMs: 1, ...mode });
	try {
		await run(s, lines);
	} finally {
		await s.close();
	}
}

for (const refuse of ['deepseek', 'llamacpp'] as const) {
	for (const route of [JSON_ROUTE, SSE_ROUTE]) {
		Deno.test(
			`json_schema refused (${refuse}, ${route.name}): JSON mode with the schema in the prompt, remembered`,
			() =>
				withStack({ refuse }, async (s, lines) => {
					assertEquals((await outcome(await route.call(s))).code, 'ok');
					assertEquals(s.fake.calls().count, 2, 'one refusal, then one answer');
					const last = s.fake.calls().last!;
					assertEquals(last.response_format?.type, 'json_object');
					assertStringIncludes(last.messages[0].content, 'JSON Schema "');
					// The next request does not knock on the refused format again.
					assertEquals((await outcome(await route.call(s))).code, 'ok');
					assertEquals(s.fake.calls().count, 3);
					assertEquals(lines.length, 1, 'the refusal is logged once');
					assertMatch(
						lines[0],
						refuse === 'deepseek' ? /response_format type is unavailable/ : /but got: json_schema/
					);
				})
		);
	}
}

Deno.test('json_schema refused: an answer that misses the schema gets one repair turn', () =>
	withStack({ refuse: 'deepseek', mode: 'invalid', times: 1 }, async (s) => {
		assertEquals((await outcome(await JSON_ROUTE.call(s))).code, 'ok');
		assertEquals(
			s.fake.calls().count,
			3,
			'refusal, invalid answer, repaired answer'
		);
		const repair = s.fake.calls().last!;
		assertEquals(repair.response_format?.type, 'json_object');
		assert(
			repair.messages.some((m) => m.role === 'assistant'),
			'the model sees its answer'
		);
	}));

Deno.test('Groq refuses minItems: asked again without keyword limits, answer still validated', () =>
	withStack({ refuse: 'groq' }, async (s, lines) => {
		assertEquals((await outcome(await PORTRAIT_ROUTE.call(s))).code, 'ok');
		assertEquals(s.fake.calls().count, 2);
		const last = s.fake.calls().last!;
		assertEquals(last.response_format?.type, 'json_schema');
		assert(!JSON.stringify(last.response_format).includes('minItems'));
		assertEquals(lines.length, 1);
		assertMatch(lines[0], /minItems is not supported/);
		// The validator still holds the answer to the ranges the schema no longer states.
		s.fake.setMode({ refuse: 'groq', mode: 'invalid', times: 2 });
		assertEquals(
			(await outcome(await PORTRAIT_ROUTE.call(s))).code,
			'UPSTREAM_INVALID'
		);
		assertEquals(
			s.fake.calls().count,
			4,
			'no json_schema with minItems again, one repair'
		);
	}));

for (const think of ['content', 'reasoning_content', 'reasoning'] as const) {
	for (const route of [JSON_ROUTE, SSE_ROUTE]) {
		Deno.test(`a <think> block with braces in ${think} (${route.name}) is skipped`, () =>
			withStack({ think }, async (s) => {
				const got = await outcome(await route.call(s));
				assertEquals(got.code, 'ok');
				assertEquals(s.fake.calls().count, 1, 'understood at the first try');
				if (got.preview !== undefined) assert(!got.preview.includes('draft'));
			}));
	}
}

for (const route of [JSON_ROUTE, SSE_ROUTE]) {
	Deno.test(`the whole answer in reasoning_content, content empty (${route.name}): answered`, () =>
		withStack({ think: 'unterminated' }, async (s) => {
			assertEquals((await outcome(await route.call(s))).code, 'ok');
			assertEquals(s.fake.calls().count, 1, 'understood at the first try');
		}));
}

for (const route of [JSON_ROUTE, SSE_ROUTE]) {
	Deno.test(`OpenRouter's 200 with an error (${route.name}): retried, then answers`, () =>
		withStack({ mode: 'openrouter-error', times: 1 }, async (s) => {
			assertEquals((await outcome(await route.call(s))).code, 'ok');
			assertEquals(s.fake.calls().count, 2);
			assertEquals(s.usage.rows.map((r) => r.outcome), [
				'upstream_error',
				'ok'
			]);
		}));

	Deno.test(`OpenRouter's 200 with an error (${route.name}) that persists: 502, its words logged`, () =>
		withStack({ mode: 'openrouter-error' }, async (s, lines) => {
			const got = await outcome(await route.call(s));
			assertEquals([got.status, got.code], [502, 'UPSTREAM_INVALID']);
			assertEquals(s.fake.calls().count, 4, 'bounded retries');
			assertEquals(lines.length, 1);
			assertMatch(
				lines[0],
				/Rate limit exceeded: free-models-per-day.*code 429.*Google AI Studio/
			);
		}));
}

/** A port on 127.0.0.1 where nothing listens. */
function closedPort(): number {
	const listener = Deno.listen({ hostname: '127.0.0.1', port: 0 });
	const { port } = listener.addr as Deno.NetAddr;
	listener.close();
	return port;
}

async function listening(port: number): Promise<boolean> {
	try {
		(await Deno.connect({ hostname: '127.0.0.1', port })).close();
		return true;
	} catch {
		return false;
	}
}

for (const route of [JSON_ROUTE, SSE_ROUTE]) {
	Deno.test(`nothing answers at OPENAI_BASE_URL (${route.name}): 503 naming the URL, logged once`, async () => {
		const port = (await listening(11434)) ? closedPort() : 11434;
		const base = `http://127.0.0.1:${port}`;
		await withStack(
			{},
			async (s, lines) => {
				const got = await outcome(await route.call(s));
				assertEquals([got.status, got.code], [503, 'UPSTREAM_UNAVAILABLE']);
				assertStringIncludes(got.message!, `nothing answers at ${base}`);
				if (port === 11434) {
					assertStringIncludes(
						got.message!,
						'nothing answers at http://127.0.0.1:11434 — is Ollama running?'
					);
				}
				assertEquals(lines.length, 1);
				assertStringIncludes(lines[0], `nothing answers at ${base}`);
				assertEquals(
					s.usage.rows.length,
					1,
					'no retries against a closed port'
				);
			},
			{ openaiBaseUrl: `${base}/v1`, fallbackModel: 'fake-fallback' }
		);
	});
}

Deno.test('the unreachable message names the local server by its port', () => {
	assertStringIncludes(
		unreachableMessage('http://127.0.0.1:1234/v1'),
		'is LM Studio running?'
	);
	assertStringIncludes(
		unreachableMessage('http://localhost:8080/v1'),
		"nothing answers at http://localhost:8080 — is llama.cpp's server (llama-server) running?"
	);
	assertStringIncludes(
		unreachableMessage('https://llm.example.org/v1'),
		'is OPENAI_BASE_URL right?'
	);
});
