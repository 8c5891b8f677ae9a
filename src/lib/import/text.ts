/**
 * Turning a file's bytes into text, and refusing early what isn't text.
 *
 * Exports are UTF-8 (JSON must be), sometimes with a BOM (lastfmstats,
 * pavelkomarov's Exportify). CSVs re-saved by Excel on Windows may be UTF-16
 * with a BOM, or Windows-1252; we decode those too rather than show mojibake.
 */
import { importErrors } from './errors';

/** V8 cannot hold a string much longer than 2^29 characters; stay well below. */
export const MAX_FILE_BYTES = 500_000_000;

const MAGIC: [number[], string][] = [
	[[0x25, 0x50, 0x44, 0x46], 'a PDF'],
	[[0x89, 0x50, 0x4e, 0x47], 'an image'],
	[[0xff, 0xd8, 0xff], 'an image'],
	[[0x47, 0x49, 0x46, 0x38], 'an image'],
	[[0x1f, 0x8b], 'a .gz archive'],
	[[0x52, 0x61, 0x72, 0x21], 'a RAR archive'],
	[[0x37, 0x7a, 0xbc, 0xaf], 'a 7-Zip archive'],
	[[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel or Word file']
];

export function isZip(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 4 &&
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		(bytes[2] === 3 || bytes[2] === 5) &&
		(bytes[3] === 4 || bytes[3] === 6)
	);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
	return magic.every((b, i) => bytes[i] === b);
}

function hasUtf16Bom(bytes: Uint8Array): boolean {
	return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Throws BINARY for files that are clearly not text (by magic number or NUL bytes). */
export function assertText(file: string, bytes: Uint8Array): void {
	for (const [magic, what] of MAGIC)
		if (startsWith(bytes, magic)) throw importErrors.binary(file, what);
	if (hasUtf16Bom(bytes)) return;
	const end = Math.min(bytes.length, 8192);
	for (let i = 0; i < end; i++) if (bytes[i] === 0) throw importErrors.binary(file);
}

/**
 * Decode a whole file. `strict` is for JSON, which is UTF-8 by definition; CSV
 * and text fall back to Windows-1252 when the bytes aren't valid UTF-8.
 */
export function decode(bytes: Uint8Array, strict = false): string {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
	// TextDecoder drops a leading UTF-8 BOM by default.
	const text = new TextDecoder('utf-8').decode(bytes);
	if (strict || !text.includes('\uFFFD')) return text;
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return text; // the replacement character was really in the file
	} catch {
		return new TextDecoder('windows-1252').decode(bytes);
	}
}

/** The file's extension, lower case, without the dot ('' if none). */
export function extension(name: string): string {
	const base = name.slice(name.lastIndexOf('/') + 1);
	const dot = base.lastIndexOf('.');
	return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
