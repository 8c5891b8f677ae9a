// `npm start` as an operator lives with it: it says where sign-in links and data go,
// and Ctrl+C or a SIGTERM stops every process it started and exits cleanly.
// Runs scripts/start.mjs --no-build --demo-ai on free ports, serving a one-page build.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { anonKeyFor, DEFAULT_JWT_SECRET } from '../../scripts/standin/jwt.mjs';
import { curatorLogLine } from '../../scripts/functions.mjs';
import { clientFor, email } from '../standin/helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'sc-start-'));
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Sonic Cartographer</title>');
after(() => rmSync(dir, { recursive: true, force: true }));

function freePort() {
	return new Promise((resolve) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
	});
}

/** Every process below `pid`, from /proc (Linux). */
function descendants(pid) {
	/** @type {number[]} */
	const out = [];
	let tasks = [];
	try {
		tasks = readdirSync(`/proc/${pid}/task`);
	} catch {
		return out;
	}
	for (const task of tasks) {
		const file = `/proc/${pid}/task/${task}/children`;
		if (!existsSync(file)) continue;
		for (const child of readFileSync(file, 'utf8').split(/\s+/).filter(Boolean)) {
			out.push(Number(child), ...descendants(Number(child)));
		}
	}
	return out;
}

function alive(pid) {
	try {
		process.kill(pid, 0);
		// A zombie has exited; only its parent has not collected it yet.
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
}

/** Starts `npm start`'s script; resolves once it says it is running. */
async function start(args = ['--demo-ai'], extraEnv = {}) {
	const env = {
		...process.env,
		STANDIN_JWT_SECRET: DEFAULT_JWT_SECRET,
		...extraEnv,
		APP_PORT: String(await freePort()),
		FUNCTIONS_PORT: String(await freePort()),
		STANDIN_PORT: String(await freePort()),
		STANDIN_DATA_DIR: ':memory:',
		BUILD_DIR: dir
	};
	const child = spawn(process.execPath, ['scripts/start.mjs', '--no-build', ...args], {
		env,
		stdio: ['ignore', 'pipe', 'pipe'],
		// Its own process group, as a terminal gives it: Ctrl+C signals the whole group.
		detached: true
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	await new Promise((resolve, reject) => {
		const check = () => {
			if (output.includes('is running')) resolve(undefined);
		};
		child.stdout.on('data', check);
		exited.then(() => reject(new Error(`start.mjs exited before running:\n${output}`)));
	});
	const standinUrl = `http://127.0.0.1:${env.STANDIN_PORT}`;
	return { child, exited, output: () => output, children: descendants(child.pid ?? 0), standinUrl };
}

test('the banner says where sign-in links go and what leaves the machine', async () => {
	const s = await start();
	try {
		const text = s.output();
		assert.match(text, /magic links .* are printed here/);
		assert.match(text, /AI requests go to the demo fake on this machine/);
		assert.match(text, /MusicBrainz/);
		assert.match(text, /Cover Art Archive/);
		assert.doesNotMatch(text, /nothing leaves the machine/i);
	} finally {
		process.kill(-(s.child.pid ?? 0), 'SIGTERM');
		await s.exited;
	}
});

for (const [how, signal, group] of [
	['Ctrl+C (SIGINT to the whole process group)', 'SIGINT', true],
	['a SIGTERM to start.mjs alone', 'SIGTERM', false]
]) {
	test(`${how} stops every child and exits cleanly`, async () => {
		const s = await start();
		assert.ok(s.children.length > 0, 'start.mjs runs the curator under Deno');
		process.kill(group ? -(s.child.pid ?? 0) : (s.child.pid ?? 0), signal);
		const { code } = await s.exited;
		assert.equal(code, 0, s.output());
		assert.doesNotMatch(s.output(), /code null|unexpectedly/);
		assert.match(s.output(), /stopped\.\n$/);
		assert.deepEqual(
			s.children.filter(alive),
			[],
			'no process start.mjs started is left running'
		);
	});
}

test('a failed AI step shows the curator\'s own log line, with its cause', async () => {
	const closed = await freePort();
	const s = await start([], {
		OPENAI_BASE_URL: `http://127.0.0.1:${closed}/v1`,
		OPENAI_API_KEY: 'local',
		CURATOR_MODEL: 'llama3.1'
	});
	try {
		const anonKey = anonKeyFor(DEFAULT_JWT_SECRET);
		const client = clientFor({ url: s.standinUrl, anonKey });
		const { data, error } = await client.auth.signUp({ email: email(), password: 'secret-1' });
		assert.equal(error, null);
		const token = data.session?.access_token;
		assert.ok(token, 'signed up and in');
		const res = await fetch(`${s.standinUrl}/functions/v1/curator/portrait`, {
			method: 'POST',
			headers: {
				authorization: `Bearer ${token}`,
				apikey: anonKey,
				'content-type': 'application/json'
			},
			body: JSON.stringify({
				artists: ['Radiohead', 'Björk', 'Portishead', 'Can', 'Nina Simone'].map((name) => ({
					name
				}))
			})
		});
		assert.ok(!res.ok, `the step failed (${res.status})`);
		await res.text();
		// Log lines may arrive just after the answer.
		for (let i = 0; i < 50 && !s.output().includes('[curator] error'); i++) {
			await new Promise((r) => setTimeout(r, 100));
		}
		assert.match(s.output(), new RegExp(`\\[curator\\] error: .*127\\.0\\.0\\.1:${closed}`));
	} finally {
		process.kill(s.child.pid ?? 0, 'SIGTERM');
		await s.exited;
	}
});

test('under `npm start` the curator shows its warnings and errors, not Deno chatter', () => {
	assert.equal(
		curatorLogLine('{"level":"error","msg":"the AI server refused the request","status":400}'),
		'[curator] error: the AI server refused the request (status: 400)'
	);
	assert.equal(curatorLogLine('[curator] auth is OFF'), '[curator] auth is OFF');
	assert.match(curatorLogLine('error: Uncaught (in promise) TypeError: x') ?? '', /Uncaught/);
	assert.equal(curatorLogLine('{"level":"info","msg":"account deleted"}'), null);
	assert.equal(curatorLogLine('Download https://registry.npmjs.org/openai'), null);
});
