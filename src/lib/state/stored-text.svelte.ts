/**
 * A free-text answer stored in IndexedDB and edited in one field of one tab.
 *
 * The stored value is the truth: other tabs and other devices (through sync) change it at any
 * time, and the field shows it live. What the listener types is a draft kept here only until
 * the store has it, and it is the only thing ever written: focusing and leaving a field
 * without typing writes nothing, so an out-of-date copy in an old tab can never blank an
 * answer given elsewhere. Each write carries only this field (the caller stamps it with a
 * fresh clock), so it merges per field with every other change.
 */

/** What the listener typed, until the store shows it (or something newer). */
interface Draft {
	text: string;
	/** The stored value seen when the last write of `text` finished. */
	settled?: string;
	failed?: boolean;
	/** The store has had it: from then on the field follows the store (not reactive on purpose). */
	done?: boolean;
}

export class StoredText {
	#stored: () => string;
	#save: (text: string) => Promise<void>;
	#delay: number;
	#draft = $state.raw<Draft | null>(null);
	#editing = $state(false);
	#writing = $state(0);
	#timer: ReturnType<typeof setTimeout> | undefined;
	#inFlight: string | undefined;

	/** Writes `delay` ms after typing stops, and at once when the listener leaves the field. */
	constructor(stored: () => string, save: (text: string) => Promise<void>, delay = 250) {
		this.#stored = stored;
		this.#save = save;
		this.#delay = delay;
	}

	/** What the field shows. */
	get value(): string {
		const stored = this.#stored();
		const draft = this.#draft;
		if (!draft) return stored;
		if (this.#editing || this.#writing > 0) return draft.text;
		return this.#landed(draft, stored) ? stored : draft.text;
	}

	#landed(draft: Draft, stored: string): boolean {
		if (!draft.done) {
			draft.done =
				stored === draft.text || (draft.settled !== undefined && stored !== draft.settled);
		}
		return draft.done;
	}

	/** The listener's words could not be saved; they stay in the field and are tried again on leaving it. */
	get unsaved(): boolean {
		return !!this.#draft?.failed && !this.#editing && !this.#landed(this.#draft, this.#stored());
	}

	focus(): void {
		this.#editing = true;
		if (this.#draft && this.#landed(this.#draft, this.#stored())) this.#draft = null;
	}

	input(text: string): void {
		this.#draft = { text };
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#write(), this.#delay);
	}

	blur(): void {
		this.#editing = false;
		this.flush();
	}

	/** Writes a pending draft now (leaving the field, or the page). */
	flush(): void {
		clearTimeout(this.#timer);
		this.#timer = undefined;
		const draft = this.#draft;
		if (!draft) return;
		if (draft.text === this.#stored()) {
			if (!this.#editing) this.#draft = null;
			return;
		}
		if (this.#inFlight === draft.text) return;
		if (draft.settled === undefined || draft.failed) void this.#write();
	}

	async #write(): Promise<void> {
		this.#timer = undefined;
		const draft = this.#draft;
		if (!draft) return;
		const { text } = draft;
		this.#writing += 1;
		this.#inFlight = text;
		let failed = false;
		try {
			await this.#save(text);
		} catch (error) {
			// The words stay on screen (value keeps the draft) and the listener is told.
			console.error('Could not save an answer', error);
			failed = true;
		} finally {
			this.#writing -= 1;
			if (this.#inFlight === text) this.#inFlight = undefined;
		}
		// Typing went on meanwhile: that newer draft has its own write coming.
		if (this.#draft?.text === text) this.#draft = { text, settled: this.#stored(), failed };
	}
}
