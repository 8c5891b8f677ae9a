/**
 * Reasoning models (Qwen, DeepSeek-R1, MiniMax served by Ollama, vLLM or llama.cpp) may put a
 * `<think>…</think>` block before the answer, and what they think often holds braces
 * (`maybe output {"draft": true}`), so reading "from the first `{`" would read the thought.
 * Some servers strip the opening tag and leave only `…</think>` before the answer.
 */

const OPEN = '<think>';
const CLOSE = '</think>';

/** The answer without a leading thought (whole, or missing its opening tag). */
export function stripThink(content: string): string {
	const close = content.indexOf(CLOSE);
	if (close < 0) return content;
	const before = content.slice(0, close);
	const opened = before.trimStart().startsWith(OPEN);
	// Without the opening tag, only a thought that holds no answer yet counts as one.
	if (!opened && before.includes('"') && /^\s*[{[]/.test(before)) return content;
	return content.slice(close + CLOSE.length);
}

/**
 * The streamed counterpart: holds back a leading `<think>` block (split across chunks or not)
 * and passes everything after it through as it arrives.
 */
export class ThinkFilter {
	#state: 'start' | 'thinking' | 'answer' = 'start';
	#held = '';

	push(chunk: string): string {
		if (this.#state === 'answer') return chunk;
		this.#held += chunk;
		if (this.#state === 'start') {
			const lead = this.#held.trimStart();
			if (lead.length < OPEN.length && OPEN.startsWith(lead)) return '';
			if (!lead.startsWith(OPEN)) return this.#release(this.#held);
			this.#state = 'thinking';
		}
		const close = this.#held.indexOf(CLOSE);
		if (close < 0) return '';
		return this.#release(this.#held.slice(close + CLOSE.length));
	}

	#release(text: string): string {
		this.#state = 'answer';
		this.#held = '';
		return text;
	}
}
