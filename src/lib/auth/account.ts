/**
 * Deleting the listener's account, and noticing that another device did.
 *
 * The server side is the curator's `POST /account/delete` (supabase/functions/_shared/account.ts):
 * it re-checks the caller's token and deletes that Auth user; every synced row goes with it
 * (`on delete cascade`). Settling this device afterwards (keeping or erasing its copy, signing
 * out) is the account service's job ($lib/services/sign-in): auth sits below storage and sync
 * and never reaches up to them. Another device learns of it at its next sync pass: Auth
 * answers `user_not_found` for a token whose user is gone (GoTrue checks the user before the
 * session), which supabase-js reports without ending the session, so the sync engine ends it
 * there, with the listener's journeys kept.
 */
import { config, curatorUrl } from '$lib/config';
import { AppError } from '$lib/errors/base';
import { supabase } from './client';
import { DELETE_WORD } from './confirm';

export type AccountDeleteCode = 'NOT_SIGNED_IN' | 'UNREACHABLE' | 'REFUSED';

/** Its message is already in the listener's words ($lib/errors shows it as it is). */
export class AccountDeleteFailure extends AppError<AccountDeleteCode> {
	override name = 'AccountDeleteFailure';
}

/**
 * Asks the server to delete the signed-in account. Resolves once it is gone; throws
 * AccountDeleteFailure in the listener's words otherwise, and then nothing was deleted.
 */
export async function requestAccountDeletion(): Promise<void> {
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
