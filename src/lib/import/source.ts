/**
 * Random access to a file's bytes without loading all of it: a zip is read
 * from its table of contents at the end, then one entry at a time. A Blob (a
 * dropped File, in the worker) is sliced lazily; a Uint8Array is just viewed.
 */
export interface ByteSource {
	readonly size: number;
	read(start: number, end: number): Promise<Uint8Array>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
	return {
		size: bytes.length,
		read: async (start, end) => bytes.subarray(start, end)
	};
}

export function blobSource(blob: Blob): ByteSource {
	return {
		size: blob.size,
		read: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer())
	};
}
