/**
 * Cover art from the Cover Art Archive, as plain image URLs.
 *
 * The archive redirects to archive.org, whose CDN sends no CORS header, so the
 * bytes must never be fetched from script: put these URLs in `<img src>` and
 * let the service worker's 'cover-art' cache keep them for offline history.
 * A release group without art answers 404 — the image's error event is the
 * cue to show the placeholder.
 */
const COVER_ART_URL = 'https://coverartarchive.org';

export type CoverSize = 250 | 500 | 1200;

export function coverUrl(mbid: string, size: CoverSize = 250): string {
	return `${COVER_ART_URL}/release-group/${encodeURIComponent(mbid)}/front-${size}`;
}
