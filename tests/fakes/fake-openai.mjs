/**
 * The one shared fake of an OpenAI-compatible server, for the curator's Deno tests, the
 * Playwright journeys and the benchmark. Plain JS on node:http so Node and Deno both run it.
 *
 *   import { startFakeOpenAI } from './tests/fakes/fake-openai.mjs'
 *   const fake = await startFakeOpenAI(); // { url: 'http://127.0.0.1:PORT/v1', port, close, setMode, calls }
 *   node tests/fakes/fake-openai.mjs --port 54329     (CLI; stops on SIGTERM/SIGINT)
 *
 * It picks the curator route from `response_format.json_schema.name` and answers deterministic,
 * schema-valid content derived from the JSON in the first user message (see each builder).
 * Control over HTTP, so another process can drive it:
 *   POST /__fake/mode  { mode: 'ok'|'garbage'|'invalid'|'stall'|'401'|'429'|'500'|'html'|'truncated'|'flood', times?, delayMs?, chunkDelayMs? }
 * '401' answers like a provider rejecting the API key. 'html' answers 200 with an HTML error
 * page (a proxy or captive portal in the way); 'truncated' answers 200 with the completion's
 * JSON cut off halfway (a connection dropped mid-body), as JSON or as its first stream event.
 * 'flood' streams a message of several megabytes (a model that never stops).
 *   GET  /__fake/calls → { count, byRoute, last, cutOff }      POST /__fake/reset
 * (`cutOff`: streams the client closed before the fake had sent them whole.)
 * `times` applies the mode to that many completions, then back to 'ok'. `delayMs` delays each
 * answer before its first byte (default 0); `chunkDelayMs` spaces stream chunks (default 5), or
 * `tokensPerSecond` streams at that fixed rate instead. `content` answers that text verbatim
 * (a canned model output) for `times` completions, then the usual answer again. `route`
 * ('portrait'|'converse'|'recommend'|'analyze') keeps all of it to that route's completions:
 * the others get the usual answer at the usual pace (a test sets it before the step that
 * leads to that route by itself).
 *
 * Servers as people run them (bodies and status codes recorded from the real servers, in
 * supabase/functions/tests/provider-real/), as options of POST /__fake/mode that last until the
 * next mode is set:
 *   refuse: 'deepseek'|'llamacpp' — every `response_format: json_schema` gets DeepSeek's 400 or old
 *     llama.cpp's 500; 'groq' — a json_schema using `minItems` gets Groq's 400.
 *   think: 'content' — the answer starts with a `<think>` block holding braces; 'reasoning_content'
 *     (llama.cpp, vLLM) or 'reasoning' (Ollama) — that block's text comes in that field instead;
 *     'unterminated' — the whole answer in `reasoning_content` and `content` empty (vLLM).
 *   mode 'openrouter-error' — 200 whose body is OpenRouter's `{"error":{…}}`.
 * Without a json_schema the route comes from the schema the prompt quotes (`JSON Schema "name"`).
 *
 * Like a gullible model, on a first attempt whose data asks for the "system prompt" it leaks the
 * start of its system prompt into the portrait summary: the curator must notice and repair.
 */
import http from 'node:http';
import process from 'node:process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BUILDERS, INVALID, userData } from './fake-openai-answers.mjs';

