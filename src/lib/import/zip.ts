/**
 * Reading zips entry by entry from the central directory (the table of
 * contents at the end of the file), so a 300 MB export needs only its table
 * and one entry in memory at a time, and a Blob is never read whole.
 *
 * We don't use fflate's streaming `Unzip` here: it finds entries by scanning
 * for local headers, which for entries written with a data descriptor (common
 * in server-generated zips) means a byte-by-byte search for a signature that
 * can also occur inside compressed data. The central directory has the exact
 * sizes. fflate does the inflating.
 */
import { inflateSync } from 'fflate';
import { importErrors } from './errors';
import type { ByteSource } from './source';

export interface ZipEntry {
	path: string;
	method: number;
	flags: number;
	compressedSize: number;
	size: number;
	/** Offset of the entry's local header. */
	offset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;

const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const u64 = (d: DataView, at: number) => Number(d.getBigUint64(at, true));
const utf8 = new TextDecoder();

export async function listZip(file: string, src: ByteSource): Promise<ZipEntry[]> {
	const tailStart = Math.max(0, src.size - (22 + MAX_COMMENT + 20));
	const tail = await src.read(tailStart, src.size);
	const t = view(tail);
	let at = -1;
	for (let i = tail.length - 22; i >= 0; i--) {
		if (t.getUint32(i, true) === EOCD) {
			at = i;
			break;
		}
	}
	if (at < 0) throw importErrors.truncatedZip(file);

	let count = t.getUint16(at + 10, true);
	let cdSize = t.getUint32(at + 12, true);
	let cdOffset = t.getUint32(at + 16, true);
	if (at >= 20 && t.getUint32(at - 20, true) === ZIP64_LOCATOR) {
		const z = view(await src.read(u64(t, at - 12), u64(t, at - 12) + 56));
		if (z.getUint32(0, true) !== ZIP64_EOCD)
			throw importErrors.corruptZip(file, 'bad zip64 record');
		count = u64(z, 32);
		cdSize = u64(z, 40);
		cdOffset = u64(z, 48);
	}
	if (cdOffset + cdSize > src.size) throw importErrors.truncatedZip(file);

	const cd = await src.read(cdOffset, cdOffset + cdSize);
	const d = view(cd);
	const entries: ZipEntry[] = [];
	let p = 0;
	for (let n = 0; n < count; n++) {
		if (p + 46 > cd.length || d.getUint32(p, true) !== CENTRAL) {
			throw importErrors.corruptZip(file, 'its table of contents is damaged');
		}
		const nameLength = d.getUint16(p + 28, true);
		const extraLength = d.getUint16(p + 30, true);
		const commentLength = d.getUint16(p + 32, true);
		const entry: ZipEntry = {
			path: utf8.decode(cd.subarray(p + 46, p + 46 + nameLength)),
			flags: d.getUint16(p + 8, true),
			method: d.getUint16(p + 10, true),
			compressedSize: d.getUint32(p + 20, true),
			size: d.getUint32(p + 24, true),
			offset: d.getUint32(p + 42, true)
		};
		readZip64Extra(d, p + 46 + nameLength, extraLength, entry);
		entries.push(entry);
		p += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

/** Sizes and offsets over 4 GB live in the zip64 extra field, in this order. */
function readZip64Extra(d: DataView, start: number, length: number, e: ZipEntry): void {
	for (let q = start; q + 4 <= start + length;) {
		const id = d.getUint16(q, true);
		const size = d.getUint16(q + 2, true);
		if (id === 1) {
			let r = q + 4;
			const next = () => {
				const value = u64(d, r);
				r += 8;
				return value;
			};
			if (e.size === 0xffffffff) e.size = next();
			if (e.compressedSize === 0xffffffff) e.compressedSize = next();
			if (e.offset === 0xffffffff) e.offset = next();
		}
		q += 4 + size;
	}
}

export function isFolderOrJunk(e: ZipEntry): boolean {
	const base = e.path.slice(e.path.lastIndexOf('/') + 1);
	return (
		e.path.endsWith('/') || e.path.startsWith('__MACOSX/') || base.startsWith('.') || base === ''
	);
}

/** One entry's bytes, inflated. `label` names it in messages. */
export async function readEntry(
	label: string,
	src: ByteSource,
	e: ZipEntry,
	maxBytes: number
): Promise<Uint8Array> {
	if (e.size > maxBytes) throw importErrors.tooLarge(label, e.size, maxBytes);
	if (e.flags & 1) throw importErrors.corruptZip(label, 'it is password-protected');
	const header = view(await src.read(e.offset, e.offset + 30));
	if (header.byteLength < 30 || header.getUint32(0, true) !== LOCAL)
		throw importErrors.truncatedZip(label);
	const start = e.offset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
	if (start + e.compressedSize > src.size) throw importErrors.truncatedZip(label);
	const data = await src.read(start, start + e.compressedSize);
	if (e.method === 0 || e.size === 0) return data.subarray(0, e.size);
	if (e.method !== 8) throw importErrors.corruptZip(label, `compression method ${e.method}`);
	try {
		return inflateSync(data, { out: new Uint8Array(e.size) });
	} catch {
		throw importErrors.corruptZip(label, 'an entry is damaged');
	}
}
