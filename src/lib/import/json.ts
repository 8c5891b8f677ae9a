/**
 * JSON exports: parse once with the native parser (far faster than any
 * streaming parser written in JS), then recognise the shape from the keys of
 * the first record. A parse failure is explained: a file that stops mid-list
 * (an interrupted download) reads differently from one that was edited.
 */
import { importErrors } from './errors';
import { isGhanJson, isLastfmstatsJson, parseGhanJson, parseLastfmstatsJson } from './lastfm';
import {
	isAccountHistory,
	isLibrary,
	isPlaylists,
	nonMusicKind,
	parseAccountHistory,
	parseLibrary,
	parsePlaylists,
	skipNonMusic
} from './spotify-account';
import { isExtendedHistory, parseExtendedHistory } from './spotify-extended';
import type { FileNote, FileOutcome, ParseContext } from './types';
import { firstRecord, isRecord } from './values';

export function parseJson(ctx: ParseContext, text: string): FileOutcome | FileNote {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (e) {
		if (endsInsideJson(text)) throw importErrors.truncatedJson(ctx.file);
		throw importErrors.malformedJson(ctx.file, where(text, e));
	}
	ctx.tick(0, 0);
	return fromShape(ctx, value);
}

function fromShape(ctx: ParseContext, v: unknown): FileOutcome | FileNote {
	if (Array.isArray(v)) {
		const first = firstRecord(v);
		// Spotify writes `[]` for an empty history (e.g. no podcasts this year).
		if (first === null) return { name: ctx.file, ifAlone: importErrors.noPlays(ctx.file) };
		if (isExtendedHistory(first)) return parseExtendedHistory(ctx, v);
		const kind = nonMusicKind(first);
		if (kind) return skipNonMusic(ctx, kind);
		if (isAccountHistory(first)) return parseAccountHistory(ctx, v);
	}
	if (isRecord(v)) {
		if (isLastfmstatsJson(v)) return parseLastfmstatsJson(ctx, v);
		if (isPlaylists(v)) return parsePlaylists(ctx, v);
		if (isLibrary(v)) return parseLibrary(ctx, v);
	}
	if (isGhanJson(v)) return parseGhanJson(ctx, v);
	throw importErrors.unrecognisedJson(ctx.file);
}

/**
 * True if the text ends while a string, object or list is still open: the
 * signature of a cut-off download rather than a syntax error in the middle.
 */
function endsInsideJson(text: string): boolean {
	let depth = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
		} else if (c === 0x22) inString = true;
		else if (c === 0x5b || c === 0x7b) depth++;
		else if (c === 0x5d || c === 0x7d) depth--;
	}
	return inString || depth > 0;
}

/** "line 12" from the engine's error, which reports a character position. */
function where(text: string, e: unknown): string {
	const message = e instanceof Error ? e.message : '';
	const position = /position (\d+)/.exec(message);
	if (!position) return 'something in it is out of place';
	const at = Number(position[1]);
	let line = 1;
	for (let i = 0; i < at && i < text.length; i++) if (text.charCodeAt(i) === 0x0a) line++;
	return `the problem is on line ${line}`;
}
