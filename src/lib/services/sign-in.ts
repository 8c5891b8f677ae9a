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

export function signInWithGoogle(): Promise<void> {
	return asAuth(async () => (await auth()).signInWithGoogle());
}

/** Signs out; everything stays on this device. */
export function signOut(): Promise<void> {
	return asAuth(async () => (await auth()).signOut());
}

/** Deletes the account on the server, then keeps or erases this device's copy. */
export async function deleteAccount(options: { eraseDevice: boolean }): Promise<void> {
	const { deleteAccount } = await import('$lib/auth/account');
	await deleteAccount(options);
}
