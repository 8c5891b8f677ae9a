/**
 * Integration-test harness: the local Supabase stand-in (scripts/standin) in-process on a
 * free port with an in-memory database, and "devices" — each its own Dexie database and
 * supabase-js auth client — driven through the real engine. Test-only: nothing in the app
 * imports this file.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import { CartographerDB, useDatabase } from '$lib/db/schema';
import { syncOnce, type Owner, type SyncOptions } from '$lib/sync/engine';
import { pinnedTransport, type SyncTransport } from '$lib/sync/transport';

interface Standin {
	url: string;
	anonKey: string;
	stop(): Promise<void>;
}

type StartStandin = (o: {
	port: number;
	dataDir: string;
	quiet: boolean;
	jwtExp?: number;
}) => Promise<Standin>;

/** `jwtExp`: access-token lifetime in seconds (short, to test expiry). */
export async function startStandin(options: { jwtExp?: number } = {}): Promise<Standin> {
	// A path in a variable: the stand-in is plain JS outside src/, loaded only by tests.
	const path = '../../scripts/standin/index.mjs';
	const mod = (await import(/* @vite-ignore */ path)) as { startStandin: StartStandin };
	return mod.startStandin({ port: 0, dataDir: ':memory:', quiet: true, ...options });
}

/**
 * supabase-js builds a Realtime client even when unused; Node 20 has no WebSocket, so tests
 * give it an inert one (sync never uses Realtime).
 */
class NoWebSocket {
	constructor() {
		throw new Error('Realtime is not used by these tests');
	}
}

const createTestClient: typeof createClient = (url, key, options) =>
	createClient(url, key, {
		...options,
		realtime: { transport: NoWebSocket as never }
	});

export class Device {
	readonly auth: SupabaseClient;
	user: Owner | undefined;
	transport: SyncTransport | undefined;

	constructor(
		readonly server: Standin,
		public db: CartographerDB = new CartographerDB(`test-${crypto.randomUUID()}`)
	) {
		this.auth = createTestClient(server.url, server.anonKey, {
			auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }
		});
	}

	private bind(userId: string, email?: string): void {
		this.user = { userId, email };
		this.transport = pinnedTransport(
			createTestClient,
			this.server.url,
			this.server.anonKey,
			this.auth.auth,
			userId
		);
	}

	async signUp(email: string, password = 'correct horse battery'): Promise<string> {
		const { data, error } = await this.auth.auth.signUp({ email, password });
		if (error || !data.user) throw error ?? new Error('no user');
		this.bind(data.user.id, email);
		return data.user.id;
	}

	async signIn(email: string, password = 'correct horse battery'): Promise<string> {
		const { data, error } = await this.auth.auth.signInWithPassword({ email, password });
		if (error || !data.user) throw error ?? new Error('no user');
		this.bind(data.user.id, email);
		return data.user.id;
	}

	/** Makes this device's database the one `db()` returns (for the app's write functions). */
	use(): this {
		useDatabase(this.db);
		return this;
	}

	sync(opts?: SyncOptions, transport?: SyncTransport) {
		if (!this.user || !this.transport) throw new Error('device not signed in');
		return syncOnce(this.db, transport ?? this.transport, this.user, opts);
	}

	/** The same device after a reload: a new connection to the same IndexedDB database. */
	reload(): this {
		const name = this.db.name;
		this.db.close();
		this.db = new CartographerDB(name);
		return this;
	}
}

/** A transport whose answer to the next push is lost after the server applied it. */
export function losingResponses(inner: SyncTransport, times = 1): SyncTransport {
	let left = times;
	return {
		async push(ops) {
			const results = await inner.push(ops);
			if (left-- > 0) throw new Error('network dropped (response lost)');
			return results;
		},
		pull: (since, lim) => inner.pull(since, lim)
	};
}

export function uniqueEmail(tag: string): string {
	return `${tag}-${crypto.randomUUID().slice(0, 8)}@example.test`;
}
