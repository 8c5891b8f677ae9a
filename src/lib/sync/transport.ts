/**
 * The two server calls, behind a small seam: `sync_push` and `sync_pull` through
 * supabase-js RPC (PostgREST). The engine only knows this interface; tests drive it against
 * the local stand-in with real supabase-js clients.
 *
 * Failures are `SyncError`s with a SCREAMING_CASE `code`; sync-status turns them into the
 * listener's words. (A rejected op's reason is not one of these: it stays as the server sends
 * it, part of the sync contract.)
 * Function names and arguments are checked against the generated types
 * (src/lib/db/database.types.ts); both answer `jsonb`, so their shapes are checked here at
 * run time.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { AppError, isOffline } from '$lib/errors/base';
import type { Database } from '$lib/db/database.types';
import type { PulledRow } from './merge';
import type { PushOp, PushResult } from './outbox';

export type SyncErrorCode =
	'OFFLINE' | 'SIGNED_OUT' | 'USER_CHANGED' | 'UNAUTHORIZED' | 'SERVER' | 'BAD_RESPONSE';

export class SyncError extends AppError<SyncErrorCode> {
	override name = 'SyncError';
}

export interface PullPage {
	rows: PulledRow[];
	next: number;
	more: boolean;
}

export interface SyncTransport {
	push(ops: PushOp[]): Promise<PushResult[]>;
	pull(since: number, lim: number): Promise<PullPage>;
}

interface RpcError {
	message?: string;
	code?: string;
	details?: string;
	status?: number;
}

function classify(error: RpcError, status?: number): SyncError {
	if (error instanceof SyncError) return error;
	if (isOffline()) {
		return new SyncError('OFFLINE', 'You are offline');
	}
	const message = error.message ?? 'Sync failed';
	if (status === 401 || status === 403 || error.code === '28000' || error.code === 'PGRST301') {
		return new SyncError('UNAUTHORIZED', message);
	}
	if (!status || /fetch|network|ECONNREFUSED|Failed to/i.test(message)) {
		return new SyncError('OFFLINE', message);
	}
	return new SyncError('SERVER', message);
}

export type SyncClient = SupabaseClient<Database>;

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

function isPushResult(v: unknown): v is PushResult {
	return (
		isObject(v) &&
		typeof v.op_id === 'string' &&
		(v.status === 'applied' || v.status === 'duplicate' || v.status === 'rejected')
	);
}

function isPullPage(v: unknown): v is PullPage {
	return isObject(v) && Array.isArray(v.rows) && typeof v.next === 'number';
}

/**
 * A transport over a supabase-js client. `client` should be one whose every request
 * carries the token of the user the device's data belongs to (see engine's
 * `pinnedClient`), so nothing is ever pushed under another account.
 */
export function rpcTransport(client: SyncClient): SyncTransport {
	return {
		async push(ops) {
			let res;
			try {
				res = await client.rpc('sync_push', { ops });
			} catch (e) {
				throw classify(e as RpcError);
			}
			if (res.error) throw classify(res.error, res.status);
			const results: unknown = res.data;
			if (!Array.isArray(results) || !results.every(isPushResult)) {
				throw new SyncError('BAD_RESPONSE', 'sync_push: unexpected answer');
			}
			return results;
		},
		async pull(since, lim) {
			let res;
			try {
				res = await client.rpc('sync_pull', { since, lim });
			} catch (e) {
				throw classify(e as RpcError);
			}
			if (res.error) throw classify(res.error, res.status);
			const page: unknown = res.data;
			if (!isPullPage(page)) throw new SyncError('BAD_RESPONSE', 'sync_pull: unexpected answer');
			return page;
		}
	};
}

type CreateClient = typeof import('@supabase/supabase-js').createClient;
type Auth = SupabaseClient['auth'];

/**
 * A transport whose every request carries the access token of `userId` and no one else:
 * before each call, and in supabase-js's `accessToken` hook, the current session is checked
 * and the call refused (USER_CHANGED) if another account signed in meanwhile. supabase-js
 * still refreshes the token as usual (auth.getSession refreshes an expired one).
 */
export function pinnedTransport(
	createClient: CreateClient,
	url: string,
	anonKey: string,
	auth: Auth,
	userId: string
): SyncTransport {
	const token = async (): Promise<string> => {
		const { data, error } = await auth.getSession();
		const session = data.session;
		if (!session) {
			throw error
				? classify(error as RpcError)
				: new SyncError('SIGNED_OUT', 'Signed out: sign in again to sync');
		}
		if (session.user.id !== userId) {
			throw new SyncError('USER_CHANGED', 'Another account signed in; sync paused');
		}
		return session.access_token;
	};
	const client = createClient<Database>(url, anonKey, {
		accessToken: token,
		auth: { persistSession: false, autoRefreshToken: false }
	});
	const inner = rpcTransport(client);
	return {
		async push(ops) {
			await token();
			return inner.push(ops);
		},
		async pull(since, lim) {
			await token();
			return inner.pull(since, lim);
		}
	};
}
