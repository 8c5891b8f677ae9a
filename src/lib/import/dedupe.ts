/**
 * Recognising a Spotify play seen before, by its end time and duration.
 *
 * Two different plays ending in the same second (or minute, in account data)
 * with the same duration to the millisecond don't happen in practice, except
 * with durations near zero, which add no play anyway; so the track needn't be
 * compared.
 *
 * A whole extended history is hundreds of thousands of plays, and a Map keyed
 * by timestamp strings both keeps every string alive and costs more than
 * parsing the plays. So the time is packed into a number and the pairs go in
 * a small open-addressing hash table over typed arrays.
 */
export class PlayDeduper {
	#times = new Float64Array(1 << 12).fill(NaN);
	#ms = new Float64Array(1 << 12);
	#count = 0;
	duplicates = 0;

	seen(ts: string, ms: number): boolean {
		const time = timeOf(ts);
		const mask = this.#times.length - 1;
		for (let i = slot(time, ms, mask); ; i = (i + 1) & mask) {
			const t = this.#times[i];
			if (t !== t) {
				// An empty (NaN) slot: a play not seen before.
				this.#times[i] = time;
				this.#ms[i] = ms;
				if (++this.#count * 2 > this.#times.length) this.#grow();
				return false;
			}
			if (t === time && this.#ms[i] === ms) {
				this.duplicates++;
				return true;
			}
		}
	}

	#grow(): void {
		const times = this.#times;
		const mss = this.#ms;
		this.#times = new Float64Array(times.length * 2).fill(NaN);
		this.#ms = new Float64Array(times.length * 2);
		const mask = this.#times.length - 1;
		for (let j = 0; j < times.length; j++) {
			const t = times[j];
			if (t !== t) continue;
			let i = slot(t, mss[j], mask);
			while (this.#times[i] === this.#times[i]) i = (i + 1) & mask;
			this.#times[i] = t;
			this.#ms[i] = mss[j];
		}
	}
}

function slot(time: number, ms: number, mask: number): number {
	return (Math.imul((time % 4294967296) | 0, 0x9e3779b1) ^ Math.imul(ms | 0, 0x85ebca6b)) & mask;
}

/**
 * "2024-05-01T20:00:00Z" or "2019-02-20 01:12" → seconds counted from 2008 in
 * a calendar of 31-day months: not a real epoch, but one number per time, and
 * small enough to stay an unboxed integer. Other layouts fall back to their digits.
 */
export function timeOf(ts: string): number {
	if (ts.length >= 16 && ts.charCodeAt(4) === 45 && ts.charCodeAt(13) === 58) {
		const year = digit(ts, 0) * 1000 + digit(ts, 1) * 100 + digit(ts, 2) * 10 + digit(ts, 3);
		const month = digit(ts, 5) * 10 + digit(ts, 6);
		const day = ((year - 2008) * 12 + month) * 31 + digit(ts, 8) * 10 + digit(ts, 9);
		const hour = day * 24 + digit(ts, 11) * 10 + digit(ts, 12);
		const minute = hour * 60 + digit(ts, 14) * 10 + digit(ts, 15);
		const second =
			ts.length >= 19 && ts.charCodeAt(16) === 58 ? digit(ts, 17) * 10 + digit(ts, 18) : 0;
		return minute * 60 + second;
	}
	let n = 0;
	for (let i = 0; i < ts.length && n < 1e15; i++) {
		const c = digit(ts, i);
		if (c >= 0 && c <= 9) n = n * 10 + c;
	}
	return n;
}

function digit(s: string, i: number): number {
	return s.charCodeAt(i) - 48;
}
