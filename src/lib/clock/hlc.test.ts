import { beforeEach, describe, expect, it } from 'vitest';
import { CartographerDB } from '$lib/db/schema';
import { compare, decode, encode, isClock, newNodeId, observe, receive, send, tick } from './hlc';

describe('hybrid logical clock', () => {
	it('encodes to the fixed-width form the server compares as strings', () => {
		const s = encode({ ms: 1763762400000, counter: 7, node: 'abc' });
		expect(s).toBe('1763762400000:0007:abc');
		expect(decode(s)).toEqual({ ms: 1763762400000, counter: 7, node: 'abc' });
		expect(isClock(s)).toBe(true);
		expect(isClock('12:1:x')).toBe(false);
		expect(() => encode({ ms: 5, counter: 0, node: 'a' })).toThrow(/13 digits/);
		expect(() => encode({ ms: 1763762400000, counter: 0, node: 'a b' })).toThrow(/node/);
	});

	it('never goes backwards, even when the wall clock does', () => {
		const node = newNodeId();
		expect(node).toMatch(/^[A-Za-z0-9_-]{16}$/);
		let last = send(undefined, node, 1763762400000);
		const seen = [encode(last)];
		for (const now of [1763762400000, 1763762399000, 1763762300000, 1763762400001]) {
			last = send(last, node, now);
			seen.push(encode(last));
		}
		const sorted = [...seen].sort(compare);
		expect(seen).toEqual(sorted);
		expect(new Set(seen).size).toBe(seen.length);
	});

	it('moves past a received clock from a device running ahead', () => {
		const remote = { ms: 1763762500000, counter: 3, node: 'far' };
		const after = receive(
			{ ms: 1763762400000, counter: 0, node: 'me' },
			remote,
			'me',
			1763762400000
		);
		expect(compare(encode(after), encode(remote))).toBe(1);
		const next = send(after, 'me', 1763762400001);
		expect(compare(encode(next), encode(after))).toBe(1);
	});

	it('keeps fixed width when the counter overflows', () => {
		const c = send({ ms: 1763762400000, counter: 9999, node: 'n' }, 'n', 1763762400000);
		expect(encode(c)).toBe('1763762400001:0000:n');
	});

	it('orders ties inside one millisecond by counter, then by node', () => {
		expect(compare('1763762400000:0001:a', '1763762400000:0002:a')).toBe(-1);
		expect(compare('1763762400000:0001:b', '1763762400000:0001:a')).toBe(1);
	});
});

describe('the device clock in Dexie', () => {
	let d: CartographerDB;
	beforeEach(() => {
		d = new CartographerDB(`test-${crypto.randomUUID()}`);
	});

	it('keeps one node id and strictly increasing clocks across calls', async () => {
		const a = await d.transaction('rw', d.syncState, () => tick(d, 1763762400000));
		const b = await d.transaction('rw', d.syncState, () => tick(d, 1763762400000));
		expect(decode(a).node).toBe(decode(b).node);
		expect(compare(b, a)).toBe(1);
	});

	it('issues clocks after everything observed', async () => {
		await observe(d, ['1999999999999:0005:other', 'garbage']);
		const c = await tick(d, 1763762400000);
		expect(compare(c, '1999999999999:0005:other')).toBe(1);
	});
});
