/** The incremental "message" extractor, fed the same JSON split in every possible way. */
import { MessageExtractor } from '../_shared/message-extractor.ts';
import { assertEquals } from './_assert.ts';

function feed(chunks: string[]): string {
	const x = new MessageExtractor();
	return chunks.map((c) => x.push(c)).join('');
}

/** Every split of `json` into two and three pieces must decode the same message. */
function allSplits(json: string, expected: string): void {
	for (let i = 0; i <= json.length; i++) {
		assertEquals(feed([json.slice(0, i), json.slice(i)]), expected, `split at ${i}`);
		for (let j = i; j <= json.length; j += 3) {
			assertEquals(
				feed([json.slice(0, i), json.slice(i, j), json.slice(j)]),
				expected,
				`split at ${i},${j}`
			);
		}
	}
	assertEquals(feed([...json]), expected, 'one character at a time');
}

const cases: [string, unknown, string][] = [
	['plain', { message: 'Which city?', complete: false, questionNumber: 1 }, 'Which city?'],
	['escapes', { message: 'Say "hi"\\n\nthen\ttab / slash' }, 'Say "hi"\\n\nthen\ttab / slash'],
	['unicode escapes', { message: 'Björk — café ☕' }, 'Björk — café ☕'],
	['surrogate pair', { message: 'vinyl 🎶 night' }, 'vinyl 🎶 night'],
	[
		'message after other keys',
		{ complete: true, questionNumber: 3, message: 'Thanks!' },
		'Thanks!'
	],
	[
		'nested message keys ignored',
		{ meta: { message: 'no' }, list: ['message'], message: 'yes' },
		'yes'
	],
	['a value that looks like a key', { note: 'message', message: 'real' }, 'real']
];

for (const [name, value, expected] of cases) {
	Deno.test(`extractor: ${name}`, () => {
		allSplits(JSON.stringify(value), expected);
		// The same with \u escapes for every non-ASCII character, as some servers send.
		const ascii = JSON.stringify(value).replace(
			/[^\x20-\x7e]/g,
			(c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
		);
		allSplits(ascii, expected);
	});
}

Deno.test('extractor: prose or a code fence before the object is ignored', () => {
	assertEquals(feed(['```json\n{"mess', 'age": "ok"}\n```']), 'ok');
});

Deno.test('extractor: no message key yields nothing', () => {
	assertEquals(feed(['{"text": "x", "n": 1}']), '');
	assertEquals(feed(['Sorry, no JSON today.']), '');
});
