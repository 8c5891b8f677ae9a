/**
 * Reading MusicBrainz's artist and area answers for the artist facts (facts.ts): every field
 * may be missing or of another type (old search-server answers, junk tags), so each is checked
 * and an entry without an id and a name is dropped rather than guessed at.
 */
import { artistKey } from '$contract/identity';
import type { AreaRef, ArtistFactsFields } from '$lib/domain/artist-facts-cache';

const MAX_TAGS = 12;

export const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null;
export const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

export interface Hit {
	facts: Omit<ArtistFactsFields, 'status'>;
	key: string;
	score: number;
}

function readArea(raw: unknown): AreaRef | undefined {
	if (!isObject(raw)) return undefined;
	const mbid = text(raw.id);
	const name = text(raw.name);
	if (!mbid || !name) return undefined;
	const type = text(raw.type);
	return { mbid, name, ...(type ? { type } : {}) };
}

const year = (v: unknown) => {
	const y = Number(text(v)?.slice(0, 4));
	return Number.isInteger(y) && y > 0 ? y : undefined;
};

/** One artist of a search answer; any field may be missing, only id and name are needed. */
export function readHit(raw: unknown): Hit | undefined {
	if (!isObject(raw)) return undefined;
	const mbid = text(raw.id);
	const name = text(raw.name);
	if (!mbid || !name) return undefined;
	const span = isObject(raw['life-span']) ? raw['life-span'] : {};
	const country = text(raw.country)?.toUpperCase();
	const area = readArea(raw.area);
	const beginArea = readArea(raw['begin-area']);
	const type = text(raw.type);
	const disambiguation = text(raw.disambiguation);
	const tags = list(raw.tags)
		.filter(isObject)
		.map((t) => ({ name: text(t.name) ?? '', count: Number(t.count) }))
		.filter((t) => t.name && t.count > 0)
		.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
		.slice(0, MAX_TAGS);
	const beginYear = year(span.begin);
	const endYear = year(span.end);
	return {
		key: artistKey(name),
		score: Number(raw.score) || 0,
		facts: {
			mbid,
			matchedName: name,
			...(type ? { type } : {}),
			...(disambiguation ? { disambiguation } : {}),
			...(area ? { area } : {}),
			...(beginArea ? { beginArea } : {}),
			...(country && /^[A-Z]{2}$/.test(country) ? { country, countryFrom: 'area' as const } : {}),
			...(beginYear ? { beginYear } : {}),
			...(endYear ? { endYear } : {}),
			tags
		}
	};
}

/**
 * An area lookup (`/ws/2/area/<id>?inc=area-rels`): the country it is (ISO 3166-1) or lies in
 * (a subdivision's ISO 3166-2 prefix), else the area it is "part of", to look up next.
 */
export function readAreaAnswer(area: Record<string, unknown>): {
	country: string | null;
	partOf?: string;
} {
	const iso1 = list(area['iso-3166-1-codes']).map(text)[0];
	const iso2 = list(area['iso-3166-2-codes']).map(text)[0];
	const country = iso1?.toUpperCase() ?? iso2?.split('-')[0].toUpperCase() ?? null;
	if (country) return { country };
	// "part of", backward: this area lies inside the related one.
	const parent = list(area.relations)
		.filter(isObject)
		.find((r) => r.type === 'part of' && r.direction === 'backward' && isObject(r.area));
	const partOf = parent && isObject(parent.area) ? text(parent.area.id) : undefined;
	return { country: null, ...(partOf ? { partOf } : {}) };
}
