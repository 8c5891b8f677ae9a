/**
 * A throwaway PostgreSQL 15 cluster for tests, the same recipe as scripts/test-db.sh but
 * reachable over TCP on 127.0.0.1 (Deno's postgres client needs a socket it may open):
 * initdb in a temp dir (as the postgres user when run as root: initdb refuses root), trust
 * auth, fsync off, a free port, then the Supabase auth shim and every migration in order.
 *
 *   const pg = await startCluster();   // pg.url = postgres://postgres@127.0.0.1:<port>/postgres
 *   try { ... } finally { pg.stop(); } // always: stops the server and removes the directory
 *
 * Fails with the apt-get line when the Debian packages are missing (never skips silently).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PG_BIN = '/usr/lib/postgresql/15/bin';

/** What is missing to run a cluster, as Debian package names. */
export function missingPackages() {
	const missing = [];
	if (!existsSync(join(PG_BIN, 'initdb')) || !existsSync(join(PG_BIN, 'pg_ctl')))
		missing.push('postgresql');
	if (spawnSync('psql', ['--version'], { stdio: 'ignore' }).status !== 0)
		missing.push('postgresql-client');
	return missing;
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function run(cmd, args, options = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', ...options });
	if (res.status !== 0) {
		const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim();
		throw new Error(`${[cmd, ...args].join(' ')} failed (${res.status ?? res.signal}):\n${out}`);
	}
	return res;
}

/**
 * Starts a cluster and loads the shim and migrations.
 * @param {{ settings?: Record<string, string | number> }} [options] server settings that
 *   override the defaults below (the server benchmark wants fsync on and more connections)
 * @returns {Promise<{ url: string, port: number, dir: string, stop: () => void }>}
 */
export async function startCluster({ settings = {} } = {}) {
	const missing = missingPackages();
	if (missing.length) {
		throw new Error(
			`PostgreSQL 15 is needed for the curator's database tests (missing: ${missing.join(', ')}).\n` +
				'Install it (Debian, as root): apt-get update && apt-get install -y postgresql postgresql-client'
		);
	}
	const dir = mkdtempSync(join(tmpdir(), 'sonic-pg-'));
	const asOwner = [];
	if (process.getuid?.() === 0) {
		const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }));
		const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }));
		chownSync(dir, uid, gid);
		asOwner.push('runuser', '-u', 'postgres', '--');
	}
	const as = (cmd, args) =>
		asOwner.length ? [asOwner[0], [...asOwner.slice(1), cmd, ...args]] : [cmd, args];
	const data = join(dir, 'data');
	let started = false;
	const stop = () => {
		if (started && existsSync(join(data, 'postmaster.pid'))) {
			spawnSync(...as(join(PG_BIN, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']), {
				stdio: 'ignore'
			});
		}
		started = false;
		rmSync(dir, { recursive: true, force: true });
	};

	try {
		run(
			...as(join(PG_BIN, 'initdb'), [
				'-D',
				data,
				'-U',
				'postgres',
				'-A',
				'trust',
				'-E',
				'UTF8',
				'--locale=C.UTF-8',
				'--no-sync'
			])
		);
		let port;
		for (let attempt = 0; ; attempt++) {
			port = await freePort();
			const opts = [
				`-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories='${dir}'`,
				'-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=40',
				...Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`)
			].join(' ');
			started = true;
			const res = spawnSync(
				...as(join(PG_BIN, 'pg_ctl'), [
					'-D',
					data,
					'-l',
					join(dir, 'server.log'),
					'-w',
					'-t',
					'20',
					'start',
					'-o',
					opts
				]),
				{ encoding: 'utf8' }
			);
			if (res.status === 0) break;
			started = false;
			// Another process may have taken the port between the probe and the start.
			if (attempt >= 2) {
				const log = existsSync(join(dir, 'server.log'))
					? readFileSync(join(dir, 'server.log'), 'utf8')
					: '';
				throw new Error(`PostgreSQL did not start:\n${res.stderr}\n${log}`);
			}
		}

		const env = { ...process.env, PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'postgres' };
		delete env.PGPASSWORD;
		delete env.PGSERVICE;
		const psql = (file, single) =>
			run(
				'psql',
				[
					'-X',
					'-q',
					'-v',
					'ON_ERROR_STOP=1',
					'-d',
					'postgres',
					...(single ? ['-1'] : []),
					'-f',
					file
				],
				{ env }
			);
		psql(join(root, 'supabase/shim/auth.sql'), false);
		const migrations = join(root, 'supabase/migrations');
		for (const f of readdirSync(migrations)
			.filter((n) => n.endsWith('.sql'))
			.sort())
			psql(join(migrations, f), true);

		return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, port, dir, stop };
	} catch (error) {
		stop();
		throw error;
	}
}
