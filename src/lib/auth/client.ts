/**
 * The app's Supabase client and everything account-related.
 *
 * supabase-js is loaded on first use with a dynamic import, so it is never part of the first
 * page's bundle: a listener who never signs in never downloads it. `hasStoredSession()`
 * answers "was an account signed in here?" from localStorage without loading it.
 *
 * Nothing in this module deletes local data. Signing out ends the session on this device
 * only (scope 'local', works offline); the listener's journeys stay, and their unsynced
 * changes stay in the outbox until the same account signs in again (src/lib/sync/engine.ts
 * holds the queue if another account signs in). A failed token refresh likewise only ends
 * syncing until the listener signs in again.
 */
import type { Session, SupabaseClient, User } from '@supabase/supabase-js';
import { config } from '$lib/config';
import { AuthFailure, toAuthFailure } from './errors';

/** Where supabase-js keeps the session (fixed, so it can be checked without loading it). */
export const AUTH_STORAGE_KEY = 'sonic-cartographer-auth';

let clientPromise: Promise<SupabaseClient> | undefined;

interface SessionStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

/** Where the session is kept: localStorage, or memory where there is none (tests). */
function sessionStore(): SessionStore {
	try {
		if (typeof window !== 'undefined' && window.localStorage) return window.localStorage;
	} catch {
		// storage blocked: keep the session in memory
	}
	const items = new Map<string, string>();
	return {
		getItem: (k) => items.get(k) ?? null,
		setItem: (k, v) => void items.set(k, v),
		removeItem: (k) => void items.delete(k)
	};
}
const storage = sessionStore();

/** Everyone watching the user (watchUser), told of a sign-out supabase-js could not finish. */
const watchers = new Set<(user: User | null) => void>();

/** The app's one supabase-js client (loaded and created on first call). */
export function supabase(): Promise<SupabaseClient> {
	clientPromise ??= import('@supabase/supabase-js').then(({ createClient }) =>
		createClient(config.supabaseUrl, config.anonKey, {
			auth: {
				storageKey: AUTH_STORAGE_KEY,
				storage,
				persistSession: true,
				autoRefreshToken: true,
				detectSessionInUrl: true
			}
		})
	);
	return clientPromise;
}

/** createClient itself, for the sync transport (same lazily loaded chunk). */
export async function loadCreateClient() {
	return (await import('@supabase/supabase-js')).createClient;
}

/**
 * Whether an account's session was stored here (an anonymous one, kept only for the curator's
 * token, does not count: nothing syncs for it), or the URL carries one (magic link / OAuth
 * return). A stored session that cannot be read counts, so sync is never skipped by mistake.
 */
export function hasStoredSession(): boolean {
	if (typeof window === 'undefined') return false;
	try {
		const stored = window.localStorage.getItem(AUTH_STORAGE_KEY);
		if (stored && !isAnonymousSession(stored)) return true;
	} catch {
		// storage blocked: fall through
	}
	const { hash, search } = window.location;
	return /access_token=|error_description=/.test(hash) || /[?&]code=/.test(search);
}

function isAnonymousSession(stored: string): boolean {
	try {
		return (
			(JSON.parse(stored) as { user?: { is_anonymous?: boolean } }).user?.is_anonymous === true
		);
	} catch {
		return false;
	}
}

export async function currentSession(): Promise<Session | null> {
	const c = await supabase();
	const { data } = await c.auth.getSession();
	return data.session;
}

/** A real (not anonymous) account is signed in. */
export function isAccount(user: User | null | undefined): user is User {
	return !!user && !user.is_anonymous;
}

/**
 * The current session's access token, for calls that need a user JWT (the curator
 * function). Signs in anonymously first when there is no session: the listener needs no
 * account, and the anonymous user can later be upgraded to a real one keeping its id.
 */
export async function accessToken(): Promise<string> {
	const c = await supabase();
	const { data, error } = await c.auth.getSession();
	if (data.session) return data.session.access_token;
	if (error) throw toAuthFailure(error);
	const anon = await c.auth.signInAnonymously();
	if (anon.error || !anon.data.session) {
		throw toAuthFailure(anon.error ?? new Error('no session after anonymous sign-in'));
	}
	return anon.data.session.access_token;
}

