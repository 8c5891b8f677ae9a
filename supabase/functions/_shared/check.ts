/**
 * A tiny path-aware checker for hand-written validators (inputs and model answers alike).
 *
 * Each method checks one value, records `path → problem` on failure and returns the typed value
 * (or undefined), so a validator reads top to bottom and rebuilds a clean object with only the
 * known fields: unknown keys from a client or a model never travel further.
 */
import type { FieldErrors } from './errors.ts';

const MAX_REPORTED = 20;

export class Checker {
	readonly errors: FieldErrors = {};
	#count = 0;

	fail(path: string, problem: string): undefined {
		if (this.#count++ < MAX_REPORTED) this.errors[path || '(root)'] = problem;
		return undefined;
	}

	get ok(): boolean {
		return this.#count === 0;
	}

	/** One readable line, used to tell a model what to fix. */
	summary(): string {
		return Object.entries(this.errors)
			.map(([path, problem]) => `${path}: ${problem}`)
			.join('; ');
	}

	object(value: unknown, path: string): Record<string, unknown> | undefined {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			return this.fail(path, 'must be an object');
		}
		return value as Record<string, unknown>;
	}

	string(value: unknown, path: string, limits: { min?: number; max: number }): string | undefined {
		const min = limits.min ?? 1;
		if (typeof value !== 'string') return this.fail(path, 'must be a string');
		const length = min > 0 ? value.trim().length : value.length;
		if (length < min) {
			return this.fail(
				path,
				min === 1 ? 'must not be empty' : `must have at least ${min} characters`
			);
		}
		if (value.length > limits.max) {
			return this.fail(path, `must have at most ${limits.max} characters`);
		}
		return value;
	}

	optionalString(value: unknown, path: string, max: number): string | undefined {
		if (value === undefined || value === null) return undefined;
		return this.string(value, path, { min: 0, max });
	}

	integer(value: unknown, path: string, limits: { min: number; max: number }): number | undefined {
		if (typeof value !== 'number' || !Number.isInteger(value)) {
			return this.fail(path, 'must be a whole number');
		}
		if (value < limits.min || value > limits.max) {
			return this.fail(path, `must be between ${limits.min} and ${limits.max}`);
		}
		return value;
	}

	boolean(value: unknown, path: string): boolean | undefined {
		if (typeof value !== 'boolean') return this.fail(path, 'must be true or false');
		return value;
	}

	array(value: unknown, path: string, limits: { min: number; max: number }): unknown[] | undefined {
		if (!Array.isArray(value)) return this.fail(path, 'must be a list');
		if (value.length < limits.min || value.length > limits.max) {
			this.fail(
				path,
				`must have between ${limits.min} and ${limits.max} entries (got ${value.length})`
			);
			// Still returned (up to a sane bound) so the entries' own problems are reported too.
			return value.slice(0, Math.max(limits.max, 0));
		}
		return value;
	}

	oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
		if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
			return this.fail(path, `must be one of ${allowed.join(', ')}`);
		}
		return value as T;
	}
}

/** Maps a list through an element checker, keeping only elements that passed. */
export function eachOf<T>(
	list: unknown[] | undefined,
	path: string,
	checkOne: (item: unknown, path: string) => T | undefined
): T[] {
	const out: T[] = [];
	list?.forEach((item, i) => {
		const v = checkOne(item, `${path}[${i}]`);
		if (v !== undefined) out.push(v);
	});
	return out;
}
