/**
 * Request validators for the four curator routes. Each returns a clean, typed request or
 * throws INVALID_INPUT with field-level details (`{ fields: { "artists[2].name": "…" } }`).
 * Limits keep prompts bounded: the model's context and the listener's bill depend on them.
 */
import type {
	AlbumRef,
	AnalysisResult,
	AnalyzeRequest,
	ArtistInput,
	ChatMessage,
	ConverseRequest,
	Direction,
	PortraitRequest,
	RatedAlbum,
	RecommendRequest
} from '../../../src/lib/domain/curator.ts';
import { Checker, eachOf } from './check.ts';
import { invalidInput } from './errors.ts';
import { checkPortrait } from './schemas.ts';

export const LIMITS = {
	artists: { min: 5, max: 500 },
	artistName: 200,
	messages: 20,
	messageChars: 4000,
	exclude: 1000,
	count: { min: 1, max: 10 },
	analyzeAlbums: { min: 3, max: 100 },
	rationaleChars: 2000
} as const;

const DIRECTIONS: readonly Direction[] = ['initial', 'reinforced', 'pivot'];

function finish<T>(c: Checker, value: T): T {
	if (!c.ok) throw invalidInput(c.errors);
	return value;
}

function body(c: Checker, value: unknown): Record<string, unknown> {
	return c.object(value, 'body') ?? {};
}

function checkMessages(c: Checker, value: unknown): ChatMessage[] {
	const list = c.array(value ?? [], 'messages', { min: 0, max: LIMITS.messages });
	return eachOf(list, 'messages', (item, p) => {
		const m = c.object(item, p);
		const role = c.oneOf(m?.role, `${p}.role`, ['user', 'assistant'] as const);
		const content = c.string(m?.content, `${p}.content`, { max: LIMITS.messageChars });
		return role && content !== undefined ? { role, content } : undefined;
	});
}

function checkAnalysis(c: Checker, value: unknown): AnalysisResult | undefined {
	if (value === undefined || value === null) return undefined;
	const o = c.object(value, 'analysis');
	const reinforcedThemes = c.string(o?.reinforcedThemes, 'analysis.reinforcedThemes', {
		max: LIMITS.messageChars
	});
	const strategicPivot = c.string(o?.strategicPivot, 'analysis.strategicPivot', {
		max: LIMITS.messageChars
	});
	return reinforcedThemes && strategicPivot ? { reinforcedThemes, strategicPivot } : undefined;
}

export function parsePortraitRequest(value: unknown): PortraitRequest {
	const c = new Checker();
	const o = body(c, value);
	const list = c.array(o.artists, 'artists', LIMITS.artists);
	const artists = eachOf(list, 'artists', (item, p): ArtistInput | undefined => {
		const a = c.object(item, p);
		const name = c.string(a?.name, `${p}.name`, { max: LIMITS.artistName });
		if (name === undefined) return undefined;
		if (a?.plays === undefined || a.plays === null) return { name: name.trim() };
		const plays = c.integer(a.plays, `${p}.plays`, { min: 0, max: 1e9 });
		return plays === undefined ? undefined : { name: name.trim(), plays };
	});
	const source = c.optionalString(o.source, 'source', 100);
	return finish(c, source ? { artists, source } : { artists });
}

export function parseConverseRequest(value: unknown): ConverseRequest {
	const c = new Checker();
	const o = body(c, value);
	const portrait = checkPortrait(c, o.portrait, 'portrait', false);
	const direction = c.oneOf(o.direction, 'direction', DIRECTIONS);
	const analysis = checkAnalysis(c, o.analysis);
	const messages = checkMessages(c, o.messages);
	const request = { portrait: portrait!, direction: direction!, messages };
	return finish(c, analysis ? { ...request, analysis } : request);
}

export function parseRecommendRequest(value: unknown): RecommendRequest {
	const c = new Checker();
	const o = body(c, value);
	const portrait = checkPortrait(c, o.portrait, 'portrait', false);
	const direction = c.oneOf(o.direction, 'direction', DIRECTIONS);
	const messages = checkMessages(c, o.messages);
	const list = c.array(o.exclude ?? [], 'exclude', { min: 0, max: LIMITS.exclude });
	const exclude = eachOf(list, 'exclude', (item, p): AlbumRef | undefined => {
		const a = c.object(item, p);
		const title = c.string(a?.title, `${p}.title`, { max: 300 });
		const artist = c.string(a?.artist, `${p}.artist`, { max: 300 });
		return title && artist ? { title, artist } : undefined;
	});
	const count = o.count === undefined || o.count === null
		? 5
		: c.integer(o.count, 'count', LIMITS.count);
	const analysis = checkAnalysis(c, o.analysis);
	const request = {
		portrait: portrait!,
		messages,
		direction: direction!,
		exclude,
		count: count ?? 5
	};
	return finish(c, analysis ? { ...request, analysis } : request);
}

export function parseAnalyzeRequest(value: unknown): AnalyzeRequest {
	const c = new Checker();
	const o = body(c, value);
	const list = c.array(o.albums, 'albums', LIMITS.analyzeAlbums);
	const albums = eachOf(list, 'albums', (item, p): RatedAlbum | undefined => {
		const a = c.object(item, p);
		const title = c.string(a?.title, `${p}.title`, { max: 300 });
		const artist = c.string(a?.artist, `${p}.artist`, { max: 300 });
		const yearRaw = typeof a?.year === 'number' ? String(a.year) : (a?.year ?? '');
		const year = c.string(yearRaw, `${p}.year`, { min: 0, max: 20 });
		const rating = c.integer(a?.rating, `${p}.rating`, { min: 1, max: 5 });
		const rationale = c.optionalString(a?.rationale, `${p}.rationale`, LIMITS.rationaleChars);
		const resonantElement = c.optionalString(a?.resonantElement, `${p}.resonantElement`, 500);
		if (!title || !artist || year === undefined || rating === undefined) return undefined;
		const album: RatedAlbum = { title, artist, year, rating };
		if (rationale) album.rationale = rationale;
		if (resonantElement) album.resonantElement = resonantElement;
		return album;
	});
	return finish(c, { albums });
}
