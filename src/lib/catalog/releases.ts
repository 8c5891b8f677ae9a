/**
 * Two MusicBrainz look-ups about a grounded album, both lazy (one request each, through the same
 * 1 request/s limiter as grounding) and cached by the caller:
 *   - its links: `GET /ws/2/release-group/<mbid>?inc=url-rels`, of which the card shows the best
 *     page to read about the album — a review, else Wikipedia, Wikidata, AllMusic or Discogs
 *     (the shape of tests/unit/fixtures/mb-real/hqub-rg-get-desire.json);
 *   - its tracks: `GET /ws/2/release?release-group=<mbid>&inc=recordings`, a browse of its
 *     releases with media, tracks and recordings, from which a playlist is made: the earliest
 *     official release's recordings (for ListenBrainz) and every barcode (for Spotify's UPC search).
 */
import { ALBUM_LINK_KINDS, type AlbumLink, type AlbumRecording } from '$lib/domain/album-extras';
import { CatalogError, requestJson, type RequestOptions } from './musicbrainz';

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkMbid(mbid: string): void {
	if (!MBID.test(mbid)) throw new CatalogError('REJECTED', `Not a release-group MBID: ${mbid}`);
}

/** The kind of page a url relationship points at, from its type (or its host, for Wikipedia). */
function kindOf(type: string, url: URL): AlbumLink['kind'] | undefined {
	if (type === 'review') return 'review';
	if (type === 'wikipedia' || url.hostname.endsWith('.wikipedia.org')) return 'wikipedia';
	if (type === 'wikidata') return 'wikidata';
	if (type === 'allmusic') return 'allmusic';
	if (type === 'discogs') return 'discogs';
	return undefined;
}

/** The best link of a release group's url relationships, or undefined when it has none of ours. */
export function readAlbumLink(body: unknown): AlbumLink | undefined {
	const links: AlbumLink[] = [];
	for (const rel of list(isObject(body) ? body.relations : undefined)) {
		if (!isObject(rel) || rel['target-type'] !== 'url' || !isObject(rel.url)) continue;
		const resource = text(rel.url.resource);
		if (!resource) continue;
		let url: URL;
		try {
			url = new URL(resource);
		} catch {
			continue;
		}
		if (url.protocol !== 'https:' && url.protocol !== 'http:') continue;
		const kind = kindOf(text(rel.type) ?? '', url);
		if (kind) links.push({ kind, url: url.toString(), site: url.hostname.replace(/^www\./, '') });
	}
	return links.sort(
		(a, b) => ALBUM_LINK_KINDS.indexOf(a.kind) - ALBUM_LINK_KINDS.indexOf(b.kind)
	)[0];
}

export async function lookUpAlbumLink(
	mbid: string,
	opts: RequestOptions = {}
): Promise<AlbumLink | undefined> {
	checkMbid(mbid);
	const body = await requestJson(`/ws/2/release-group/${mbid}`, { inc: 'url-rels' }, opts);
	return readAlbumLink(body);
}

interface Release {
	official: boolean;
	date: string;
	barcode?: string;
	recordings: AlbumRecording[];
}

function readRelease(raw: unknown): Release | undefined {
	if (!isObject(raw)) return undefined;
	const media = list(raw.media)
		.filter(isObject)
		.sort((a, b) => Number(a.position) - Number(b.position));
	const recordings: AlbumRecording[] = [];
	for (const medium of media) {
		const tracks = list(medium.tracks)
			.filter(isObject)
			.sort((a, b) => Number(a.position) - Number(b.position));
		for (const track of tracks) {
			const rec = isObject(track.recording) ? track.recording : undefined;
			const mbid = text(rec?.id);
			if (!rec || !mbid || !MBID.test(mbid)) continue;
			const length = Number(rec.length ?? track.length);
			recordings.push({
				mbid,
				title: text(track.title) ?? text(rec.title) ?? '',
				...(Number.isFinite(length) && length > 0 ? { lengthMs: length } : {})
			});
		}
	}
	return {
		official: text(raw.status) === 'Official',
		date: text(raw.date) ?? '9999',
		barcode: text(raw.barcode),
		recordings
	};
}

/**
 * A browse answer as one tracklist: the recordings of the earliest official release that has
 * any (the album as first released), and every release's barcode, that release's first.
 */
export function readTracklist(body: unknown): { barcodes: string[]; recordings: AlbumRecording[] } {
	const releases = list(isObject(body) ? body.releases : undefined)
		.map(readRelease)
		.filter((r): r is Release => !!r);
	const ranked = releases
		.filter((r) => r.recordings.length > 0)
		.sort((a, b) => Number(b.official) - Number(a.official) || a.date.localeCompare(b.date));
	const chosen = ranked[0];
	const barcodes = [chosen, ...releases]
		.map((r) => r?.barcode)
		.filter((b): b is string => !!b && /\d{8,14}/.test(b));
	return { barcodes: [...new Set(barcodes)].slice(0, 3), recordings: chosen?.recordings ?? [] };
}

export async function lookUpTracklist(
	mbid: string,
	opts: RequestOptions = {}
): Promise<{ barcodes: string[]; recordings: AlbumRecording[] }> {
	checkMbid(mbid);
	const body = await requestJson(
		'/ws/2/release',
		{ 'release-group': mbid, inc: 'recordings', status: 'official', limit: '10' },
		opts
	);
	return readTracklist(body);
}