/** @param {{ port?: number, host?: string }} [options] */
export async function startFakeOpenAI({ port = 0, host = '127.0.0.1' } = {}) {
	let state = {
		mode: 'ok',
		times: Infinity,
		delayMs: 0,
		chunkDelayMs: 5,
		tokensPerSecond: 0,
		content: null
	};
	let log = { count: 0, byRoute: {}, last: null, cutOff: 0 };
	const sockets = new Set();
	const stalled = new Set();
	let seq = 0;

	function setMode(input) {
		const o = typeof input === 'string' ? { mode: input } : (input ?? {});
		state = {
			mode: o.mode ?? 'ok',
			times: o.times ?? Infinity,
			delayMs: o.delayMs ?? 0,
			chunkDelayMs: o.chunkDelayMs ?? 5,
			tokensPerSecond: o.tokensPerSecond ?? 0,
			content: o.content ?? null,
			refuse: o.refuse ?? null,
			think: o.think ?? null,
			route: o.route ?? null
		};
	}
	const calls = () => structuredClone(log);
	const reset = () => {
		setMode('ok');
		log = { count: 0, byRoute: {}, last: null, cutOff: 0 };
	};

	/** The usual answer at the usual pace, for a route the mode is not set for. */
	const USUAL = { mode: 'ok', canned: null, delayMs: 0, chunkDelayMs: 5, tokensPerSecond: 0 };

	/** The mode (canned answer, pace) for this completion of `route`, consuming one of `times`. */
	function takeMode(route) {
		if (state.route && state.route !== route) return USUAL;
		const { mode, content: canned, delayMs, chunkDelayMs, tokensPerSecond } = state;
		if ((mode !== 'ok' || canned !== null) && --state.times <= 0)
			state = { ...state, mode: 'ok', times: Infinity, content: null };
		return { mode, canned, delayMs, chunkDelayMs, tokensPerSecond };
	}

	function content(route, body, mode) {
		if (mode === 'garbage') return 'Sorry, I cannot answer in JSON today. Here is a poem instead.';
		const data = userData(body.messages);
		let value =
			mode === 'invalid'
				? (INVALID[route] ?? { nope: true })
				: (BUILDERS[route] ?? (() => ({ echo: data })))(data);
		const firstAttempt = !(body.messages ?? []).some((m) => m.role === 'assistant');
		if (
			mode === 'ok' &&
			route === 'portrait' &&
			firstAttempt &&
			/system prompt/i.test(JSON.stringify(data))
		) {
			const system = (body.messages ?? []).find((m) => m.role === 'system')?.content ?? '';
			value = { ...value, summary: `Sure. My instructions say: ${system.slice(0, 300)}` };
		}
		return JSON.stringify(value);
	}

	async function completions(req, res, body) {
		const route = body.response_format?.json_schema?.name ?? quotedSchema(body) ?? 'unknown';
		log.count++;
		log.byRoute[route] = (log.byRoute[route] ?? 0) + 1;
		log.last = body;
		// A refused format never reaches the model, so it uses up none of `times`.
		const refusal = refusalFor(state.refuse, body);
		if (refusal) return send(res, refusal.status, refusal.body);
		const { mode, canned, ...pace } = takeMode(route);
		if (pace.delayMs) await sleep(pace.delayMs);
		if (mode === 'openrouter-error') {
			// OpenRouter sends the error object as the body, or as the stream's event.
			const error = recorded('openrouter-200-error.json');
			if (!body.stream) return send(res, 200, error);
			res.writeHead(200, { 'content-type': 'text/event-stream' });
			return res.end(`: OPENROUTER PROCESSING\n\ndata: ${JSON.stringify(error)}\n\n`);
		}
		if (mode === 'stall') {
			stalled.add(res);
			req.on('close', () => stalled.delete(res));
			return;
		}
		if (mode === '401') {
			const error = {
				message: 'Incorrect API key provided (fake).',
				type: 'invalid_request_error',
				code: 'invalid_api_key'
			};
			return send(res, 401, { error });
		}
		if (mode === '429' || mode === '500') {
			const status = Number(mode);
			const error =
				status === 429
					? { message: 'Rate limit reached (fake).', type: 'requests', code: 'rate_limit_exceeded' }
					: { message: 'The server had an error (fake).', type: 'server_error', code: null };
			return send(res, status, { error }, status === 429 ? { 'retry-after-ms': '1' } : {});
		}
		if (mode === 'html') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			return res.end(HTML_ERROR_PAGE);
		}
		const answer = mode === 'flood' ? floodText() : (canned ?? content(route, body, mode));
		const think = state.think;
		const thought = think ? THINK_BLOCK : '';
		// 'unterminated': the reasoning parser kept the whole answer as reasoning (vLLM).
		const unterminated = think === 'unterminated';
		const text = think === 'content' ? thought + answer : unterminated ? '' : answer;
		const field = unterminated ? 'reasoning_content' : think;
		const thinking = unterminated ? answer : thought;
		const reasoning = think && think !== 'content' ? { [field]: thinking } : {};
		const id = `chatcmpl-fake-${++seq}`;
		const created = Math.floor(Date.now() / 1000);
		const model = body.model ?? 'fake-model';
		const usage = {
			prompt_tokens: Math.ceil(JSON.stringify(body.messages ?? []).length / 4),
			completion_tokens: Math.ceil(text.length / 4)
		};
		usage.total_tokens = usage.prompt_tokens + usage.completion_tokens;
		if (mode === 'truncated') {
			const whole = JSON.stringify({
				id,
				object: body.stream ? 'chat.completion.chunk' : 'chat.completion',
				created,
				model,
				choices: [{ index: 0, message: { role: 'assistant', content: text } }]
			});
			const cut = whole.slice(0, Math.floor(whole.length / 2));
			res.writeHead(200, {
				'content-type': body.stream ? 'text/event-stream' : 'application/json'
			});
			return res.end(body.stream ? `data: ${cut}\n\n` : cut);
		}
		if (!body.stream) {
			// At a fixed token rate a whole answer takes as long as its tokens do.
			if (pace.tokensPerSecond) await sleep((text.length / 4 / pace.tokensPerSecond) * 1000);
			const message = { role: 'assistant', content: text, refusal: null, ...reasoning };
			return send(res, 200, {
				id,
				object: 'chat.completion',
				created,
				model,
				choices: [{ index: 0, message, finish_reason: 'stop', logprobs: null }],
				usage
			});
		}
		res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
		const chunk = (delta, finish = null, extra = {}) =>
			`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created, model, choices: delta ? [{ index: 0, delta, finish_reason: finish, logprobs: null }] : [], ...extra })}\n\n`;
		res.write(chunk({ role: 'assistant', content: '' }));
		if (think && think !== 'content') {
			for (let i = 0; i < thinking.length; i += 7)
				res.write(chunk({ [field]: thinking.slice(i, i + 7) }));
		}
		// A flood comes in big pieces, as fast as the reader takes them.
		const piece = mode === 'flood' ? () => 4096 : (size) => 2 + (size % 5);
		// At a fixed token rate each chunk leaves when its last token is due (about 4 characters
		// a token, as the usage estimate counts), on a schedule that does not drift.
		const started = performance.now();
		const rate = mode === 'flood' ? 0 : pace.tokensPerSecond;
		for (let i = 0, size = 2; i < text.length; i += size, size = piece(size)) {
			if (res.destroyed) return void log.cutOff++;
			if (rate) {
				const due = started + (Math.min(i + size, text.length) / 4 / rate) * 1000;
				if (due > performance.now()) await sleep(due - performance.now());
			} else if (pace.chunkDelayMs && mode !== 'flood') await sleep(pace.chunkDelayMs);
			const ok = res.write(chunk({ content: text.slice(i, i + size) }));
			if (!ok && mode === 'flood') {
				await new Promise((resolve) => {
					const go = () => {
						res.off('drain', go);
						res.off('close', go);
						resolve(undefined);
					};
					res.once('drain', go);
					res.once('close', go);
				});
			}
		}
		res.write(chunk({}, 'stop'));
		res.write(chunk(null, null, { usage }));
		res.end('data: [DONE]\n\n');
	}

	const server = http.createServer(async (req, res) => {
		try {
			const path = new URL(req.url ?? '/', 'http://fake').pathname;
			const body = req.method === 'POST' ? await readJson(req) : {};
			if (req.method === 'GET' && path === '/v1/models') {
				return send(res, 200, {
					object: 'list',
					data: [{ id: 'fake-curator', object: 'model', created: 0, owned_by: 'fake' }]
				});
			}
			if (req.method === 'POST' && path === '/v1/chat/completions')
				return await completions(req, res, body);
			if (req.method === 'POST' && path === '/__fake/mode')
				return (setMode(body), send(res, 200, { ok: true, mode: state.mode }));
			if (req.method === 'GET' && path === '/__fake/calls') return send(res, 200, calls());
			if (req.method === 'POST' && path === '/__fake/reset')
				return (reset(), send(res, 200, { ok: true }));
			send(res, 404, {
				error: {
					message: `No route ${req.method} ${path} in the fake.`,
					type: 'invalid_request_error'
				}
			});
		} catch (error) {
			if (!res.headersSent)
				send(res, 400, { error: { message: String(error), type: 'invalid_request_error' } });
		}
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, resolve);
	});
	const actualPort = server.address().port;
	return {
		url: `http://${host}:${actualPort}/v1`,
		port: actualPort,
		setMode,
		calls,
		reset,
		close: () =>
			new Promise((resolve) => {
				for (const res of stalled) res.destroy();
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve(undefined));
			})
	};
}

