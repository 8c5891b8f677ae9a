/**
 * Storage sizes in the words a listener reads on the Account page. Decimal units (1 kB =
 * 1000 bytes), as browsers and operating systems show disk space, rounded to what matters:
 * nobody needs bytes.
 */
const UNITS = [
	{ unit: 'GB', size: 1e9 },
	{ unit: 'MB', size: 1e6 },
	{ unit: 'kB', size: 1e3 }
] as const;

export function storageSize(bytes: number): string {
	if (!Number.isFinite(bytes) || bytes <= 0) return 'nothing';
	if (bytes < 1e3) return 'less than 1 kB';
	for (const [i, { unit, size }] of UNITS.entries()) {
		if (bytes < size) continue;
		const value = bytes / size;
		// Below 10 one decimal helps (1.4 MB); above it the decimal is noise (240 MB).
		const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
		// 999.6 kB rounds to 1000 kB: say 1 MB instead.
		if (shown >= 1000 && i > 0) return `1 ${UNITS[i - 1].unit}`;
		return `${shown} ${unit}`;
	}
	return 'less than 1 kB';
}
