/**
 * The few assertions the tests use, on node:assert (built into Deno) so no test needs the
 * network to fetch an assertion library.
 */
import nodeAssert from 'node:assert/strict';

export function assert(condition: unknown, message?: string): asserts condition {
	nodeAssert.ok(condition, message);
}

export function assertEquals<T>(actual: T, expected: T, message?: string): void {
	nodeAssert.deepStrictEqual(actual, expected, message);
}

export function assertMatch(actual: string, pattern: RegExp, message?: string): void {
	nodeAssert.match(actual, pattern, message);
}

export function assertStringIncludes(actual: string, expected: string, message?: string): void {
	nodeAssert.ok(
		actual.includes(expected),
		message ?? `expected ${JSON.stringify(actual)} to include ${JSON.stringify(expected)}`
	);
}
