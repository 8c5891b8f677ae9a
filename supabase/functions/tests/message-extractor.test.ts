/** The incremental readers of streamed JSON, fed the same JSON split in every possible way. */
import { ItemExtractor, MessageExtractor } from '../_shared/message-extractor.ts';
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

// --- entries of a top-level list ------------------------------------------------------------------

function items(chunks: string[]): unknown[] {
	const x = new ItemExtractor('albums');
	return chunks.flatMap((c) => x.push(c));
}

Deno.test('items: every split yields each entry once, whole and in order', () => {
	const albums = [
		{ title: 'Tago Mago', artist: 'Can', genres: ['krautrock', 'a "quoted" }{ ]['] },
		{ title: 'Björk — Homogenic 🎶', artist: 'Björk', nested: { list: [{ deep: true }] } }
	];
	const json = JSON.stringify({ note: { albums: [{ no: 1 }] }, albums, after: [{ no: 2 }] });
	for (let i = 0; i <= json.length; i++) {
		assertEquals(items([json.slice(0, i), json.slice(i)]), albums, `split at ${i}`);
	}
	assertEquals(items([...json]), albums, 'one character at a time');
});

Deno.test('items: an entry is out as soon as its brace closes, not at the end', () => {
	const x = new ItemExtractor('albums');
	assertEquals(x.push('```json\n{"albums": [{"title": "A"}, {"title": '), [{ title: 'A' }]);
	assertEquals(x.push('"B"}'), [{ title: 'B' }]);
	assertEquals(x.push(']}\n```'), []);
});

Deno.test('items: entries that are no objects, and other keys, yield nothing', () => {
	assertEquals(items(['{"albums": ["A", 1, null, [{"x": 1}]]}']), []);
	assertEquals(items(['{"records": [{"title": "A"}]}']), []);
	assertEquals(items(['{"albums": {"first": {"title": "A"}}}']), []);
});
