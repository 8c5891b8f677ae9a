/**
 * Years and decades: when an artist was active, by MusicBrainz's life-span, and which years a
 * portrait's era names ("Late-1970s", "the 90s", "1965–1972", "the sixties").
 *
 * A MusicBrainz life-span is a group's formation and break-up but a person's birth and death,
 * so a person counts as active from the year they turned 18 (PERSON_START_AGE). That is a rule
 * of this app, said as such on the map, not a fact: Kate Bush, born 1958, counts from 1976 (her
 * first album came out in 1978); Miles Davis, born 1926, from 1944. An artist with no end is
 * active until this year. An artist with no begin year has no span: none is made up.
 */
import type { ArtistFactsFields } from './artist-facts-cache';

export interface YearSpan {
	from: number;
	to: number;
}

export const PERSON_START_AGE = 18;

/** The years an artist was active, or undefined when MusicBrainz gives no begin year. */
export function activeSpan(
	facts: Pick<ArtistFactsFields, 'type' | 'beginYear' | 'endYear'>,
	thisYear: number
): YearSpan | undefined {
	if (!facts.beginYear) return undefined;
	const to = Math.min(facts.endYear ?? thisYear, thisYear);
	const start = facts.beginYear + (facts.type === 'Person' ? PERSON_START_AGE : 0);
	return { from: Math.min(start, to), to };
}

export const decadeOf = (year: number) => Math.floor(year / 10) * 10;

/** Every decade a span touches, oldest first. */
export function decadesOf(span: YearSpan): number[] {
	const out: number[] = [];
	for (let d = decadeOf(span.from); d <= span.to; d += 10) out.push(d);
	return out;
}

export const overlaps = (a: YearSpan, b: YearSpan) => a.from <= b.to && b.from <= a.to;

/** The year an album's year text starts with ("1971", "1971-03-01"); undefined when none. */
export function albumYear(text: string | undefined): number | undefined {
	const match = /^\s*(\d{4})/.exec(text ?? '');
	const year = match ? Number(match[1]) : NaN;
	return year >= 1000 && year <= 2999 ? year : undefined;
}

const PART: Record<string, [number, number]> = {
	early: [0, 3],
	mid: [3, 6],
	late: [6, 9]
};

const WORD_DECADES: Record<string, number> = {
	twenties: 1920,
	thirties: 1930,
	forties: 1940,
	fifties: 1950,
	sixties: 1960,
	seventies: 1970,
	eighties: 1980,
	nineties: 1990,
	noughties: 2000,
	aughts: 2000
};

function decadeSpan(decade: number, part: string | undefined): YearSpan {
	const [a, b] = PART[part ?? ''] ?? [0, 9];
	return { from: decade + a, to: decade + b };
}

/** A two-digit decade: "00s" and "10s" are this century's, "20s" to "90s" the last one's. */
const century = (two: number) => (two <= 10 ? 2000 : 1900) + two;

const QUALIFIER = '(?:(early|mid|late)[\\s-]*)?(?:the\\s+)?';

/**
 * The years an era's label names, in the order it names them; empty when it names none
 * ("the golden age of hip hop"). Ranges ("1965–1972", "1960s to 1970s") become one span each
 * end names; "early"/"mid"/"late" narrow a decade to its first, middle or last years.
 */
export function yearsNamedIn(label: string, thisYear: number): YearSpan[] {
	let text = ` ${label.toLowerCase().replace(/[–—‐]/g, '-').replace(/’/g, "'")} `;
	const found: { at: number; span: YearSpan }[] = [];
	const take = (re: RegExp, read: (m: RegExpExecArray) => YearSpan | undefined) => {
		text = text.replace(re, (...args) => {
			const m = args.slice(0, -2) as unknown as RegExpExecArray;
			const at = args.at(-2) as number;
			const span = read(m);
			if (span) found.push({ at, span });
			return ' '.repeat(m[0].length);
		});
	};
	// "1965-1972", "1965 to 72"
	take(/\b(1[89]\d\d|20\d\d)\s*(?:-|to|until)\s*(1[89]\d\d|20\d\d|\d\d)\b(?!s)/g, ([, a, b]) => {
		const from = Number(a);
		const to = b.length === 2 ? Math.floor(from / 100) * 100 + Number(b) : Number(b);
		return to >= from ? { from, to } : undefined;
	});
	// "21st century", "20th-century"
	take(/\b(19|20|21)(?:st|th)[\s-]+century\b/g, ([, n]) => {
		const from = (Number(n) - 1) * 100;
		return { from, to: Math.min(from + 99, thisYear) };
	});
	// "late 1970s", "Early-1990s", "the 1960's"
	take(new RegExp(`\\b${QUALIFIER}(1[89]\\d|20\\d)0'?s\\b`, 'g'), ([, part, d]) =>
		decadeSpan(Number(d) * 10, part)
	);
	// "mid-70s", "the '90s"
	take(new RegExp(`(?<![\\w'])${QUALIFIER}'?([1-9]0|00)'?s\\b`, 'g'), ([, part, two]) =>
		decadeSpan(century(Number(two)), part)
	);
	// "the sixties", "late seventies"
	take(
		new RegExp(`\\b${QUALIFIER}(${Object.keys(WORD_DECADES).join('|')})\\b`, 'g'),
		([, part, word]) => decadeSpan(WORD_DECADES[word], part)
	);
	// "1977"
	take(/\b(1[89]\d\d|20\d\d)\b/g, ([, y]) => ({ from: Number(y), to: Number(y) }));
	return found.sort((a, b) => a.at - b.at).map((f) => f.span);
}
