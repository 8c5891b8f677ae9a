/** A minimal reader for text/event-stream bodies: yields `{ event, data }` per event. */
export interface SseEvent {
	event: string;
	data: string;
}

export function parseSseBlock(block: string): SseEvent | null {
	let event = 'message';
	const data: string[] = [];
	for (const line of block.split(/\r?\n/)) {
		if (!line || line.startsWith(':')) continue;
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
		if (field === 'event') event = value;
		else if (field === 'data') data.push(value);
	}
	return data.length ? { event, data: data.join('\n') } : null;
}

export async function* readSse(res: Response, signal?: AbortSignal): AsyncGenerator<SseEvent> {
	if (!res.body) return;
	const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
	const onAbort = () => void reader.cancel();
	signal?.addEventListener('abort', onAbort);
	let buffer = '';
	try {
		for (;;) {
			const { value, done } = await reader.read();
			if (done) break;
			buffer += value;
			let end: number;
			while ((end = buffer.search(/\r?\n\r?\n/)) !== -1) {
				const block = buffer.slice(0, end);
				buffer = buffer.slice(end).replace(/^\r?\n\r?\n/, '');
				const event = parseSseBlock(block);
				if (event) yield event;
			}
		}
		const last = parseSseBlock(buffer);
		if (last) yield last;
	} finally {
		signal?.removeEventListener('abort', onAbort);
		reader.releaseLock();
	}
}
