import { describe, expect, it } from 'vitest';
import { storageSize } from './storage-size';

describe('storage sizes in words', () => {
	it.each([
		[0, 'nothing'],
		[Number.NaN, 'nothing'],
		[1, 'less than 1 kB'],
		[999, 'less than 1 kB'],
		[1000, '1 kB'],
		[1499, '1.5 kB'],
		[12_345, '12 kB'],
		[340_400, '340 kB'],
		[999_600, '1 MB'],
		[1_000_000, '1 MB'],
		[1_240_000, '1.2 MB'],
		[9_960_000, '10 MB'],
		[23_600_000, '24 MB'],
		[999_700_000, '1 GB'],
		[4_200_000_000, '4.2 GB'],
		[300_000_000_000, '300 GB']
	])('%d bytes reads "%s"', (bytes, words) => {
		expect(storageSize(bytes)).toBe(words);
	});
});
