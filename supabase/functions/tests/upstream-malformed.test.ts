/**
 * An upstream that answers 200 with something that is not a completion — an HTML page from a
 * proxy in the way, or JSON cut off mid-body — is an upstream failure: retried within the
 * budget, then the fallback model, then 502 UPSTREAM_INVALID with the reason in the log.
 */
import { assert, assertEquals, assertMatch } from './_assert.ts';
import { PORTRAIT, readSse, type Stack, startStack } from './_helpers.ts';

const ANALYZE = {
	albums: [1, 2, 5].map((n) => ({ title: `Album ${n}`, artist: 'Artist', year: '1999', rating: n }))
};
const CONVERSE = { portrait: PORTRAIT, direction: 'initial', messages: [] };
const REASON = { html: /200 with text\/html/, truncated: /200 with .* not valid JSON/ };

type Body = keyof typeof REASON;
interface Route {
	name: string;
	call(s: Stack): Promise<Response>;
}

const ROUTES: Route[] = [
	{ name: 'JSON', call: (s) => s.post('analyze', ANALYZE) },
	{
		name: 'SSE',
		call: (s) => s.post('converse', CONVERSE, { accept: 'text/event-stream' })
	}
];

/** The answer as the listener's app sees it: the status and the final object or error code. */
async function outcome(res: Response): Promise<{ status: number; code: string }> {
	if ((res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
		const last = (await readSse(res)).at(-1)!;
		const data = last.data as { error?: { code: string } };
		return { status: res.status, code: last.event === 'done' ? 'ok' : data.error!.code };
	}
	const body = await res.json();
	return { status: res.status, code: res.ok ? 'ok' : body.error.code };
}

for (const body of ['html', 'truncated'] as Body[]) {
	for (const route of ROUTES) {
		Deno.test(`200 with ${body} (${route.name}): retried, then answers`, async () => {
			const s = await startStack();
			s.fake.setMode({ mode: body, times: 1 });
			try {
				assertEquals(await outcome(await route.call(s)), { status: 200, code: 'ok' });
				assertEquals(s.fake.calls().count, 2);
				assertEquals(s.usage.rows.map((r) => [r.outcome, r.status]), [
					['upstream_error', 200],
					['ok', undefined]
				]);
			} finally {
				await s.close();
			}
		});

		Deno.test(`200 with ${body} (${route.name}): the fallback model answers`, async () => {
			const s = await startStack({ fallbackModel: 'fake-fallback' });
			s.fake.setMode({ mode: body, times: 4 });
			try {
				assertEquals(await outcome(await route.call(s)), { status: 200, code: 'ok' });
				assertEquals(s.fake.calls().count, 5);
				assertEquals(s.fake.calls().last!.model, 'fake-fallback');
			} finally {
				await s.close();
			}
		});

		Deno.test(
			`200 with ${body} (${route.name}) that never recovers: 502 UPSTREAM_INVALID, reason logged`,
			async () => {
				const lines: string[] = [];
				const s = await startStack({}, { aiLog: (l) => lines.push(l) });
				s.fake.setMode({ mode: body });
				try {
					const res = await route.call(s);
					assertEquals(await outcome(res), { status: 502, code: 'UPSTREAM_INVALID' });
					assertEquals(s.fake.calls().count, 4, 'bounded retries');
					assertEquals(lines.length, 1);
					assertMatch(lines[0], REASON[body]);
					assert(lines[0].includes('"model":"fake-curator"'));
				} finally {
					await s.close();
				}
			}
		);
	}
}
