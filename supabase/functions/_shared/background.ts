/**
 * Work that outlives the response: usage rows, purges of expired keys, idempotency clean-ups.
 *
 * A hosted Supabase instance may be stopped once it has answered, which would cut such writes
 * off halfway; `EdgeRuntime.waitUntil` keeps the instance alive until they settle. Elsewhere
 * (the local server, tests) the promise simply runs on. Either way a failure is logged here,
 * never thrown at the listener.
 */

interface EdgeRuntimeGlobal {
	EdgeRuntime?: { waitUntil?: (promise: Promise<unknown>) => void };
}

export function inBackground(
	work: Promise<unknown>,
	what: string,
	log: (line: string) => void = console.warn
): void {
	const settled = work.then(
		() => {},
		(error) => log(`[curator] ${what} failed in the background (${String(error)})`)
	);
	const runtime = (globalThis as EdgeRuntimeGlobal).EdgeRuntime;
	if (typeof runtime?.waitUntil === 'function') runtime.waitUntil(settled);
}
