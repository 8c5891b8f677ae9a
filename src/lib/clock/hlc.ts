/**
 * Hybrid logical clock (HLC) for per-field merges of album feedback.
 *
 * Why a hybrid clock and not Date.now(): two devices edit the same feedback offline and
 * the later edit should win. Wall clocks drift and jump backwards (NTP, a phone that was
 * off), so a device whose clock runs slow could lose an edit it really made later than one
 * it has already seen. An HLC is a wall-clock time that never goes backwards and always
 * moves past every clock the device has received, with a counter to order events inside
 * one millisecond and the node id to break ties between devices. It stays close to real
 * time, so "later" still means what the listener expects.
 *
 * Encoding (shared with the server, supabase/migrations/*album_feedback.sql):
 *   `<13-digit unix ms>:<4-digit counter>:<node id>`
 * fixed width, so comparing the strings byte by byte is comparing the clocks. The server
 * compares with collate "C"; JavaScript's `<` on strings compares UTF-16 code units, the
 * same order for the ASCII characters used here.
 *
 * The clock's state (the last timestamp this device issued or saw) lives in Dexie's
 * syncState ('hlc'), read and written inside the same transaction as the edit it stamps,
 * so two tabs of one device never issue the same clock and a reload never goes back.
 * These functions are pure; `schema`-aware helpers live with the writes. The only import is
 * the errors module, itself a leaf (it imports nothing of ours but a contract type).
 */
import { AppError } from '$lib/errors/base';

export interface Hlc {
	/** Unix milliseconds (logical: may run ahead of the wall clock). */
	ms: number;
	counter: number;
	node: string;
}

const MAX_COUNTER = 9999;
/** 13 digits covers 2001-09-09 … 2286-11-20. */
const MIN_MS = 1e12;
const MAX_MS = 1e13 - 1;
const PATTERN = /^(\d{13}):(\d{4}):([A-Za-z0-9_-]{1,64})$/;

export type HlcErrorCode = 'INVALID_CLOCK' | 'CLOCK_OUT_OF_RANGE' | 'INVALID_NODE';

/** A clock that cannot be written or read: a bug or a damaged row, never the listener's doing. */
export class HlcError extends AppError<HlcErrorCode> {
	override name = 'HlcError';
}

/** A random node id for this device: 16 characters of [A-Za-z0-9_-]. */
export function newNodeId(): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => alphabet[b & 63]).join('');
}

export function encode(c: Hlc): string {
	if (!Number.isInteger(c.ms) || c.ms < MIN_MS || c.ms > MAX_MS) {
		throw new HlcError('CLOCK_OUT_OF_RANGE', `clock time ${c.ms} is not 13 digits`);
	}
	if (!Number.isInteger(c.counter) || c.counter < 0 || c.counter > MAX_COUNTER) {
		throw new HlcError('CLOCK_OUT_OF_RANGE', `clock counter ${c.counter} out of range`);
	}
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(c.node)) {
		throw new HlcError('INVALID_NODE', `node id ${JSON.stringify(c.node)} is not valid`);
	}
	return `${c.ms}:${String(c.counter).padStart(4, '0')}:${c.node}`;
}

export function decode(s: string): Hlc {
	const m = PATTERN.exec(s);
	if (!m) throw new HlcError('INVALID_CLOCK', `not a clock: ${JSON.stringify(s)}`);
	return { ms: Number(m[1]), counter: Number(m[2]), node: m[3] };
}

export function isClock(s: unknown): s is string {
	return typeof s === 'string' && PATTERN.test(s);
}

/** Orders encoded clocks (a plain string comparison, as on the server). */
export function compare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** Advances past `ms` when the counter would overflow (keeps fixed width and order). */
function bump(ms: number, counter: number, node: string): Hlc {
	return counter > MAX_COUNTER ? { ms: ms + 1, counter: 0, node } : { ms, counter, node };
}

/**
 * The clock for a local event: later than `last` (the previous local or received clock)
 * and not earlier than the wall clock.
 */
export function send(last: Hlc | undefined, node: string, now: number = Date.now()): Hlc {
	const prev = last?.ms ?? 0;
	if (now > prev) return { ms: now, counter: 0, node };
	return bump(prev, (last?.counter ?? 0) + 1, node);
}

/**
 * The clock after seeing a remote clock: later than both `last` and `remote`, so the next
 * local edit beats everything this device has seen (even from a device whose clock runs
 * ahead).
 */
export function receive(
	last: Hlc | undefined,
	remote: Hlc,
	node: string,
	now: number = Date.now()
): Hlc {
	const l = last?.ms ?? 0;
	const ms = Math.max(l, remote.ms, now);
	if (ms === l && ms === remote.ms) {
		return bump(ms, Math.max(last?.counter ?? 0, remote.counter) + 1, node);
	}
	if (ms === l) return bump(ms, (last?.counter ?? 0) + 1, node);
	if (ms === remote.ms) return bump(ms, remote.counter + 1, node);
	return { ms, counter: 0, node };
}

/* ------------------------------------------------------------------------------------
 * The device's clock in Dexie. Call these inside a transaction that includes syncState
 * (they join it), so the read-advance-write of the clock is atomic across tabs.
 * ---------------------------------------------------------------------------------- */

interface ClockState {
	node: string;
	/** The last clock issued or received, encoded. */
	last?: string;
}

interface ClockStore {
	syncState: {
		get(key: string): PromiseLike<{ key: string; value: unknown } | undefined>;
		put(row: { key: string; value: unknown }): PromiseLike<unknown>;
	};
}

const CLOCK_KEY = 'hlc';

async function readState(d: ClockStore): Promise<ClockState> {
	const row = await d.syncState.get(CLOCK_KEY);
	const value = row?.value as ClockState | undefined;
	if (value && typeof value.node === 'string') return value;
	return { node: newNodeId() };
}

/** Issues the next local clock and records it. */
export async function tick(d: ClockStore, now: number = Date.now()): Promise<string> {
	const state = await readState(d);
	const next = encode(send(state.last ? decode(state.last) : undefined, state.node, now));
	await d.syncState.put({ key: CLOCK_KEY, value: { node: state.node, last: next } });
	return next;
}

/** Moves the device's clock past every valid clock in `clocks` (pulled from the server). */
export async function observe(
	d: ClockStore,
	clocks: Iterable<string>,
	now: number = Date.now()
): Promise<void> {
	let highest = '';
	for (const c of clocks) if (isClock(c) && c > highest) highest = c;
	if (!highest) return;
	const state = await readState(d);
	if (state.last && state.last >= highest) return;
	const next = encode(
		receive(state.last ? decode(state.last) : undefined, decode(highest), state.node, now)
	);
	await d.syncState.put({ key: CLOCK_KEY, value: { node: state.node, last: next } });
}
