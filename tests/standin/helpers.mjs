// Shared by the stand-in's tests: a supabase-js client for a running stand-in, small row
// builders, and config.toml variants. Node 20 has no WebSocket and no test subscribes to
// realtime, so none is opened.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient } from '@supabase/supabase-js';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

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

export const journeyOp = (id = randomUUID()) => ({
	op_id: randomUUID(),
	table: 'journeys',
	row: { id, source: 'manual', artists: ['Can'] }
});

/**
 * A Supabase config.toml with the repository's file as the base and some `[auth]` /
 * `[auth.email]` keys replaced, in a temporary folder; for `startStandin({ config })`.
 * @param {{ auth?: Record<string, string>, email?: Record<string, string> }} changes raw TOML values
 */
export async function configWith({ auth = {}, email = {} }) {
	let text = await readFile(join(repoRoot, 'supabase', 'config.toml'), 'utf8');
	/** @param {string} table @param {Record<string, string>} keys */
	const replace = (table, keys) => {
		const start = text.indexOf(`\n[${table}]\n`);
		const end = text.indexOf('\n[', start + 1);
		let section = text.slice(start, end);
		for (const [k, v] of Object.entries(keys)) {
			const line = new RegExp(`^${k} = .*$`, 'm');
			section = line.test(section)
				? section.replace(line, `${k} = ${v}`)
				: `${section}\n${k} = ${v}`;
		}
		text = text.slice(0, start) + section + text.slice(end);
	};
	replace('auth', auth);
	replace('auth.email', email);
	const dir = await mkdtemp(join(tmpdir(), 'standin-config-'));
	const path = join(dir, 'config.toml');
	await writeFile(path, text);
	return path;
}

/** The claims of a JWT (not verified). @param {string} jwt */
export const claimsOf = (jwt) =>
	JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));

/**
 * Opens an emailed link as a browser would (no redirects followed) and returns the tokens the
 * redirect carries in its #fragment.
 * @param {string} link
 */
export async function openLink(link) {
	const res = await fetch(link, { redirect: 'manual' });
	const location = new URL(/** @type {string} */ (res.headers.get('location')));
	return { status: res.status, location, fragment: new URLSearchParams(location.hash.slice(1)) };
}
