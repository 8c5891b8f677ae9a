/**
 * Deleting the listener's account, and noticing that another device did.
 *
 * The server side is the curator's `POST /account/delete` (supabase/functions/_shared/account.ts):
 * it re-checks the caller's token and deletes that Auth user; every synced row goes with it
 * (`on delete cascade`). This device then signs out, and keeps or erases its own copy as the
 * listener chose. Another device learns of it at its next sync pass: Auth answers
 * `user_not_found` for a token whose user is gone (GoTrue checks the user before the session),
 * which supabase-js reports without ending the session, so the sync engine ends it here, with
 * the listener's journeys kept.
 */
import { config, curatorUrl } from '$lib/config';
import { AppError } from '$lib/errors';
import { db } from '$lib/db/schema';
import { settleDeletedAccount } from '$lib/sync/sync-pass';
import { signOut, supabase } from './client';
import { DELETE_WORD } from './confirm';

export type AccountDeleteCode = 'NOT_SIGNED_IN' | 'UNREACHABLE' | 'REFUSED';

/** Its message is already in the listener's words ($lib/errors shows it as it is). */
export class AccountDeleteFailure extends AppError<AccountDeleteCode> {
	override name = 'AccountDeleteFailure';
}

/**
 * Deletes the signed-in account on the server, ends the session on this device, then erases
 * or keeps this device's copy (`eraseDevice`). Throws AccountDeleteFailure in the listener's
 * words; nothing is deleted then, here or on the server.
 */
export async function deleteAccount({ eraseDevice }: { eraseDevice: boolean }): Promise<void> {
	const c = await supabase();
	const { data } = await c.auth.getSession();
	const token = data.session?.access_token;
	if (!token)
		throw new AccountDeleteFailure(
			'NOT_SIGNED_IN',
			'Sign in first: there is no account to delete here.'
		);
	let res: Response;
	try {
		res = await fetch(curatorUrl('account/delete'), {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				apikey: config.anonKey,
				authorization: `Bearer ${token}`
			},
			body: JSON.stringify({ confirm: DELETE_WORD })
		});
	} catch {
		throw new AccountDeleteFailure(
			'UNREACHABLE',
			'The server could not be reached, so nothing was deleted. Try again when you are online.'
		);
	}
	if (!res.ok) {
		const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
		throw new AccountDeleteFailure(
			'REFUSED',
			body?.error?.message ??
				`The account could not be deleted (the server answered ${res.status}).`
		);
	}
	// The status is written before signing out, so the sync engine (which reacts to the
	// sign-out) keeps it. The account is gone whatever happens next: a session left behind is
	// ended by the next sync pass (the engine asks Auth), so a failed sign-out is not an error.
	await settleDeletedAccount(db(), eraseDevice);
	await signOut().catch(() => undefined);
}

/**
 * Whether Auth says the signed-in account no longer exists. False when it exists, when
 * nobody is signed in, or when Auth cannot be asked (offline): only a clear answer counts.
 */
export async function accountDeletedElsewhere(): Promise<boolean> {
	const c = await supabase();
	const { data } = await c.auth.getSession();
	if (!data.session) return false;
	const { error } = await c.auth.getUser();
	return error?.code === 'user_not_found';
}
