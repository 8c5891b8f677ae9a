/**
 * Users, sessions and rotating refresh tokens of the local Supabase stand-in (development/test
 * only), kept in auth.users / auth.sessions / auth.refresh_tokens, and the GoTrue-shaped JSON
 * (user, session, error) the Auth endpoints answer with.
 */
import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { HttpError } from './http.mjs';
import { signJwt } from './jwt.mjs';

const scryptAsync = /** @type {(pw: string, salt: Buffer, len: number) => Promise<Buffer>} */ (
	promisify(scrypt)
);

/** @param {string} password */
export async function hashPassword(password) {
	const salt = randomBytes(16);
	const hash = await scryptAsync(password, salt, 32);
	return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/** @param {string} password @param {string | null} stored */
export async function checkPassword(password, stored) {
	const [kind, salt, hash] = String(stored ?? '').split('$');
	if (kind !== 'scrypt' || !salt || !hash) return false;
	const given = await scryptAsync(password, Buffer.from(salt, 'base64url'), 32);
	const expected = Buffer.from(hash, 'base64url');
	return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * A GoTrue error. Answers in the 2024-01-01 shape ({ code: 'x', message }) when the client
 * asked for that API version (supabase-js does), else the legacy one ({ code: 400, error_code, msg }).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} status
 * @param {string} code
 * @param {string} message
 * @param {Record<string, unknown>} [extra]
 */
export function authError(req, status, code, message, extra = {}) {
	const v = String(req.headers['x-supabase-api-version'] ?? '');
	if (v >= '2024-01-01') {
		return new HttpError(
			status,
			{ code, message, ...extra },
			{ 'x-supabase-api-version': '2024-01-01' }
		);
	}
	return new HttpError(status, { code: status, error_code: code, msg: message, ...extra });
}

const iso = (/** @type {any} */ d) => (d ? new Date(d).toISOString() : null);
const USER_COLUMNS = `id, email, is_anonymous, raw_app_meta_data, raw_user_meta_data, created_at,
	updated_at, encrypted_password, email_confirmed_at, last_sign_in_at, confirmation_sent_at,
	email_change, email_change_sent_at`;

/** Drops absent fields, as GoTrue's `omitempty` does. @param {Record<string, unknown>} o */
const compact = (o) =>
	Object.fromEntries(Object.entries(o).filter(([, v]) => v != null && v !== ''));

/** A stable identity id for a user's email identity (GoTrue keeps one row per identity). */
const identityId = (/** @type {string} */ userId) => {
	const h = createHash('sha256').update(`email-identity:${userId}`).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** The email identity GoTrue gives a user with an address (anonymous users have none). @param {any} row */
function identities(row) {
	if (!row.email || row.is_anonymous) return [];
	return [
		{
			identity_id: identityId(row.id),
			id: row.id,
			user_id: row.id,
			identity_data: {
				email: row.email,
				email_verified: !!row.email_confirmed_at,
				phone_verified: false,
				sub: row.id
			},
			provider: 'email',
			last_sign_in_at: iso(row.last_sign_in_at ?? row.created_at),
			created_at: iso(row.created_at),
			updated_at: iso(row.updated_at),
			email: row.email
		}
	];
}

/** GoTrue's user JSON (absent optional fields left out, as GoTrue does). @param {any} row */
export function userJson(row) {
	return {
		id: row.id,
		aud: 'authenticated',
		role: 'authenticated',
		email: row.email ?? '',
		...compact({
			email_confirmed_at: iso(row.email_confirmed_at),
			confirmation_sent_at: iso(row.confirmation_sent_at)
		}),
		phone: '',
		...compact({
			confirmed_at: iso(row.email_confirmed_at),
			new_email: row.email_change,
			email_change_sent_at: iso(row.email_change_sent_at),
			last_sign_in_at: iso(row.last_sign_in_at)
		}),
		app_metadata: row.raw_app_meta_data ?? {},
		user_metadata: row.raw_user_meta_data ?? {},
		identities: identities(row),
		created_at: iso(row.created_at),
		updated_at: iso(row.updated_at),
		is_anonymous: row.is_anonymous
	};
}

/**
 * What GoTrue answers a sign-up for an address that already has a confirmed account when
 * confirmations are on: a made-up user (fresh id, no identities, no session) shaped like a
 * real one, so nobody can tell from the answer whether the address is registered.
 * @param {string} email
 * @param {object} meta the sign-up's user metadata
 */
export function obfuscatedUserJson(email, meta) {
	const now = new Date().toISOString();
	return {
		id: randomUUID(),
		aud: 'authenticated',
		role: '',
		email,
		phone: '',
		confirmation_sent_at: now,
		app_metadata: { provider: 'email', providers: ['email'] },
		user_metadata: meta,
		identities: [],
		created_at: now,
		updated_at: now,
		is_anonymous: false
	};
}

/**
 * @param {{ database: import('./db.mjs').Database, jwtSecret: string, jwtExp: number,
 *   issuer: () => string }} options
 */
export function createAuthStore({ database, jwtSecret, jwtExp, issuer }) {
	/** @param {string} where @param {unknown[]} params */
	const findUser = async (where, params) =>
		(
			await database.serial(() =>
				database.db.query(`select ${USER_COLUMNS} from auth.users where ${where}`, params)
			)
		).rows[0] ?? null;

	/** The session JSON for a user row, a session id and its current refresh token. */
	function sessionJson(
		/** @type {any} */ user,
		/** @type {string} */ sessionId,
		/** @type {string} */ refreshToken,
		method = 'password'
	) {
		const now = Math.floor(Date.now() / 1000);
		const access = signJwt(
			{
				aud: 'authenticated',
				exp: now + jwtExp,
				iat: now,
				iss: issuer(),
				sub: user.id,
				email: user.email ?? '',
				phone: '',
				app_metadata: user.raw_app_meta_data ?? {},
				user_metadata: user.raw_user_meta_data ?? {},
				role: 'authenticated',
				aal: 'aal1',
				amr: [{ method, timestamp: now }],
				session_id: sessionId,
				is_anonymous: user.is_anonymous
			},
			jwtSecret
		);
		return {
			access_token: access,
			token_type: 'bearer',
			expires_in: jwtExp,
			expires_at: now + jwtExp,
			refresh_token: refreshToken,
			user: userJson(user)
		};
	}

	const newToken = () => randomBytes(18).toString('base64url');

	return {
		findById: (/** @type {string} */ id) => findUser('id = $1', [id]),
		findByEmail: (/** @type {string} */ email) => findUser('email = $1', [email]),

		/**
		 * @param {{ email?: string | null, passwordHash?: string | null, anonymous: boolean,
		 *   confirmed: boolean, meta?: object, provider: string }} u
		 */
		async createUser(u) {
			const app = u.anonymous ? {} : { provider: u.provider, providers: [u.provider] };
			const res = await database.serial(() =>
				database.db.query(
					`insert into auth.users (email, encrypted_password, is_anonymous, email_confirmed_at,
						raw_app_meta_data, raw_user_meta_data)
					 values ($1, $2, $3, case when $4::boolean then now() end, $5, $6)
					 returning ${USER_COLUMNS}`,
					[u.email ?? null, u.passwordHash ?? null, u.anonymous, u.confirmed, app, u.meta ?? {}]
				)
			);
			return res.rows[0];
		},

		/** Notes that a confirmation link went out (GoTrue's confirmation_sent_at). */
		async confirmationSent(/** @type {string} */ id) {
			const res = await database.serial(() =>
				database.db.query(
					`update auth.users set confirmation_sent_at = now() where id = $1 returning ${USER_COLUMNS}`,
					[id]
				)
			);
			return res.rows[0] ?? null;
		},

		/** Keeps an address waiting for its confirmation link (GoTrue's email_change). */
		async requestEmailChange(/** @type {string} */ id, /** @type {string} */ email) {
			const res = await database.serial(() =>
				database.db.query(
					`update auth.users set email_change = $2, email_change_sent_at = now(), updated_at = now()
					 where id = $1 returning ${USER_COLUMNS}`,
					[id, email]
				)
			);
			return res.rows[0] ?? null;
		},

		/**
		 * The confirmation link of a waiting address was opened: it becomes the user's email
		 * (an anonymous user becomes permanent, keeping its id). Null when nothing was waiting
		 * or another account took the address meanwhile.
		 */
		async confirmEmailChange(/** @type {string} */ id) {
			const user = await findUser('id = $1', [id]);
			if (!user?.email_change) return null;
			if (await findUser('email = $1 and id <> $2', [user.email_change, id])) return null;
			const updated = await this.updateUser(id, { email: user.email_change, confirm: true });
			await database.serial(() =>
				database.db.query(
					'update auth.users set email_change = null, email_change_sent_at = null where id = $1',
					[id]
				)
			);
			return { ...updated, email_change: null, email_change_sent_at: null };
		},

		/**
		 * Sets the given fields; setting an email makes an anonymous user permanent (confirmed).
		 * @param {string} id
		 * @param {{ email?: string, passwordHash?: string, meta?: object, confirm?: boolean }} f
		 */
		async updateUser(id, f) {
			const res = await database.serial(() =>
				database.db.query(
					`update auth.users set
						email = coalesce($2, email),
						encrypted_password = coalesce($3, encrypted_password),
						raw_user_meta_data = raw_user_meta_data || coalesce($4::jsonb, '{}'),
						is_anonymous = case when $2::text is not null then false else is_anonymous end,
						raw_app_meta_data = case when $2::text is not null and is_anonymous
							then '{"provider":"email","providers":["email"]}'::jsonb else raw_app_meta_data end,
						email_confirmed_at = case when $2::text is not null or $5::boolean
							then coalesce(email_confirmed_at, now()) else email_confirmed_at end,
						updated_at = now()
					 where id = $1 returning ${USER_COLUMNS}`,
					[id, f.email ?? null, f.passwordHash ?? null, f.meta ?? null, f.confirm ?? false]
				)
			);
			return res.rows[0] ?? null;
		},

		/** A new session for a user: its JSON (access + refresh token). */
		async startSession(/** @type {string} */ userId, method = 'password') {
			const token = newToken();
			const { user, sessionId } = await database.tx(async (t) => {
				const s = await t.query('insert into auth.sessions (user_id) values ($1) returning id', [
					userId
				]);
				const sessionId = /** @type {any} */ (s.rows[0]).id;
				await t.query(
					'insert into auth.refresh_tokens (token, session_id, user_id) values ($1, $2, $3)',
					[token, sessionId, userId]
				);
				const u = await t.query(
					`update auth.users set last_sign_in_at = now() where id = $1 returning ${USER_COLUMNS}`,
					[userId]
				);
				return { user: u.rows[0], sessionId };
			});
			return sessionJson(user, sessionId, token, method);
		},

		/**
		 * Rotates a refresh token: the old one is revoked, its child returned in a new session JSON.
		 * @param {string} token
		 * @returns {Promise<{ session: any } | { error: 'not_found' | 'used' }>}
		 */
		async refresh(token) {
			const child = newToken();
			const out = await database.tx(async (t) => {
				const r = /** @type {any} */ (
					(
						await t.query(
							'select session_id, user_id, revoked from auth.refresh_tokens where token = $1 for update',
							[token]
						)
					).rows[0]
				);
				if (!r) return { error: /** @type {const} */ ('not_found') };
				if (r.revoked) return { error: /** @type {const} */ ('used') };
				await t.query('update auth.refresh_tokens set revoked = true where token = $1', [token]);
				await t.query(
					'insert into auth.refresh_tokens (token, session_id, user_id, parent) values ($1, $2, $3, $4)',
					[child, r.session_id, r.user_id, token]
				);
				await t.query('update auth.sessions set refreshed_at = now() where id = $1', [
					r.session_id
				]);
				const u = await t.query(`select ${USER_COLUMNS} from auth.users where id = $1`, [
					r.user_id
				]);
				return { user: u.rows[0], sessionId: r.session_id };
			});
			if (out.error) return { error: out.error };
			return { session: sessionJson(out.user, out.sessionId, child, 'token_refresh') };
		},

		async sessionExists(/** @type {string} */ id) {
			const r = await database.serial(() =>
				database.db.query('select 1 from auth.sessions where id = $1', [id])
			);
			return r.rows.length > 0;
		},

		/** Ends sessions: 'local' this one, 'global' all of the user's, 'others' all but this one. */
		async logout(/** @type {string} */ userId, /** @type {string} */ sessionId, scope = 'global') {
			const sql =
				{
					local: 'delete from auth.sessions where id = $2 and user_id = $1',
					others: 'delete from auth.sessions where user_id = $1 and id <> $2',
					global:
						'delete from auth.sessions where user_id = $1 and $2::uuid is not distinct from $2::uuid'
				}[scope] ??
				'delete from auth.sessions where user_id = $1 and $2::uuid is not distinct from $2::uuid';
			await database.serial(() => database.db.query(sql, [userId, sessionId]));
		}
	};
}
