import { describe, expect, it } from 'vitest';
import { PlayDeduper, timeOf } from './dedupe';

describe('PlayDeduper', () => {
	it('counts a play once however often it repeats, across many thousands of plays', () => {
		const d = new PlayDeduper();
		const plays = Array.from({ length: 50_000 }, (_, i) => {
			const t = new Date(Date.UTC(2015, 0, 1) + i * 61_000).toISOString().slice(0, 19) + 'Z';
			return [t, (i * 7919) % 300_000] as const;
		});
		expect(plays.filter(([t, ms]) => !d.seen(t, ms))).toHaveLength(50_000);
		expect(plays.filter(([t, ms]) => !d.seen(t, ms))).toHaveLength(0);
		expect(d.duplicates).toBe(50_000);
	});

	it('keeps different plays that end at the same time', () => {
		const d = new PlayDeduper();
		expect(d.seen('2024-05-01T20:00:00Z', 200_000)).toBe(false);
		expect(d.seen('2024-05-01T20:00:00Z', 3_000)).toBe(false);
		expect(d.seen('2024-05-01T20:00:00Z', 3_000)).toBe(true);
		expect(d.seen('2024-05-01T20:00:01Z', 200_000)).toBe(false);
	});

	it.each([
		['2024-05-01T20:00:00Z', '2024-05-01T20:00:01Z'],
		['2019-02-20 01:12', '2019-02-20 01:13'],
		['2019-12-31 23:59', '2020-01-01 00:00'],
		['1970-01-01T00:00:00Z', '1970-01-01T00:00:01Z']
	])('tells %s from %s', (a, b) => {
		expect(timeOf(a)).not.toBe(timeOf(b));
	});
});
