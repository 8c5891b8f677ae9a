// Shared by the stand-in's tests: a supabase-js client for a running stand-in, and small row
// builders. Node 20 has no WebSocket and no test subscribes to realtime, so none is opened.
import { randomUUID } from 'node:crypto';
import { createClient } from '@supabase/supabase-js';

class NoWebSocket {
	constructor() {
		throw new Error('realtime is not served by the stand-in');
	}
}

/**
 * @param {{ url: string, anonKey: string }} standin
 * @param {object} [auth]
 * @param {object} [extra]
 */
export const clientFor = (standin, auth = {}, extra = {}) =>
	createClient(standin.url, standin.anonKey, {
		auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false, ...auth },
		realtime: { transport: /** @type {any} */ (NoWebSocket) },
		...extra
	});

export const email = () => `u-${randomUUID().slice(0, 8)}@example.test`;

export const sessionOp = (id = randomUUID()) => ({
	op_id: randomUUID(),
	table: 'sessions',
	row: { id, source: 'manual', artists: ['Can'] }
});
