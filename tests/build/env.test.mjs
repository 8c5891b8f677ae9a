// The production build is configured the way an operator configures it: a .env
// file in the project (or .env.production, or the environment). Each test builds a
// private copy of the project, so neither build/ nor .local/test-build is touched
// and no variable of this shell leaks in.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';

const root = resolve(import.meta.dirname, '../..');
const copies = [];
after(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A copy of what `vite build` reads, with the project's node_modules linked in. */
function projectCopy() {
	const dir = mkdtempSync(join(tmpdir(), 'sc-build-'));
	copies.push(dir);
	for (const f of ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', '.gitignore']) {
		cpSync(join(root, f), join(dir, f), { recursive: true });
	}
	mkdirSync(join(dir, 'scripts/standin'), { recursive: true });
	cpSync(join(root, 'scripts/standin/jwt.mjs'), join(dir, 'scripts/standin/jwt.mjs'));
	// The code the app shares with the curator function ($contract).
	const contract = 'supabase/functions/_shared/contract';
	cpSync(join(root, contract), join(dir, contract), { recursive: true });
	symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
	return dir;
}

/** `vite build` in `dir` with none of this shell's app variables. */
function build(dir) {
	const env = { ...process.env };
	for (const name of Object.keys(env)) {
		if (name.startsWith('PUBLIC_') || name === 'BUILD_DIR') delete env[name];
	}
	return new Promise((done) => {
		const child = spawn(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
			cwd: dir,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		let out = '';
		child.stdout.on('data', (d) => (out += d));
		child.stderr.on('data', (d) => (out += d));
		child.on('close', (code) => done({ code, out }));
	});
}

/** Every built JavaScript file, as one string. */
function builtJs(dir) {
	return readdirSync(join(dir, 'build'), { recursive: true })
		.filter((f) => String(f).endsWith('.js'))
		.map((f) => readFileSync(join(dir, 'build', String(f)), 'utf8'))
		.join('\n');
}

test('a .env naming a project decides where the built app goes', { timeout: 180_000 }, async () => {
	const dir = projectCopy();
	writeFileSync(
		join(dir, '.env'),
		'PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co\n' +
			'PUBLIC_SUPABASE_ANON_KEY=sb_publishable_from_the_dotenv_file\n'
	);
	const { code, out } = await build(dir);
	assert.equal(code, 0, out);
	const js = builtJs(dir);
	assert.ok(js.includes('https://abcdefghijklmnopqrst.supabase.co'), 'the project URL is in the app');
	assert.ok(js.includes('sb_publishable_from_the_dotenv_file'), 'the anon key is in the app');
	assert.ok(!js.includes('127.0.0.1:54321'), 'the app does not talk to the local stand-in');
	assert.ok(js.includes('https://musicbrainz.org'), 'MusicBrainz keeps its default');
});

test('a production build with no project configured stops and says what to set', { timeout: 120_000 }, async () => {
	const dir = projectCopy();
	const { code, out } = await build(dir);
	assert.notEqual(code, 0);
	assert.match(out, /set PUBLIC_SUPABASE_URL and PUBLIC_SUPABASE_ANON_KEY/);
	assert.match(out, /docs\/deploy\.md/);
	assert.deepEqual(readdirSync(dir).includes('build'), false, 'nothing was built');
});
