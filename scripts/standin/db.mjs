/**
 * Embedded Postgres (PGlite) for the local Supabase stand-in (development/test only).
 *
 * Boot: opens the database (a folder, or `:memory:`), then applies, once each and in order,
 * supabase/shim/auth.sql (what a Supabase project provides before migrations),
 * scripts/standin/auth-extra.sql and auth-email.sql (the stand-in's own auth tables) and every
 * supabase/migrations/*.sql by name. Applied files are recorded in standin.applied_files with
 * their SHA-256; a migration edited after it was applied is reported, never re-run.
 * supabase/tests/database is never loaded.
 *
 * A fresh database (`:memory:`, or an empty/new folder) starts from a template when one exists:
 * a dump of a freshly migrated database in .local/standin-template/<hash of the boot files and
 * the PGlite version>.tar, written after the first cold boot. It skips initdb and the
 * migrations (≈1 s instead of ≈6 s); a changed migration changes the hash, so a stale template
 * is never used. `template: false` (STANDIN_TEMPLATE=0) turns it off.
 *
 * PGlite is one connection: every use goes through `serial`, so transactions never interleave.
 */
import { PGlite } from '@electric-sql/pglite';
import { createHash } from 'node:crypto';
import {
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');

/** The SQL files applied at boot, in order: [name recorded, absolute path]. */
export function bootFiles() {
	const migrations = join(root, 'supabase', 'migrations');
	return [
		['shim/auth.sql', join(root, 'supabase', 'shim', 'auth.sql')],
		['standin/auth-extra.sql', join(here, 'auth-extra.sql')],
		['standin/auth-email.sql', join(here, 'auth-email.sql')],
		...readdirSync(migrations)
			.filter((f) => f.endsWith('.sql'))
			.sort()
			.map((f) => [`migrations/${f}`, join(migrations, f)])
	];
}

/**
 * @typedef {import('@electric-sql/pglite').PGlite} Db
 * @typedef {import('@electric-sql/pglite').Transaction} Tx
 * @typedef {{ db: Db, serial: <T>(fn: () => Promise<T>) => Promise<T>,
 *   tx: <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>, close: () => Promise<void>,
 *   applied: string[] }} Database
 */

/** The template file for the current boot files and PGlite version. */
function templatePath() {
	const h = createHash('sha256');
	h.update(readFileSync(join(root, 'node_modules', '@electric-sql', 'pglite', 'package.json')));
	for (const [name, path] of bootFiles()) h.update(`\0${name}\0`).update(readFileSync(path));
	return join(root, '.local', 'standin-template', `${h.digest('hex').slice(0, 16)}.tar`);
}

/**
 * @param {{ dataDir: string, template?: boolean, log?: (msg: string) => void }} options
 * @returns {Promise<Database>}
 */
export async function openDatabase({ dataDir, template = true, log = () => {} }) {
	const memory = dataDir === ':memory:';
	const dir = memory ? undefined : resolve(root, dataDir);
	const fresh =
		memory ||
		!existsSync(/** @type {string} */ (dir)) ||
		readdirSync(/** @type {string} */ (dir)).length === 0;
	const tpl = template && fresh ? templatePath() : undefined;
	if (dir) mkdirSync(dir, { recursive: true });

	/** @type {Db | undefined} */
	let db;
	let fromTemplate = false;
	if (tpl && existsSync(tpl)) {
		try {
			db = await PGlite.create({
				...(dir ? { dataDir: dir } : {}),
				loadDataDir: new Blob([readFileSync(tpl)])
			});
			fromTemplate = true;
		} catch (e) {
			log(
				`standin: template ${tpl} unusable (${/** @type {Error} */ (e).message}); booting from scratch`
			);
			rmSync(tpl, { force: true });
			if (dir) {
				rmSync(dir, { recursive: true, force: true });
				mkdirSync(dir, { recursive: true });
			}
		}
	}
	if (!db) db = memory ? await PGlite.create() : await PGlite.create(/** @type {string} */ (dir));
	const pg = db;

	/** @type {Promise<unknown>} */
	let tail = Promise.resolve();
	/** @type {<T>(fn: () => Promise<T>) => Promise<T>} */
	const serial = (fn) => {
		const run = tail.then(fn);
		tail = run.catch(() => {});
		return run;
	};
	/** @type {<T>(fn: (tx: Tx) => Promise<T>) => Promise<T>} */
	const tx = (fn) => serial(() => pg.transaction(fn));

	const applied = await serial(() => migrate(pg, log));
	if (tpl && !fromTemplate) await serial(() => writeTemplate(pg, tpl, log));
	const close = () => serial(() => pg.close());
	return { db: pg, serial, tx, close, applied };
}

/**
 * @param {Db} db
 * @param {(msg: string) => void} log
 */
async function migrate(db, log) {
	await db.exec(`create schema if not exists standin;
		create table if not exists standin.applied_files (
			name text primary key, sha256 text not null, applied_at timestamptz not null default now());
		revoke all on schema standin from public;`);
	const done = new Map(
		(await db.query('select name, sha256 from standin.applied_files')).rows.map(
			(/** @type {any} */ r) => [r.name, r.sha256]
		)
	);
	const applied = [];
	for (const [name, path] of bootFiles()) {
		const sql = readFileSync(path, 'utf8');
		const sha = createHash('sha256').update(sql).digest('hex');
		if (done.has(name)) {
			if (done.get(name) !== sha) log(`standin: ${name} changed after it was applied (not re-run)`);
			continue;
		}
		await db.transaction(async (t) => {
			await t.exec(sql);
			await t.query('insert into standin.applied_files (name, sha256) values ($1, $2)', [
				name,
				sha
			]);
		});
		applied.push(name);
	}
	if (applied.length) log(`standin: applied ${applied.length} SQL file(s)`);
	return applied;
}

/** Saves a dump of a freshly migrated database as the template (atomically; old ones removed). */
async function writeTemplate(
	/** @type {Db} */ db,
	/** @type {string} */ path,
	/** @type {(m: string) => void} */ log
) {
	try {
		const dump = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
		const folder = dirname(path);
		mkdirSync(folder, { recursive: true });
		for (const f of readdirSync(folder))
			if (f.endsWith('.tar') && join(folder, f) !== path) rmSync(join(folder, f), { force: true });
		const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
		writeFileSync(tmp, dump);
		renameSync(tmp, path);
	} catch (e) {
		log(`standin: could not write the template (${/** @type {Error} */ (e).message})`);
	}
}
