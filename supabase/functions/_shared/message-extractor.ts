/**
 * Incremental readers for a JSON object that arrives in arbitrary chunks (a streamed
 * structured-output answer such as `{"message":"Which city…","complete":false}` or
 * `{"albums":[{…},{…}]}`).
 *
 * Why hand-written: the listener should see the question appear word by word and each album as
 * soon as the model has finished writing it, but the model streams JSON, not prose. One small
 * character-level state machine (JsonStreamScanner) tracks nesting, strings and escapes and the
 * top-level key being read; the readers on top of it take what they need:
 *
 * - MessageExtractor: the decoded value of the top-level "message" string (escapes included, even
 *   when `\u00e9` or a surrogate pair is split across chunks), as it arrives;
 * - ItemExtractor: each entry of a top-level list of objects (say "albums"), parsed once its
 *   closing brace has arrived.
 *
 * Anything before the first `{` (say, a stray code fence) is ignored; the full text is still
 * parsed and validated separately once the stream ends.
 */

const SIMPLE_ESCAPES: Record<string, string> = {
	'"': '"',
	'\\': '\\',
	'/': '/',
	b: '\b',
	f: '\f',
	n: '\n',
	r: '\r',
	t: '\t'
};

/** Decoded text of an escape (after the backslash), or null while it is still incomplete. */
function decodeEscape(esc: string): string | null {
	if (esc[0] !== 'u') return SIMPLE_ESCAPES[esc[0]] ?? esc[0];
	if (esc.length < 5) return null;
	const code = parseInt(esc.slice(1, 5), 16);
	return Number.isNaN(code) ? '\uFFFD' : String.fromCharCode(code);
}

/** Nesting, strings and top-level keys of streamed JSON; subclasses hook into what they need. */
export abstract class JsonStreamScanner {
	/** The open containers, outermost first: `{` or `[`. */
	protected readonly open: string[] = [];
	/** The top-level key whose value is being read (set at its `:`), or null. */
	protected field: string | null = null;
	#inString = false;
	#isKey = false;
	#expectKey = false;
	#key = '';
	#lastKey = '';
	/** Characters after a backslash still waiting for the rest of their escape. */
	#escape: string | null = null;

	protected scan(chunk: string): void {
		for (const ch of chunk) {
			this.raw(ch);
			if (this.#inString) this.#inStringChar(ch);
			else this.#structural(ch);
		}
	}

	/** Every character as it came, before it is read. */
	protected raw(_ch: string): void {}
	/** A container was opened (`open` already holds it) or closed (`open` no longer does). */
	protected opened(_ch: string): void {}
	protected closed(): void {}
	/** A string value (not a key) starts, has decoded text, or ends. */
	protected stringStart(): void {}
	protected stringText(_text: string): void {}
	protected stringEnd(): void {}

	#structural(ch: string): void {
		const depth = this.open.length;
		switch (ch) {
			case '{':
			case '[':
				this.open.push(ch);
				if (depth === 0) this.#expectKey = ch === '{';
				this.opened(ch);
				return;
			case '}':
			case ']':
				this.open.pop();
				if (depth === 1) this.field = null;
				this.closed();
				return;
			case ',':
				if (depth === 1) {
					this.#expectKey = true;
					this.field = null;
				}
				return;
			case ':':
				if (depth === 1) {
					this.field = this.#lastKey;
					this.#expectKey = false;
				}
				return;
			case '"':
				this.#inString = true;
				this.#isKey = depth === 1 && this.#expectKey;
				if (this.#isKey) this.#key = '';
				else this.stringStart();
		}
	}

	#inStringChar(ch: string): void {
		if (this.#escape !== null) {
			this.#escape += ch;
			const decoded = decodeEscape(this.#escape);
			if (decoded === null) return;
			this.#escape = null;
			this.#text(decoded);
			return;
		}
		if (ch === '\\') {
			this.#escape = '';
			return;
		}
		if (ch === '"') {
			this.#inString = false;
			if (this.#isKey) {
				this.#lastKey = this.#key;
				this.#expectKey = false;
			} else {
				this.stringEnd();
			}
			return;
		}
		this.#text(ch);
	}

	#text(text: string): void {
		if (this.#isKey) this.#key += text;
		else this.stringText(text);
	}
}

/** The top-level "message" string, decoded as it arrives. */
export class MessageExtractor extends JsonStreamScanner {
	#reading = false;
	#finished = false;
	#out = '';
	#highSurrogate = '';

	/** Feeds a chunk; returns the newly decoded part of the message (possibly ""). */
	push(chunk: string): string {
		this.#out = '';
		this.scan(chunk);
		return this.#out;
	}

	/** True once the message string has been read to its closing quote. */
	get finished(): boolean {
		return this.#finished;
	}

	protected override stringStart(): void {
		this.#reading = this.open.length === 1 && this.field === 'message' && !this.#finished;
	}

	/** Keeps surrogate pairs whole, so no chunk ends in half a character. */
	protected override stringText(text: string): void {
		if (!this.#reading) return;
		const code = text.charCodeAt(0);
		if (text.length === 1 && code >= 0xd800 && code <= 0xdbff) {
			this.#out += this.#highSurrogate;
			this.#highSurrogate = text;
			return;
		}
		this.#out += this.#highSurrogate + text;
		this.#highSurrogate = '';
	}

	protected override stringEnd(): void {
		if (!this.#reading) return;
		this.#reading = false;
		this.#finished = true;
		this.#out += this.#highSurrogate;
		this.#highSurrogate = '';
	}
}

/**
 * Each object in the top-level list `key` (e.g. `{"albums":[{…},{…}]}`), parsed as soon as its
 * closing brace arrives. An entry that is not an object, or not JSON, is left out: the whole
 * answer is judged again at the end.
 */
export class ItemExtractor extends JsonStreamScanner {
	#capture: string | null = null;
	#items: unknown[] = [];

	constructor(private readonly key: string) {
		super();
	}

	/** Feeds a chunk; returns the entries completed by it (possibly none). */
	push(chunk: string): unknown[] {
		this.#items = [];
		this.scan(chunk);
		return this.#items;
	}

	protected override raw(ch: string): void {
		if (this.#capture !== null) this.#capture += ch;
	}

	protected override opened(ch: string): void {
		const [top, list] = this.open;
		if (
			ch === '{' && this.open.length === 3 && top === '{' && list === '[' &&
			this.field === this.key
		) {
			this.#capture = ch;
		}
	}

	protected override closed(): void {
		if (this.#capture === null || this.open.length !== 2) return;
		try {
			this.#items.push(JSON.parse(this.#capture));
		} catch {
			/* not JSON after all: the end-of-stream judgement has the last word */
		}
		this.#capture = null;
	}
}
