// The import boundaries in eslint.config.js hold: a page that reaches into the store, a
// component that reaches into storage, sync, accounts, the curator or the catalogue, or a lower
// layer that reaches up (the store into sync, domain rules into the store) fails lint, whether it
// imports statically or with import(). Throwaway files are linted where such
// code would live and removed afterwards, so the rule cannot silently vanish or stop matching.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { ESLint } from 'eslint';

const tag = `boundary-check-${process.pid}`;
const written = [];
after(() => {
	for (const file of written) rmSync(file, { force: true });
});

/** Writes `source` to `file`, lints it with the project's config, returns the messages. */
async function lint(file, source) {
	written.push(file);
	writeFileSync(file, source);
	const [result] = await new ESLint().lintFiles([file]);
	return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

const boundary = (messages) =>
	messages.filter((m) => /^no-restricted-(imports|syntax):/.test(m));

test('a page importing $lib/db/schema fails lint', async () => {
	const messages = await lint(
		`src/routes/${tag}.ts`,
		"import { db } from '$lib/db/schema';\n\nexport const probe = db;\n"
	);
	assert.equal(boundary(messages).length, 1, messages.join('\n'));
	assert.match(boundary(messages)[0], /Pages read and write through \$lib\/services/);
});

test('a page loading $lib/db with import() fails lint too', async () => {
	const messages = await lint(
		`src/routes/${tag}-lazy.ts`,
		"export const probe = () => import('$lib/db/journeys');\n"
	);
	assert.equal(boundary(messages).length, 1, messages.join('\n'));
});

test('a component importing sync, auth, curator or catalogue fails lint; services pass', async () => {
	const messages = await lint(
		`src/lib/components/${tag}.svelte`,
		[
			'<script lang="ts">',
			"\timport { syncStatus } from '$lib/sync/sync-status.svelte';",
			"\timport { curator } from '$lib/curator/client';",
			"\timport { coverUrl } from '../catalog/cover';",
			"\timport { resumeSync } from '$lib/services/account';",
			"\timport type { Journey } from '$lib/domain/journey';",
			'\tlet { journey }: { journey?: Journey } = $props();',
			"\tconst later = () => import('$lib/auth/client');",
			'</script>',
			'',
			'<button onclick={() => [resumeSync(), later(), curator, coverUrl]}>',
			'\t{syncStatus.message}{journey?.portrait?.id}',
			'</button>',
			''
		].join('\n')
	);
	const found = boundary(messages);
	assert.equal(found.length, 4, messages.join('\n'));
	assert.ok(found.every((m) => m.includes('Components go through $lib/services')));
});

test('a lower layer reaching up fails lint: the store into sync, rules into the store', async () => {
	const store = await lint(
		`src/lib/db/${tag}.ts`,
		"import { syncOnce } from '../sync/engine';\nimport { newId } from './write';\n\nexport const probe = [syncOnce, newId];\n"
	);
	assert.equal(boundary(store).length, 1, store.join('\n'));
	assert.match(boundary(store)[0], /src\/lib\/db may import only clock, domain, errors/);

	const rules = await lint(
		`src/lib/domain/${tag}.ts`,
		"export const probe = () => import('$lib/db/schema');\n"
	);
	assert.equal(boundary(rules).length, 1, rules.join('\n'));
	assert.match(boundary(rules)[0], /src\/lib\/domain imports nothing of ours but \$contract/);
});

test('state reaches the catalogue only through services', async () => {
	const messages = await lint(
		`src/lib/state/${tag}.ts`,
		"import { groundAlbums } from '$lib/catalog';\nimport { handleError } from '$lib/errors';\n\nexport const probe = [groundAlbums, handleError];\n"
	);
	assert.equal(boundary(messages).length, 1, messages.join('\n'));
});

test('a path that walks back (./../, $lib/./, ../x/../) cannot slip past the layers', async () => {
	const messages = await lint(
		`src/routes/${tag}-walk.ts`,
		[
			"import { db } from './../lib/db/schema';",
			"import { syncOnce } from '$lib/./sync/engine';",
			"import { coverUrl } from '../lib/components/../catalog/cover';",
			"import { latestJourney } from '$lib/services/history';",
			'',
			'export const probe = [db, syncOnce, coverUrl, latestJourney];',
			''
		].join('\n')
	);
	const found = boundary(messages);
	assert.equal(found.length, 3, messages.join('\n'));
	assert.ok(found.every((m) => m.includes('without ./ or ../ in its middle')));
});

test('the music services: a component reaches them only through services, and they reach no store', async () => {
	const component = await lint(
		`src/lib/components/${tag}-connect.ts`,
		"import { topArtists } from '$lib/connect/spotify';\nimport { connections } from '$lib/services/connections';\n\nexport const probe = [topArtists, connections];\n"
	);
	assert.equal(boundary(component).length, 1, component.join('\n'));
	assert.match(boundary(component)[0], /Components go through \$lib\/services/);

	const connect = await lint(
		`src/lib/connect/${tag}.ts`,
		"import { loadConnection } from '$lib/db/connections';\nimport { ConnectError } from '$lib/errors/base';\n\nexport const probe = [loadConnection, ConnectError];\n"
	);
	assert.equal(boundary(connect).length, 1, connect.join('\n'));
	assert.match(boundary(connect)[0], /src\/lib\/connect may import only domain, errors, config/);
});
