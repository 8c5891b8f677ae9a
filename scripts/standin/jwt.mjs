/**
 * HS256 JSON Web Tokens for the local Supabase stand-in (development/test only).
 * node:crypto HMAC, no dependency. Same format Supabase's GoTrue issues and PostgREST accepts.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The stand-in's default signing secret. Local-only and public on purpose: it is the Supabase
 * CLI's well-known demo secret, so the anon key derived from it (ANON_KEY below) is the same
 * key `supabase start` prints. Never use it for anything reachable from another machine.
 */
export const DEFAULT_JWT_SECRET = 'super-secret-jwt-token-with-at-least-32-characters-long';

/** @param {Buffer | string} data */
const b64url = (data) => Buffer.from(data).toString('base64url');

/**
 * @param {Record<string, unknown>} claims
 * @param {string} secret
 */
export function signJwt(claims, secret) {
	const head = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
	const body = b64url(JSON.stringify(claims));
	const sig = createHmac('sha256', secret).update(`${head}.${body}`).digest('base64url');
	return `${head}.${body}.${sig}`;
}

/**
 * Verifies signature and expiry.
 * @param {string} token
 * @param {string} secret
 * @returns {{ ok: true, claims: Record<string, any> } | { ok: false, reason: 'malformed' | 'signature' | 'expired' }}
 */
export function verifyJwt(token, secret) {
	const parts = String(token).split('.');
	if (parts.length !== 3) return { ok: false, reason: 'malformed' };
	let header, claims;
	try {
		header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
		claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
	} catch {
		return { ok: false, reason: 'malformed' };
	}
	if (!header || header.alg !== 'HS256' || !claims || typeof claims !== 'object') {
		return { ok: false, reason: 'malformed' };
	}
	const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
	const given = Buffer.from(parts[2], 'base64url');
	if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
		return { ok: false, reason: 'signature' };
	}
	if (typeof claims.exp === 'number' && claims.exp <= Math.floor(Date.now() / 1000)) {
		return { ok: false, reason: 'expired' };
	}
	return { ok: true, claims };
}

/**
 * The anon key for a secret: role `anon`, the same claims (and, for DEFAULT_JWT_SECRET, the same
 * bytes) as the Supabase CLI's local anon key.
 * @param {string} secret
 */
export function anonKeyFor(secret) {
	return signJwt({ iss: 'supabase-demo', role: 'anon', exp: 1983812996 }, secret);
}

/** The anon key for DEFAULT_JWT_SECRET. */
export const ANON_KEY = anonKeyFor(DEFAULT_JWT_SECRET);
