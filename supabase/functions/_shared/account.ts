/**
 * `POST /curator/account/delete`: the caller deletes their own account.
 *
 * The caller is checked with the curator's own token check (auth.ts), so only a live session's
 * `sub` is ever deleted — never an id from the body. Then Auth's admin API deletes that user
 * (`DELETE ${SUPABASE_URL}/auth/v1/admin/users/<id>`, service role key as apikey and bearer).
 * Every synced table references auth.users with `on delete cascade`, so the listener's rows go
 * in the same transaction as the user: the delete either happens whole or not at all. Auth
 * answering 404 `user_not_found` means an earlier attempt already succeeded, so a retry after
 * a lost answer reports success instead of an error the listener cannot get past.
 */
import { authConfigured, type CuratorConfig } from './config.ts';
import type { CuratorDeps } from './deps.ts';
import { CuratorError, errorResponse, invalidInput, jsonResponse } from './errors.ts';
import { readJsonBody } from './body.ts';

/** What the listener types (or the app sends once they have) to confirm. */
export const DELETE_CONFIRMATION = 'DELETE';
const ADMIN_TIMEOUT_MS = 10_000;

export interface AccountDeleted {
	deleted: true;
	userId: string;
}

const NOTHING_DELETED = 'Nothing was deleted.';

function notConfigured(): CuratorError {
	return new CuratorError(
		'INTERNAL',
		`Deleting accounts is not set up on this server (it needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY). ${NOTHING_DELETED}`
	);
}

function authDown(cause: unknown): CuratorError {
	return new CuratorError(
		'UPSTREAM_UNAVAILABLE',
		`Your account could not be deleted just now: Supabase Auth did not answer. ${NOTHING_DELETED} Please try again in a moment.`,
		{ cause }
	);
}

/** Deletes the Auth user `id` with the service role key; an unknown id counts as done. */
export async function deleteAuthUser(
	config: Pick<CuratorConfig, 'supabaseUrl' | 'supabaseServiceRoleKey'>,
	id: string
): Promise<void> {
	const key = config.supabaseServiceRoleKey;
	if (!config.supabaseUrl || !key) throw notConfigured();
	let response: Response;
	try {
		response = await fetch(
			`${config.supabaseUrl}/auth/v1/admin/users/${encodeURIComponent(id)}`,
			{
				method: 'DELETE',
				headers: { apikey: key, authorization: `Bearer ${key}` },
				signal: AbortSignal.timeout(ADMIN_TIMEOUT_MS)
			}
		);
	} catch (error) {
		throw authDown(error);
	}
	const body = (await response.json().catch(() => null)) as
		| { code?: unknown; error_code?: unknown }
		| null;
	if (response.ok) return;
	const code = body?.error_code ?? body?.code;
	if (response.status === 404 && code === 'user_not_found') return;
	if (response.status === 401 || response.status === 403) {
		// The service role key was refused: an operator's problem, not the listener's.
		throw new CuratorError(
			'INTERNAL',
			`Deleting accounts is misconfigured on this server (Auth refused its service key). ${NOTHING_DELETED}`
		);
	}
	throw authDown(new Error(`Supabase Auth answered ${response.status}`));
}

export async function handleAccountDelete(
	request: Request,
	deps: CuratorDeps,
	cors: Headers
): Promise<Response> {
	try {
		if (!authConfigured(deps.config)) {
			throw new CuratorError(
				'UNAUTHORIZED',
				`Sign-in is switched off on this server, so there is no account to delete. ${NOTHING_DELETED}`
			);
		}
		const userId = await deps.auth.userId(request);
		const { value } = await readJsonBody(request, deps.config.maxBodyBytes);
		const confirm = (value as { confirm?: unknown } | null)?.confirm;
		if (confirm !== DELETE_CONFIRMATION) {
			throw invalidInput({ confirm: `must be "${DELETE_CONFIRMATION}"` });
		}
		await deleteAuthUser(deps.config, userId);
		console.log(JSON.stringify({ level: 'info', msg: 'account deleted', userId }));
		return jsonResponse({ deleted: true, userId } satisfies AccountDeleted, cors);
	} catch (error) {
		return errorResponse(error, cors);
	}
}
