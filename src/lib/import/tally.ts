/**
 * Counting plays per artist, and the rules that decide what a "play" is.
 *
 * - A play shorter than 30 s is a skip: it adds its time to msPlayed but is not
 *   a play (Maloja and lastfm-stats-web use the same threshold). Rows from
 *   formats without durations (`ms === null`) always count as one play.
 * - Names are trimmed and merged by `artistKey` (case, accents, punctuation,
 *   "&"/"and", a leading "The": "Björk"/"bjork", "The Beatles"/"Beatles" are
 *   one artist). The
 *   spelling shown is the one with the most plays, then the most rows; on a
 *   tie, the first one seen wins, so results are deterministic.
 * - Ranking is by plays, then listening time, then name (for stable output),
 *   except that compilation credits ("Various Artists") come last.
 *
 * Exports repeat the same few thousand names millions of times, so each raw
 * spelling is normalised once and cached with a direct link to its counters:
 * the hot path is one Map lookup and a few additions.
 */
import { artistKey } from '../domain/artists';
import { isCompilationCredit } from './compilation';

export const SKIP_THRESHOLD_MS = 30_000;

export interface RankedArtist {
	name: string;
	plays: number;
	msPlayed: number;
}

interface Entry {
	key: string;
	plays: number;
	msPlayed: number;
	/** Every spelling seen for this artist, in first-seen order. */
	spellings: Spelling[];
}

interface Spelling {
	text: string;
	/** Rows that used this spelling. */
	rows: number;
	/** Plays credited under this spelling. */
	plays: number;
	entry: Entry;
}

/** The spelling as shown: NFC, trimmed, inner runs of whitespace collapsed. */
function cleanName(name: string): string {
	return name.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export class Tally {
	#entries = new Map<string, Entry>();
	/** Raw name as it appeared → its spelling's counters; null for names that clean to nothing. */
	#cache = new Map<string, Spelling | null>();

	/**
	 * Credit one row to one artist. Returns false when the name is blank, so the
	 * caller can count the row as skipped.
	 * @param ms time listened, or null when the format has no durations
	 * @param plays plays the row stands for, when the export counted them itself
	 *   (Apple aggregates per day); otherwise 1, or 0 for a skip under 30 s
	 */
	add(raw: string, ms: number | null, plays?: number): boolean {
		let spelling = this.#cache.get(raw);
		if (spelling === undefined) {
			spelling = this.#spelling(cleanName(raw));
			this.#cache.set(raw, spelling);
		}
		if (spelling === null) return false;
		spelling.rows++;
		const entry = spelling.entry;
		const n = plays ?? (ms === null || ms >= SKIP_THRESHOLD_MS ? 1 : 0);
		spelling.plays += n;
		entry.plays += n;
		if (ms !== null) entry.msPlayed += ms;
		return true;
	}

	/** Credit one row to several artists (each gets the play and the time). */
	addAll(names: readonly string[], ms: number | null, plays?: number): boolean {
		let any = false;
		for (const name of names) if (this.add(name, ms, plays)) any = true;
		return any;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** Fold another tally into this one (used to combine the files of one import). */
	merge(other: Tally): void {
		for (const theirs of other.#entries.values()) {
			let ours: Entry | undefined;
			for (const s of theirs.spellings) {
				const spelling = this.#spelling(s.text, theirs.key);
				if (!spelling) continue;
				spelling.rows += s.rows;
				spelling.plays += s.plays;
				ours = spelling.entry;
			}
			if (!ours) continue;
			ours.plays += theirs.plays;
			ours.msPlayed += theirs.msPlayed;
		}
	}

	ranked(): RankedArtist[] {
		const out: RankedArtist[] = [];
		for (const entry of this.#entries.values()) {
			out.push({ name: mostCommon(entry.spellings), plays: entry.plays, msPlayed: entry.msPlayed });
		}
		const last = new Set(out.filter((a) => isCompilationCredit(a.name)));
		return out.sort(
			(a, b) =>
				Number(last.has(a)) - Number(last.has(b)) ||
				b.plays - a.plays ||
				b.msPlayed - a.msPlayed ||
				(a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
		);
	}

	/** Find or create the counters for a cleaned spelling (and its artist). */
	#spelling(shown: string, key = artistKey(shown)): Spelling | null {
		if (shown === '') return null;
		let entry = this.#entries.get(key);
		if (!entry) {
			entry = { key, plays: 0, msPlayed: 0, spellings: [] };
			this.#entries.set(key, entry);
		}
		let spelling = entry.spellings.find((s) => s.text === shown);
		if (!spelling) {
			spelling = { text: shown, rows: 0, plays: 0, entry };
			entry.spellings.push(spelling);
		}
		return spelling;
	}
}

function mostCommon(spellings: Spelling[]): string {
	let best = spellings[0];
	// Spellings are in first-seen order, so `>` keeps the earliest on ties.
	for (const s of spellings) {
		if (s.plays > best.plays || (s.plays === best.plays && s.rows > best.rows)) best = s;
	}
	return best.text;
}
