/**
 * Sync state for the UI, in every tab: unsynced changes, last sync, rejected changes, the
 * signed-in user and the engine's phase. Everything but the user is read from Dexie with
 * liveQuery, so tabs that do not sync (another tab holds the lock) show the same thing.
 * Reading this never loads supabase-js.
 */
import { liveQuery } from 'dexie';
import type { User } from '@supabase/supabase-js';
import { db, dbVersionState } from '$lib/db/schema';
import { KEYS, type Owner, type SyncStatusValue } from './engine';
import { summarise, type RejectedChange } from './outbox';

export interface SignedInUser {
	id: string;
	email?: string;
	anonymous: boolean;
}

const TABLE_WORDS: Record<string, string> = {
	sessions: 'a journey',
	portraits: 'a listener portrait',
	conversations: 'an interview',
	messages: 'an interview answer',
	recommendationSets: 'a set of recommendations',
	albumFeedback: 'an album rating or note',
	analyses: 'an analysis of your ratings'
};

const REASON_WORDS: Record<string, string> = {
	invalid_value: 'the server found a value it cannot store',
	missing_field: 'a required detail is missing',
	unknown_column: 'this version of the app sent a detail the server does not know',
	unknown_table: 'the server does not know this kind of record',
	immutable: 'it changes something that cannot change once saved',
	append_only: 'it edits an interview message, which cannot change once saved',
	forbidden: 'it belongs to another account',
	wrong_user: 'it was made under another account',
	invalid_row: 'the record is malformed',
	invalid_op: 'the change is malformed',
	missing_row: 'the record is no longer on this device',
	error: 'the server could not store it'
};

/** A rejected change in the listener's words. */
export function describeRejected(r: RejectedChange): { what: string; why: string } {
	return {
		what: TABLE_WORDS[r.table] ?? r.table,
		why: REASON_WORDS[r.reason] ?? r.reason
	};
}

export class SyncStatus {
	unsynced = $state(0);
	rejected = $state.raw<RejectedChange[]>([]);
	lastSyncAt = $state<number | undefined>(undefined);
	status = $state.raw<SyncStatusValue | undefined>(undefined);
	owner = $state.raw<Owner | undefined>(undefined);
	user = $state.raw<SignedInUser | null>(null);
	/** Another tab opened a newer version of the app: this tab must reload. */
	newerVersionOpened = $state(dbVersionState.newerVersionOpened);
	private started = false;

	/** Subscribes to the database (idempotent). */
	start(): void {
		if (this.started || typeof indexedDB === 'undefined') return;
		this.started = true;
		dbVersionState.listeners.add(() => (this.newerVersionOpened = true));
		liveQuery(() => summarise(db())).subscribe({
			next: (s) => {
				this.unsynced = s.unsynced;
				this.rejected = s.rejected;
			},
			error: () => undefined
		});
		liveQuery(() => db().syncState.bulkGet([KEYS.lastSyncAt, KEYS.status, KEYS.owner])).subscribe({
			next: ([last, status, owner]) => {
				this.lastSyncAt = last?.value as number | undefined;
				this.status = status?.value as SyncStatusValue | undefined;
				this.owner = owner?.value as Owner | undefined;
			},
			error: () => undefined
		});
	}

	setUser(user: User | null): void {
		this.user = user ? { id: user.id, email: user.email, anonymous: !!user.is_anonymous } : null;
	}

	/** Signed in with a real account (anonymous sessions do not sync). */
	get signedIn(): boolean {
		return !!this.user && !this.user.anonymous;
	}

	/** This device's data belongs to another account than the one signed in. */
	get otherOwner(): Owner | undefined {
		if (!this.signedIn || !this.owner) return undefined;
		return this.owner.userId === this.user!.id ? undefined : this.owner;
	}

	/** One sentence for the header/account page. */
	get message(): string {
		if (!this.signedIn) {
			return this.user?.anonymous || !this.user
				? 'Saved on this device only. Sign in to keep your journeys on all your devices.'
				: '';
		}
		if (this.otherOwner) {
			return `This device holds data from another account (${this.otherOwner.email ?? 'signed out'}). Syncing is paused until you choose what to do.`;
		}
		const s = this.status;
		if (s?.phase === 'syncing') return 'Syncing…';
		if (s?.phase === 'error') {
			switch (s.reason) {
				case 'offline':
					return 'Offline — your changes are saved here and will sync when you reconnect.';
				case 'signed_out':
				case 'unauthorized':
					return 'Your sign-in has expired. Sign in again to sync; nothing on this device is lost.';
				case 'user_changed':
					return 'Another account signed in. Syncing is paused.';
				default:
					return `Sync failed (${s.message ?? 'server error'}). It will try again shortly.`;
			}
		}
		if (this.unsynced > 0) {
			return `${this.unsynced} ${this.unsynced === 1 ? 'change' : 'changes'} waiting to sync.`;
		}
		return 'Everything is synced.';
	}
}

export const syncStatus = new SyncStatus();
