/**
 * Incremental extractor for the top-level "message" string of a JSON object that arrives in
 * arbitrary chunks (a streamed structured-output answer such as
 * `{"message":"Which city…","complete":false,"questionNumber":2}`).
 *
 * Why hand-written: the listener should see the question appear word by word, but the model
 * streams JSON, not prose. This is a small character-level state machine that tracks nesting
 * and strings so that only the value of the top-level key "message" is emitted, decoded
 * (escapes included, even when `\u00e9` or a surrogate pair is split across chunks). Anything
 * before the first `{` (say, a stray code fence) is ignored; the full text is still parsed and
 * validated separately once the stream ends.
 */

export class MessageExtractor {
	#depth = 0;
	#inString = false;
	/** What the current string is: a top-level key, the message value, or something to skip. */
	#stringRole: 'key' | 'message' | 'skip' = 'skip';
	#expectKey = false;
	#key = '';
	#lastKey = '';
	#valueFor: string | null = null;
	/** Characters after a backslash still waiting for the rest of their escape. */
	#escape: string | null = null;
	#highSurrogate = '';
	#finished = false;

	/** Feeds a chunk; returns the newly decoded part of the message (possibly ""). */
	push(chunk: string): string {
		let out = '';
		for (const ch of chunk) {
			if (this.#inString) out += this.#inStringChar(ch);
			else this.#structural(ch);
		}
		return out;
	}

	/** True once the message string has been read to its closing quote. */
	get finished(): boolean {
		return this.#finished;
	}

	#structural(ch: string): void {
		switch (ch) {
			case '{':
			case '[':
				this.#depth++;
				if (this.#depth === 1) this.#expectKey = ch === '{';
				this.#valueFor = null;
				return;
			case '}':
			case ']':
				this.#depth--;
				return;
			case ',':
				if (this.#depth === 1) this.#expectKey = true;
				return;
			case ':':
				if (this.#depth === 1) {
					this.#valueFor = this.#lastKey;
					this.#expectKey = false;
				}
				return;
			case '"':
				this.#inString = true;
				if (this.#depth === 1 && this.#expectKey) {
					this.#stringRole = 'key';
					this.#key = '';
				} else if (this.#depth === 1 && this.#valueFor === 'message' && !this.#finished) {
					this.#stringRole = 'message';
				} else {
					this.#stringRole = 'skip';
				}
				this.#valueFor = null;
				return;
			default:
				// Whitespace, numbers, true/false/null: a non-string value ends the wait for one.
				if (!/\s/.test(ch)) this.#valueFor = null;
		}
	}

	#inStringChar(ch: string): string {
		if (this.#escape !== null) {
			this.#escape += ch;
			const decoded = this.#decodeEscape(this.#escape);
			if (decoded === null) return '';
			this.#escape = null;
			return this.#emit(decoded);
		}
		if (ch === '\\') {
			this.#escape = '';
			return '';
		}
		if (ch === '"') {
			this.#inString = false;
			if (this.#stringRole === 'key') {
				this.#lastKey = this.#key;
				this.#expectKey = false;
			}
			if (this.#stringRole === 'message') {
				this.#finished = true;
				const rest = this.#highSurrogate;
				this.#highSurrogate = '';
				return rest;
			}
			return '';
		}
		return this.#emit(ch);
	}

	/** Returns the decoded text, or null while the escape is still incomplete. */
	#decodeEscape(esc: string): string | null {
		if (esc[0] !== 'u') {
			const simple: Record<string, string> = {
				'"': '"',
				'\\': '\\',
				'/': '/',
				b: '\b',
				f: '\f',
				n: '\n',
				r: '\r',
				t: '\t'
			};
			return simple[esc[0]] ?? esc[0];
		}
		if (esc.length < 5) return null;
		const code = parseInt(esc.slice(1, 5), 16);
		return Number.isNaN(code) ? '\uFFFD' : String.fromCharCode(code);
	}

	/** Routes decoded text: into a key, out as message text, or nowhere; keeps surrogate pairs whole. */
	#emit(text: string): string {
		if (this.#stringRole === 'key') {
			this.#key += text;
			return '';
		}
		if (this.#stringRole !== 'message') return '';
		const code = text.charCodeAt(0);
		if (text.length === 1 && code >= 0xd800 && code <= 0xdbff) {
			const pending = this.#highSurrogate;
			this.#highSurrogate = text;
			return pending;
		}
		const out = this.#highSurrogate + text;
		this.#highSurrogate = '';
		return out;
	}
}
