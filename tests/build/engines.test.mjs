// `npm ci` on the Node version the README states prints no EBADENGINE warning: every package
// the lockfile installs declares an engines.node range that this project's own minimum meets.
// Optional packages are left out: npm skips an optional package whose engines do not match,
// silently (rollup lists one such native helper).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));

test('every locked package supports the Node version package.json and the README state', () => {
	const minimum = semver.minVersion(pkg.engines.node);
	assert.ok(minimum, `package.json engines.node is not a range: ${pkg.engines.node}`);
	assert.match(
		readFileSync('README.md', 'utf8'),
		new RegExp(`Node ${minimum.major}\\.${minimum.minor}`),
		'the README names the same minimum Node version'
	);
	const refusing = Object.entries(lock.packages ?? {})
		.filter(([path, meta]) => path && !meta.optional && typeof meta.engines?.node === 'string')
		.filter(([, meta]) => !semver.satisfies(minimum, meta.engines.node))
		.map(([path, meta]) => `${path.replace(/^.*node_modules\//, '')} wants node ${meta.engines.node}`);
	assert.deepEqual(refusing, [], `these packages would print EBADENGINE on Node ${minimum}`);
});
