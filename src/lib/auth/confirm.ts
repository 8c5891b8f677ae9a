/** The typed confirmation before an account is deleted (pure: the account page loads it eagerly). */

/** What the listener types to confirm (or their own email address). */
export const DELETE_WORD = 'DELETE';

/** The confirmation the listener typed matches: the word, or their own email address. */
export function confirmationMatches(typed: string, email: string | undefined): boolean {
	const t = typed.trim();
	return t === DELETE_WORD || (!!email && t.toLowerCase() === email.trim().toLowerCase());
}
