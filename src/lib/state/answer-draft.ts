/**
 * An answer in the conversation typed but not yet sent, kept per conversation (one per journey and
 * round) so a reload, a crash or a closed tab does not lose it. It lives in localStorage:
 * a draft is small, belongs to this browser only and never syncs, so it needs no table
 * (and no schema version) of its own. Storage that refuses (full, or blocked) only costs
 * the draft, never the answer being typed.
 */
const PREFIX = 'sonic-cartographer:answer-draft:';

export function loadAnswerDraft(conversationId: string): string {
	try {
		return localStorage.getItem(PREFIX + conversationId) ?? '';
	} catch {
		return '';
	}
}

export function saveAnswerDraft(conversationId: string, text: string): void {
	try {
		if (text.trim()) localStorage.setItem(PREFIX + conversationId, text);
		else localStorage.removeItem(PREFIX + conversationId);
	} catch {
		// Not stored: the text is still in the box, only a reload would lose it.
	}
}

export function clearAnswerDraft(conversationId: string): void {
	saveAnswerDraft(conversationId, '');
}
