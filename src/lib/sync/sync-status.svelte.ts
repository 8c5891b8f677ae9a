/**
 * Sync state for the UI, in every tab: unsynced changes, last sync, rejected changes, the
 * signed-in user and the engine's phase. Everything but the user is read from Dexie with
 * liveQuery, so tabs that do not sync (another tab holds the lock) show the same thing.
 * Reading this never loads supabase-js, nor Dexie: the subscriptions (sync-status-feed.ts)
 * load when start() is first called, so a screen can show the status without weighing on
 * the first page.
 */
import type { User } from '@supabase/supabase-js';
import type { CartographerDB } from '$lib/db/schema';
import { JOURNEY_PARTS, TABLES, type TableSpec } from '$lib/db/tables';
import { dbVersionState } from '$lib/db/device';
import type { SyncedTable } from '$lib/domain/types';
import type { Owner, SyncStatusValue } from './engine';
import type { RejectedChange } from './outbox';

export interface SignedInUser {
	id: string;
	email?: string;
	anonymous: boolean;
}

const REASON_WORDS: Record<string, string> = {
	invalid_value: 'the server found a value it cannot store',
	missing_field: 'a required detail is missing',
	too_large: 'it is too long for the server to keep',
	unknown_column: 'this version of the app sent a detail the server does not know',
	unknown_table: 'the server does not know this kind of record',
	immutable: 'it changes something that cannot change once saved',
	append_only: 'it edits a message in a conversation, which cannot change once saved',
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
		what: (TABLES[r.table] as TableSpec | undefined)?.word ?? r.table,
		why: REASON_WORDS[r.reason] ?? r.reason
	};
}

/** Rows with changes not yet pushed (rejected ones excluded), per table. */
export type PendingRows = Partial<Record<SyncedTable, number>>;

/** Reads only the outbox (fine inside a liveQuery); one row counts once however often it changed. */
export async function pendingRows(d: CartographerDB): Promise<PendingRows> {
	const rows: Partial<Record<SyncedTable, Record<string, true>>> = {};
	await d.outbox.each((e) => {
		if (!e.rejected) (rows[e.table] ??= {})[e.rowId] = true;
	});
	return Object.fromEntries(
		Object.entries(rows).map(([table, ids]) => [table, Object.keys(ids).length])
	);
}

/**
 * What the listener made that has not reached their account, in the units they know: ratings
 * (with their notes) and journeys. Every other synced row is part of a journey, and every
 * change to one also touches its journey row, so changed journeys are the pending journey
 * rows; a rating alone touches its journey too, which does not make it a journey change.
 */
export function unsyncedWork(pending: PendingRows): { journeys: number; ratings: number } {
	const ratings = pending.albumFeedback ?? 0;
	const parts = JOURNEY_PARTS.filter((t) => t !== 'albumFeedback').reduce(
		(n, t) => n + (pending[t] ?? 0),
		0
	);
	const rows = pending.journeys ?? 0;
	const journeys = parts > 0 ? Math.max(rows, 1) : ratings > 0 ? 0 : rows;
	return { journeys, ratings };
}

/** "1 journey and 3 ratings not yet on your account", or '' when nothing waits. */
export function describeUnsynced(pending: PendingRows): string {
	const { journeys, ratings } = unsyncedWork(pending);
	const parts = [
		journeys ? `${journeys} ${journeys === 1 ? 'journey' : 'journeys'}` : '',
		ratings ? `${ratings} ${ratings === 1 ? 'rating' : 'ratings'}` : ''
	].filter(Boolean);
	return parts.length ? `${parts.join(' and ')} not yet on your account` : '';
}

/** Shown on a device whose account was deleted elsewhere (it signed out at its next sync). */
export const ACCOUNT_DELETED =
	'This account was deleted on another device. Your journeys on this device are kept.';

export class SyncStatus {
	pending = $state.raw<PendingRows>({});
	rejected = $state.raw<RejectedChange[]>([]);
	lastSyncAt = $state<number | undefined>(undefined);
	status = $state.raw<SyncStatusValue | undefined>(undefined);
	owner = $state.raw<Owner | undefined>(undefined);
	user = $state.raw<SignedInUser | null>(null);
	/** Another tab opened a newer version of the app: this tab must reload. */
	newerVersionOpened = $state(dbVersionState.newerVersionOpened);
	private started = false;

	constructor() {
		dbVersionState.listeners.add(() => (this.newerVersionOpened = true));
	}

	/** Subscribes to the database (idempotent); Dexie and the outbox load now, not before. */
	start(): void {
		if (this.started || typeof indexedDB === 'undefined') return;
		this.started = true;
		void import('./sync-status-feed').then(({ feed }) => feed(this));
	}

	setUser(user: User | null): void {
		this.user = user ? { id: user.id, email: user.email, anonymous: !!user.is_anonymous } : null;
	}

	/** How many things the listener made are not on their account yet (journeys + ratings). */
	get unsynced(): number {
		const { journeys, ratings } = unsyncedWork(this.pending);
		return journeys + ratings;
	}

	/**
	 * The header badge and the Account page: what waits for the account, in the listener's
	 * words. Without an account nothing is waiting, as there is nowhere to sync to.
	 */
	get unsyncedWords(): string {
		return this.signedIn ? describeUnsynced(this.pending) : '';
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
		if (this.status?.phase === 'account_deleted' && !this.signedIn) {
			return this.status.message ?? ACCOUNT_DELETED;
		}
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
			// A status stored by an older build says the same in lower case.
			switch (s.code ?? s.reason?.toUpperCase()) {
				case 'OFFLINE':
					return 'Offline — your changes are saved here and will sync when you reconnect.';
				case 'SIGNED_OUT':
				case 'UNAUTHORIZED':
					return 'Your sign-in has expired. Sign in again to sync; nothing on this device is lost.';
				case 'USER_CHANGED':
					return 'Another account signed in. Syncing is paused.';
				default:
					return `Sync failed (${s.message ?? 'server error'}). It will try again shortly.`;
			}
		}
		if (this.unsynced > 0) return `${describeUnsynced(this.pending)}.`;
		return 'Everything is synced.';
	}
}

export const syncStatus = new SyncStatus();
