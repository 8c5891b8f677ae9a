/**
 * One polite voice for the whole app: status changes a listener may not be looking at —
 * offline and back online, a rating saved, synced, a sync that failed — are read out by
 * screen readers once, without moving focus. LiveAnnouncer (in the root layout) is the one
 * live region that speaks `message`; it is always in the page, so every change is heard.
 */
const SETTLE_MS = 100;

class Announcer {
	message = $state('');
	#timer: ReturnType<typeof setTimeout> | undefined;

	/** Says `text` politely. The same words twice in a row are said twice. */
	say(text: string): void {
		// Emptied first, then filled a moment later: a region whose text does not change says
		// nothing, and a burst of changes (fast rating keys) ends with only the last one said.
		this.message = '';
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => (this.message = text), SETTLE_MS);
	}
}

export const announcer = new Announcer();
