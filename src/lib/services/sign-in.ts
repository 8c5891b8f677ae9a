/**
 * Creating an account, signing in and out, and deleting the account. Every failure is
 * thrown as an AuthFailure (its reason decides the listener's words in one place), except
 * deleting the account, whose AccountDeleteFailure already carries them. supabase-js loads
 * on the first of these calls.
 */
import { describeSignUp, toAuthFailure } from '$lib/auth/errors';

export { confirmationMatches } from '$lib/auth/confirm';

async function asAuth<T>(step: () => Promise<T>): Promise<T> {
	try {
		return await step();
	} catch (error) {
		throw toAuthFailure(error);
	}
}

async function auth() {
	return import('$lib/auth/client');
}

/** Creates an account (upgrading an anonymous session in place); returns what to tell the listener. */
export function createAccount(email: string, password: string, upgrading: boolean) {
	return asAuth(async () =>
		describeSignUp(await (await auth()).signUp(email, password), email, upgrading)
	);
}

export function signInWithPassword(email: string, password: string): Promise<void> {
	return asAuth(async () => {
		await (await auth()).signInWithPassword(email, password);
	});
}

export function sendMagicLink(email: string): Promise<void> {
	return asAuth(async () => (await auth()).sendMagicLink(email));
}

/** Whether "Continue with Google" can work here (the provider is on in the project's Auth). */
export async function googleSignInOffered(): Promise<boolean> {
	return (await auth()).googleSignInOffered();
}

export function signInWithGoogle(): Promise<void> {
	return asAuth(async () => (await auth()).signInWithGoogle());
}

/** Signs out; everything stays on this device. */
export function signOut(): Promise<void> {
	return asAuth(async () => (await auth()).signOut());
}

/**
 * Deletes the account on the server, then settles this device: erases or keeps its copy
 * (`eraseDevice`) and ends the session. When the server refuses or cannot be reached, the
 * AccountDeleteFailure says so and nothing is deleted, here or there.
 */
export async function deleteAccount({ eraseDevice }: { eraseDevice: boolean }): Promise<void> {
	const [account, client, { db }, { settleDeletedAccount }] = await Promise.all([
		import('$lib/auth/account'),
		auth(),
		import('$lib/db/schema'),
		import('$lib/sync/sync-pass')
	]);
	await account.requestAccountDeletion();
	// The status is written before signing out, so the sync engine (which reacts to the
	// sign-out) keeps it. The account is gone whatever happens next: a session left behind is
	// ended by the next sync pass (the engine asks Auth), so a failed sign-out is not an error.
	await settleDeletedAccount(db(), eraseDevice);
	await client.signOut().catch(() => undefined);
}
