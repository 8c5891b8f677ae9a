// `npm test`: every check the project has, in order, stopping at nothing so one
// run shows every failure. Prints one summary line at the end:
//   "Summary: N passed, M failed" (tests counted from each runner's own report).
import { spawn } from 'node:child_process';

const steps = [
	{ name: 'typecheck', cmd: 'npm run --silent check' },
	{ name: 'lint', cmd: 'npm run --silent lint' },
	{ name: 'format', cmd: 'npm run --silent format:check' },
	{ name: 'unit', cmd: 'npx vitest run', count: vitestCounts },
	{ name: 'curator (deno)', cmd: 'npm run --silent test:deno', count: denoCounts },
	{ name: 'database (pgTAP)', cmd: 'npm run --silent test:db', count: proveCounts },
	{ name: 'supabase stand-in', cmd: 'npm run --silent test:standin', count: nodeTestCounts },
	{ name: 'build config (.env, hosts)', cmd: 'npm run --silent test:build', count: nodeTestCounts },
	{ name: 'build for browser tests', cmd: 'npm run --silent build:test' },
	{ name: 'browser (playwright)', cmd: 'npx playwright test', count: playwrightCounts }
];

const only = process.argv.slice(2);
const ESC = String.fromCharCode(27);
const strip = (s) => s.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '');

function vitestCounts(out) {
	const line = out.match(/^\s*Tests\s+(.*)$/m)?.[1] ?? '';
	return { passed: num(line, /(\d+) passed/), failed: num(line, /(\d+) failed/) };
}
function denoCounts(out) {
	const m = [...out.matchAll(/(?:ok|FAILED) \| (\d+) passed(?: \(\d+ steps?\))? \| (\d+) failed/g)];
	return m.reduce((a, x) => ({ passed: a.passed + +x[1], failed: a.failed + +x[2] }), {
		passed: 0,
		failed: 0
	});
}
function proveCounts(out) {
	const tests = [...out.matchAll(/Tests=(\d+)/g)].reduce((a, x) => a + +x[1], 0);
	const failed = [...out.matchAll(/Failed (\d+)\/\d+ subtests/g)].reduce((a, x) => a + +x[1], 0);
	return { passed: tests - failed, failed };
}
function nodeTestCounts(out) {
	return { passed: num(out, /^ℹ pass (\d+)/m), failed: num(out, /^ℹ fail (\d+)/m) };
}
function playwrightCounts(out) {
	return { passed: num(out, /^\s*(\d+) passed/m), failed: num(out, /^\s*(\d+) failed/m) };
}
// The names of failing tests as each runner prints them, repeated under the results so
// that the end of a long log still says what failed.
function failingLines(out) {
	const lines = out
		.split('\n')
		.map((l) => l.trim())
		.filter(
			(l) => /^(FAIL |×|✗|✘|\[FAIL\]|not ok |\d+\) )/.test(l) || /^(FAILED|ERRORS?)\b.*=>/.test(l)
		);
	return [...new Set(lines)].slice(0, 20).map((l) => l.slice(0, 200));
}
function num(text, re) {
	return Number(text.match(re)?.[1] ?? 0);
}

function run(cmd) {
	return new Promise((resolve) => {
		const child = spawn(cmd, {
			shell: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: { ...process.env, FORCE_COLOR: '0' }
		});
		let out = '';
		const tee = (stream) => (chunk) => {
			out += chunk;
			stream.write(chunk);
		};
		child.stdout.on('data', tee(process.stdout));
		child.stderr.on('data', tee(process.stderr));
		child.on('close', (code) => resolve({ code: code ?? 1, out: strip(out) }));
	});
}

let passed = 0;
let failed = 0;
const results = [];
for (const step of steps) {
	if (only.length && !only.some((o) => step.name.startsWith(o))) continue;
	console.log(`\n━━━ ${step.name}: ${step.cmd}`);
	const started = Date.now();
	const { code, out } = await run(step.cmd);
	const counts = step.count?.(out);
	if (counts) {
		passed += counts.passed;
		failed += counts.failed;
	}
	// A failing step with no failing test counted (a crash, a type error) still fails the run.
	if (code !== 0 && (!counts || counts.failed === 0)) failed += 1;
	if (code === 0 && !counts) passed += 1;
	results.push({
		step: step.name,
		ok: code === 0,
		seconds: ((Date.now() - started) / 1000).toFixed(1),
		counts,
		failures: code === 0 ? [] : failingLines(out)
	});
}

console.log('\n━━━ results');
for (const r of results) {
	const c = r.counts ? ` (${r.counts.passed} passed, ${r.counts.failed} failed)` : '';
	console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.step}${c} ${r.seconds}s`);
	for (const line of r.failures) console.log(`     ${line}`);
}
console.log(`Summary: ${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
