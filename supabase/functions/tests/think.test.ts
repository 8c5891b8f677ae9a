/** A reasoning model's `<think>` block before its answer, whole, split in a stream, or unopened. */
import { parseModelJson } from '../_shared/structured.ts';
import { stripThink, ThinkFilter } from '../_shared/think.ts';
import { assertEquals } from './_assert.ts';

const THOUGHT = '<think>\n1. Analyze user intent, maybe output {"draft": true}\n</think>\n';
const ANSWER = '{"message":"Which city first?","complete":false,"questionNumber":1}';

Deno.test('think: a block with braces before the JSON is not read as the answer', () => {
	assertEquals(parseModelJson(THOUGHT + ANSWER), { ok: true, value: JSON.parse(ANSWER) });
});

Deno.test('think: a thought whose opening tag the server dropped (vLLM, R1 distill)', async () => {
	const recorded = JSON.parse(
		await Deno.readTextFile(
			new URL('./provider-real/vllm-r1-distill-unopened-think.json', import.meta.url)
		)
	);
	const content: string = recorded.choices[0].message.content;
	assertEquals(stripThink(content).trim(), 'Hello! 👋 How can I assist you today?');
	const withJson = content.replace(/Hello!.*$/s, ANSWER);
	assertEquals(parseModelJson(withJson), { ok: true, value: JSON.parse(ANSWER) });
});

Deno.test('think: an answer that mentions </think> in its text is left alone', () => {
	const answer = '{"message":"Say </think> twice","complete":false,"questionNumber":1}';
	assertEquals(stripThink(answer), answer);
});

Deno.test('think: the stream filter holds back the block however it is split', () => {
	const whole = THOUGHT + ANSWER;
	for (const size of [1, 2, 3, 7, 50]) {
		const filter = new ThinkFilter();
		let out = '';
		for (let i = 0; i < whole.length; i += size) out += filter.push(whole.slice(i, i + size));
		assertEquals(out.trim(), ANSWER, `chunks of ${size}`);
	}
	const plain = new ThinkFilter();
	assertEquals(plain.push(' {"mess') + plain.push('age":"x"}'), ' {"message":"x"}');
});

Deno.test('think: Ollama 0.9 opening the object twice (think + format) still parses', async () => {
	const recorded = await Deno.readTextFile(
		new URL('./provider-real/ollama-0.9-think-format-content.txt', import.meta.url)
	);
	const parsed = parseModelJson(recorded);
	assertEquals(parsed.ok && (parsed.value as { vte_present: string }).vte_present, 'uncertain');
});
