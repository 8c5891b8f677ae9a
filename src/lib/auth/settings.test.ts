/**
 * The auth module and the curator client against stand-ins set up like real projects with
 * other Auth settings (config.toml): anonymous sign-ins off, email confirmations on.
 */
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const cfg = vi.hoisted(() => ({ supabaseUrl: '', anonKey: '' }));
vi.mock('$lib/config', () => ({
	config: cfg,
	curatorUrl: (route: string) => `${cfg.supabaseUrl}/functions/v1/curator/${route}`
}));

interface Standin {
	url: string;
	anonKey: string;
	lastLink(email: string): { link: string; type: string } | null;
	stop(): Promise<void>;
}

/** A stand-in whose config.toml is the repository's with some lines replaced. */
async function standinWith(replace: Record<string, string>): Promise<Standin> {
	let text = readFileSync('supabase/config.toml', 'utf8');
	for (const [key, value] of Object.entries(replace)) {
		const line = new RegExp(`^${key} = .*$`, 'm');
		expect(text).toMatch(line);
		text = text.replace(line, `${key} = ${value}`);
	}
	const config = join(mkdtempSync(join(tmpdir(), 'auth-settings-')), 'config.toml');
	writeFileSync(config, text);
	// A path in a variable: the stand-in is plain JS outside src/, loaded only by tests.
	const path = '../../../scripts/standin/index.mjs';
	const mod = (await import(/* @vite-ignore */ path)) as {
		startStandin(o: object): Promise<Standin>;
	};
	return mod.startStandin({ port: 0, dataDir: ':memory:', quiet: true, config });
}

/** Fresh app modules (one supabase-js client each) pointed at a stand-in. */
async function appFor(server: Standin) {
	vi.resetModules();
	cfg.supabaseUrl = server.url;
	cfg.anonKey = server.anonKey;
	return {
		auth: await import('./client'),
		errors: await import('./errors'),
		curator: (await import('$lib/curator/client')).curator,
		appErrors: await import('$lib/errors')
	};
}

const address = () => `s-${crypto.randomUUID().slice(0, 8)}@example.test`;

beforeAll(() => {
	// supabase-js builds a Realtime client it never uses here; Node 20 has no WebSocket.
	if (!('WebSocket' in globalThis)) vi.stubGlobal('WebSocket', class {});
});
afterAll(() => vi.unstubAllGlobals());

describe('a server without anonymous sign-ins', () => {
	let server: Standin;
	beforeAll(async () => {
		server = await standinWith({ enable_anonymous_sign_ins: 'false' });
	}, 60_000);
	afterAll(() => server?.stop());

	it('an AI step says that the curator needs an account, not that something unknown failed', async () => {
		const { auth, errors, curator, appErrors } = await appFor(server);
		const tokenError = await auth.accessToken().catch((e: unknown) => e);
		expect(tokenError).toMatchObject({ code: 'ANONYMOUS_DISABLED' });
		expect(errors.describeAuthFailure(tokenError)).toMatch(
			/does not allow using the AI curator without an account: create one or sign in on the Account page/
		);

		const stepError = await curator
			.portrait({ artists: [{ name: 'Can' }] } as never)
			.catch((e: unknown) => e);
		const shown = appErrors.describeError(stepError);
		expect(shown.title).toBe('Sign in to use the curator');
		expect(shown.body).toMatch(/without an account/);
		expect(shown.retry).toBe(false);
	}, 30_000);

	it('after signing in, the curator gets the account’s token', async () => {
		const { auth } = await appFor(server);
		const mail = address();
		const { confirmed } = await auth.signUp(mail, 'correct horse battery');
		expect(confirmed).toBe(true);
		const token = await auth.accessToken();
		const claims = JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
		expect(claims).toMatchObject({ email: mail, is_anonymous: false });
	}, 30_000);
});

describe('a server with email confirmations on', () => {
	let server: Standin;
	beforeAll(async () => {
		server = await standinWith({ enable_confirmations: 'true' });
	}, 60_000);
	afterAll(() => server?.stop());

	it('sign-up asks to check the email, for a new address and for one that already has an account', async () => {
		const { auth, errors } = await appFor(server);
		const mail = address();
		const first = await auth.signUp(mail, 'correct horse battery');
		expect(first.confirmed).toBe(false);
		const notice = errors.describeSignUp(first, mail, false);
		expect(notice).toMatch(/^Check your email to confirm/);
		expect(notice).not.toMatch(/Account created/);

		const early = await auth
			.signInWithPassword(mail, 'correct horse battery')
			.catch((e: unknown) => e);
		expect(early).toMatchObject({ code: 'NOT_CONFIRMED' });
		expect(errors.describeAuthFailure(early)).toMatch(/Confirm your email address first/);

		// Confirm, then sign up again with the same address: real Auth answers as for a new one.
		await fetch(server.lastLink(mail)!.link, { redirect: 'manual' });
		const again = await auth.signUp(mail, 'another long password');
		expect(again.confirmed).toBe(false);
		expect(errors.describeSignUp(again, mail, false)).toBe(notice);
	}, 30_000);

	it('an anonymous listener creating an account is asked to confirm, and keeps its id after the link', async () => {
		const { auth, errors } = await appFor(server);
		await auth.accessToken();
		const anon = (await auth.currentSession())!.user;
		const mail = address();
		const result = await auth.signUp(mail, 'correct horse battery');
		expect(result.confirmed).toBe(false);
		expect(result.user.id).toBe(anon.id);
		expect(errors.describeSignUp(result, mail, true)).toMatch(/^Check your email to confirm/);

		const link = server.lastLink(mail)!;
		expect(link.type).toBe('email_change');
		await fetch(link.link, { redirect: 'manual' });
		await auth.signOut();
		const user = await auth.signInWithPassword(mail, 'correct horse battery');
		expect(user.id).toBe(anon.id);
		expect(auth.isAccount(user)).toBe(true);
	}, 30_000);
});
