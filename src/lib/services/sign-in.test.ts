/**
 * Deleting the account as this device settles it: the account through the local Supabase
 * stand-in, the journeys in a real (in-memory) IndexedDB. Only a failed deletion is tested
 * here (the curator function runs under Deno; the browser spec account-delete covers the
 * deletion itself): whatever the listener chose, a deletion that did not happen changes
 * nothing on this device.
 */
import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startStandin } from '../../../tests/unit/int-harness';
import { CartographerDB, db, useDatabase } from '$lib/db/schema';
import { createJourney, listJourneys } from '$lib/db/journeys';
import { handleError } from '$lib/errors';

const cfg = vi.hoisted(() => ({ supabaseUrl: '', anonKey: '', curatorBase: '' }));
vi.mock('$lib/config', () => ({
	config: cfg,
	curatorUrl: (route: string) => `${cfg.curatorBase}/${route}`
}));

let server: Awaited<ReturnType<typeof startStandin>>;

/** A local port nothing listens on: the curator is out of reach. */
async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
	const { port } = probe.address() as { port: number };
	await new Promise((r) => probe.close(r));
	return port;
}

beforeAll(async () => {
	server = await startStandin();
	cfg.supabaseUrl = server.url;
	cfg.anonKey = server.anonKey;
	cfg.curatorBase = `http://127.0.0.1:${await closedPort()}/functions/v1/curator`;
	// supabase-js builds a Realtime client it never uses here; Node 20 has no WebSocket.
	if (!('WebSocket' in globalThis)) vi.stubGlobal('WebSocket', class {});
}, 60_000);

afterAll(async () => {
	vi.unstubAllGlobals();
	await server?.stop();
});

beforeEach(() => {
	useDatabase(new CartographerDB(`test-${crypto.randomUUID()}`));
});

describe('deleting the account, as this device sees it', () => {
	it('nobody signed in: says so, and the journeys stay', async () => {
		const { deleteAccount } = await import('./sign-in');
		const id = await createJourney([{ name: 'Can' }]);
		const error = await deleteAccount({ eraseDevice: true }).catch((e: unknown) => e);
		expect(handleError(error)).toEqual({
			title: 'The account was not deleted',
			body: 'Sign in first: there is no account to delete here.',
			retry: true
		});
		expect((await listJourneys()).map((j) => j.row.id)).toEqual([id]);
	}, 30_000);

	it('the server out of reach: nothing is erased, the listener stays signed in', async () => {
		const signIn = await import('./sign-in');
		const auth = await import('$lib/auth/client');
		const email = `stays-${crypto.randomUUID().slice(0, 8)}@example.test`;
		await signIn.createAccount(email, 'correct horse battery', false);
		const id = await createJourney([{ name: 'Neu!' }]);

		const error = await signIn.deleteAccount({ eraseDevice: true }).catch((e: unknown) => e);
		expect(handleError(error)?.body).toBe(
			'The server could not be reached, so nothing was deleted. Try again when you are online.'
		);
		expect((await listJourneys()).map((j) => j.row.id)).toEqual([id]);
		expect((await auth.currentSession())?.user.email).toBe(email);
		// No "account deleted" notice waits for the next screen.
		expect(await db().syncState.get('status')).toBeUndefined();
		await signIn.signOut();
	}, 30_000);
});
