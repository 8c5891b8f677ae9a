/**
 * Reads a JSON request body with a hard size cap. Content-Length is checked first, but the
 * stream is also counted as it is read, since chunked bodies carry no length.
 */
import { CuratorError, invalidInput } from './errors.ts';

export interface JsonBody {
	text: string;
	value: unknown;
}

export async function readJsonBody(request: Request, maxBytes: number): Promise<JsonBody> {
	const declared = Number(request.headers.get('content-length'));
	if (Number.isFinite(declared) && declared > maxBytes) throw new CuratorError('TOO_LARGE');
	if (!request.body) throw invalidInput({ body: 'must be a JSON object' });

	const reader = request.body.getReader();
	const parts: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > maxBytes) {
			await reader.cancel();
			throw new CuratorError('TOO_LARGE');
		}
		parts.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const part of parts) {
		bytes.set(part, offset);
		offset += part.byteLength;
	}
	const text = new TextDecoder().decode(bytes);
	try {
		return { text, value: JSON.parse(text) };
	} catch {
		throw invalidInput({ body: 'must be valid JSON' });
	}
}
