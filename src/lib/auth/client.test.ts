/**
 * The auth module against the local Supabase stand-in (in-process, in-memory).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStandin } from '../../../tests/unit/int-harness';

const cfg = vi.hoisted(() => ({ supabaseUrl: '', anonKey: '' }));
vi.mock('$lib/config', () => ({ config: cfg }));

let server: Awaited<ReturnType<typeof startStandin>>;

beforeAll(async () => {
	server = await startStandin();
	cfg.supabaseUrl = server.url;
	cfg.anonKey = server.anonKey;
	// supabase-js builds a Realtime client it never uses here; Node 20 has no WebSocket.
	if (!('WebSocket' in globalThis)) vi.stubGlobal('WebSocket', class {});
}, 60_000);

afterAll(async () => {
	vi.unstubAllGlobals();
	await server?.stop();
});

describe('accounts through supabase-js', () => {
	it('gives an access token, signing in anonymously first; an upgrade keeps the user id', async () => {
		const auth = await import('./client');
		const token = await auth.accessToken();
		expect(token.split('.')).toHaveLength(3);
		const anon = (await auth.currentSession())!.user;
		expect(anon.is_anonymous).toBe(true);
		expect(auth.isAccount(anon)).toBe(false);
		expect(await auth.accessToken()).toBe(token); // same session, no second sign-in

		const email = `upgrade-${crypto.randomUUID().slice(0, 8)}@example.test`;
		const { user, confirmed } = await auth.signUp(email, 'correct horse battery');
		expect(confirmed).toBe(true);
		expect(user.id).toBe(anon.id);
		expect(user.email).toBe(email);
		const now = (await auth.currentSession())!.user;
		expect(now.id).toBe(anon.id);
		expect(auth.isAccount(now)).toBe(true);

		await auth.signOut();
		expect(await auth.currentSession()).toBeNull();
		const again = await auth.signInWithPassword(email, 'correct horse battery');
		expect(again.id).toBe(anon.id);
		await auth.signOut();
	}, 30_000);

	it('turns a wrong password into words the listener understands', async () => {
		const auth = await import('./client');
		const { describeAuthFailure } = await import('./errors');
		const error = await auth
			.signInWithPassword('nobody@example.test', 'wrong password!')
			.catch((e: unknown) => e);
		expect(error).toMatchObject({ code: 'INVALID_CREDENTIALS' });
		expect(describeAuthFailure(error)).toMatch(/do not match an account/);
	}, 30_000);

	it('sends a magic link', async () => {
		const auth = await import('./client');
		const email = `link-${crypto.randomUUID().slice(0, 8)}@example.test`;
		await auth.sendMagicLink(email);
		const res = await fetch(
			`${server.url}/__standin/last-magic-link?email=${encodeURIComponent(email)}`
		);
		expect(res.status).toBe(200);
	}, 30_000);

	// Last: it stops the server.
	it('signing out while the server cannot be reached still signs out on this device', async () => {
		const auth = await import('./client');
		const email = `away-${crypto.randomUUID().slice(0, 8)}@example.test`;
		await auth.signUp(email, 'correct horse battery');
		const seen: (string | null)[] = [];
		const stop = await auth.watchUser((user) => seen.push(user?.email ?? null));
		await vi.waitFor(() => expect(seen.at(-1)).toBe(email));

		await server.stop(); // as good as offline
		await auth.signOut();
		expect(await auth.currentSession()).toBeNull();
		expect(seen.at(-1)).toBeNull();
		stop();
	}, 30_000);
});