function redirectTo(): string | undefined {
	return typeof window === 'undefined' ? undefined : `${window.location.origin}/account`;
}

/**
 * Creates an account. When an anonymous session exists, it is upgraded in place
 * (updateUser), so the user id — and everything made under it — is kept. `confirmed` is
 * false when the project requires the listener to confirm the email address first.
 */
export async function signUp(
	email: string,
	password: string
): Promise<{ user: User; confirmed: boolean }> {
	const c = await supabase();
	const { data: s } = await c.auth.getSession();
	if (s.session?.user.is_anonymous) {
		const { data, error } = await c.auth.updateUser(
			{ email, password },
			{ emailRedirectTo: redirectTo() }
		);
		if (error || !data.user) throw toAuthFailure(error);
		return { user: data.user, confirmed: !data.user.new_email };
	}
	const { data, error } = await c.auth.signUp({
		email,
		password,
		options: { emailRedirectTo: redirectTo() }
	});
	if (error || !data.user) throw toAuthFailure(error);
	return { user: data.user, confirmed: !!data.session };
}

export async function signInWithPassword(email: string, password: string): Promise<User> {
	const c = await supabase();
	const { data, error } = await c.auth.signInWithPassword({ email, password });
	if (error || !data.user) throw toAuthFailure(error);
	return data.user;
}

/** Emails a sign-in link that returns to the account page. */
export async function sendMagicLink(email: string): Promise<void> {
	const c = await supabase();
	const { error } = await c.auth.signInWithOtp({
		email,
		options: { emailRedirectTo: redirectTo(), shouldCreateUser: true }
	});
	if (error) throw toAuthFailure(error);
}

/**
 * Whether the project offers Google sign-in, from Auth's public settings (a hosted project
 * where the provider is on). The local stand-in has no Google, and an answer that does not
 * come (offline) counts as no: the button is only shown when it can work.
 */
export async function googleSignInOffered(): Promise<boolean> {
	try {
		const res = await fetch(`${config.supabaseUrl}/auth/v1/settings`, {
			headers: { apikey: config.anonKey }
		});
		if (!res.ok) return false;
		const settings = (await res.json()) as { external?: { google?: boolean } };
		return settings.external?.google === true;
	} catch {
		return false;
	}
}

/** Leaves for Google's sign-in page; the session is picked up on return to /account. */
export async function signInWithGoogle(): Promise<void> {
	const c = await supabase();
	const { error } = await c.auth.signInWithOAuth({
		provider: 'google',
		options: { redirectTo: redirectTo() }
	});
	if (error) throw toAuthFailure(error);
}

/**
 * Ends the session on this device. Never deletes local data. Works offline: signing out
 * on this device needs no server, which is only told so the session ends there too.
 */
export async function signOut(): Promise<void> {
	const c = await supabase();
	const { error } = await c.auth.signOut({ scope: 'local' });
	if (!error) return;
	const { data } = await c.auth.getSession();
	if (!data.session) return; // the server could not be told, but this device is signed out
	const failure = toAuthFailure(error);
	if (failure.code !== 'OFFLINE') throw failure;
	// Some supabase-js versions keep the session when the server cannot be reached: drop it
	// here and tell the watchers (the server is not told; its session stays until revoked).
	for (const suffix of ['', '-user', '-code-verifier'])
		storage.removeItem(AUTH_STORAGE_KEY + suffix);
	for (const watcher of watchers) watcher(null);
}

/** Calls `listener` with the user now and on every change; returns unsubscribe. */
export async function watchUser(listener: (user: User | null) => void): Promise<() => void> {
	const c = await supabase();
	watchers.add(listener);
	const { data } = c.auth.onAuthStateChange((_event, session) => {
		listener(session?.user ?? null);
	});
	return () => {
		watchers.delete(listener);
		data.subscription.unsubscribe();
	};
}

export { AuthFailure };
