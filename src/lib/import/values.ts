/** Narrowing helpers for parsed JSON and CSV cells (no `any`, no casts in parsers). */

export type Json = Record<string, unknown>;

export function isRecord(v: unknown): v is Json {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A non-empty string, or null. */
export function str(v: unknown): string | null {
	return typeof v === 'string' && v !== '' ? v : null;
}

/** A finite number (numeric strings accepted, as CSV cells are strings), or null. */
export function num(v: unknown): number | null {
	if (typeof v === 'number') return Number.isFinite(v) ? v : null;
	if (typeof v === 'string' && v.trim() !== '') {
		const n = Number(v);
		return Number.isFinite(n) ? n : null;
	}
	return null;
}

/** The first object in a list, to recognise the list's shape from. */
export function firstRecord(list: unknown[]): Json | null {
	for (const item of list) if (isRecord(item)) return item;
	return null;
}
