/**
 * How the fake MusicBrainz (fake-musicbrainz.mjs) reads text the way its search index does (case
 * and accents folded, punctuation dropped, a phrase's words in order with `~n` extra words
 * allowed between them), the phrase syntax of the queries the app sends, and the stable
 * UUID-shaped ids it gives everything.
 */
import { createHash } from 'node:crypto';

/** A stable UUID-shaped id for a name (not a real MBID). */
export function fakeId(...parts) {
	const h = createHash('sha1').update(parts.join('\u0000')).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const LIGATURES = { æ: 'ae', œ: 'oe', ø: 'o', ß: 'ss', ð: 'd', đ: 'd', þ: 'th', ł: 'l' };

/** Folded words, as the search index sees text. */
export function tokens(text) {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[æœøßðđþł]/g, (c) => LIGATURES[c])
		.replace(/['’]/g, '')
		.split(/[^\p{L}\p{N}]+/u)
		.filter(Boolean);
}

/** Do the phrase's words occur in order in the text, with at most `slop` extra words between? */
export function phraseMatches(words, text, slop) {
	const doc = tokens(text);
	if (!words.length) return false;
	for (let start = 0; start < doc.length; start++) {
		if (doc[start] !== words[0]) continue;
		let at = start;
		let gaps = 0;
		let ok = true;
		for (const word of words.slice(1)) {
			const next = doc.indexOf(word, at + 1);
			if (next < 0) {
				ok = false;
				break;
			}
			gaps += next - at - 1;
			at = next;
		}
		if (ok && gaps <= slop) return true;
	}
	return false;
}

/** A quoted phrase and its optional `~n`, as a regular expression source. */
export const PHRASE = String.raw`"((?:[^"\\]|\\.)*)"(?:~(\d+))?`;
export const unescape = (s) => s.replace(/\\(.)/g, '$1');