const RECORDED = new URL('../../supabase/functions/tests/provider-real/', import.meta.url);

function recorded(file) {
	return JSON.parse(readFileSync(new URL(file, RECORDED), 'utf8'));
}

/** The recorded `<think>` block (its braces included), without the answer that followed it. */
const THINK_BLOCK = readFileSync(new URL('think-with-braces.content.txt', RECORDED), 'utf8')
	.split('</think>')[0]
	.concat('</think>\n');

/** What a server that cannot do the requested response_format answers, or null. */
function refusalFor(refuse, body) {
	if (body.response_format?.type !== 'json_schema') return null;
	if (refuse === 'deepseek')
		return { status: 400, body: recorded('deepseek-json_schema.400.json') };
	if (refuse === 'llamacpp')
		return { status: 500, body: recorded('llamacpp-b3777-json_schema.500.json') };
	if (refuse === 'groq' && JSON.stringify(body.response_format).includes('"minItems"'))
		return { status: 400, body: recorded('groq-json_schema-minItems.400.json') };
	return null;
}

/** The route named by the schema a prompt quotes when the server is asked for plain JSON. */
function quotedSchema(body) {
	const text = (body.messages ?? []).map((m) => m.content).join('\n');
	return /JSON Schema "(\w+)"/.exec(text)?.[1] ?? null;
}

const HTML_ERROR_PAGE =
	'<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>' +
	'<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>\n';

/** A conversation turn whose message runs to about 8 MB. */
function floodText() {
	const words = 'and the drone goes on and on through the night '.repeat(170_000);
	return JSON.stringify({ message: words, complete: false, questionNumber: 1 });
}

function sleep(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

function send(res, status, value, headers = {}) {
	res.writeHead(status, { 'content-type': 'application/json', ...headers });
	res.end(JSON.stringify(value));
}

async function readJson(req) {
	let text = '';
	for await (const part of req) text += part;
	return text ? JSON.parse(text) : {};
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const i = process.argv.indexOf('--port');
	const fake = await startFakeOpenAI({ port: i > 0 ? Number(process.argv[i + 1]) : 54329 });
	console.log(fake.url);
	const stop = () => fake.close().then(() => process.exit(0));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}
