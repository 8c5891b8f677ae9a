/**
 * The curator deploys as it is: `supabase functions deploy curator` reads only
 * functions/curator/deno.json (or deno.jsonc, or an import map it names) and uploads it with
 * every file index.ts reaches through relative imports. A bare import must therefore be mapped
 * there, and nowhere else: a second map elsewhere in supabase/functions is never uploaded.
 */
import { assert, assertEquals } from './_assert.ts';

const FUNCTIONS = new URL('../', import.meta.url);
const CURATOR = new URL('curator/', FUNCTIONS);
const IMPORT = /(?:import|export)\s+(?:type\s+)?(?:[\w*\s{},]*?\s+from\s+)?['"]([^'"]+)['"]/g;

async function readJson(url: URL): Promise<Record<string, unknown>> {
	return JSON.parse(await Deno.readTextFile(url));
}

/**
 * Every module reached from the entry point by relative imports, every bare specifier, and the
 * modules some file needs at run time (not only for its types).
 */
async function walk(
	entry: URL
): Promise<{ files: Set<string>; bare: Set<string>; runtime: Set<string> }> {
	const files = new Set<string>();
	const bare = new Set<string>();
	const runtime = new Set<string>([entry.href]);
	const queue = [entry];
	while (queue.length) {
		const file = queue.pop()!;
		if (files.has(file.href)) continue;
		files.add(file.href);
		const source = await Deno.readTextFile(file);
		for (const [statement, spec] of source.matchAll(IMPORT)) {
			if (spec.startsWith('./') || spec.startsWith('../')) {
				const target = new URL(spec, file);
				queue.push(target);
				if (runtime.has(file.href) && !/^(?:import|export)\s+type\b/.test(statement)) {
					runtime.add(target.href);
				}
			} else if (!/^(?:node|npm|jsr|https?):/.test(spec)) bare.add(spec);
		}
	}
	return { files, bare, runtime };
}

Deno.test('deploy: curator/deno.json maps every bare import the function reaches', async () => {
	const config = await readJson(new URL('deno.json', CURATOR));
	const imports = (config.imports ?? {}) as Record<string, string>;
	const { files, bare } = await walk(new URL('index.ts', CURATOR));
	assert(files.size > 10, `walked ${files.size} files`);
	assert(bare.size > 0, 'the function has bare imports (openai, jose, postgres)');
	for (const spec of bare) {
		const mapped = Object.keys(imports).some((key) =>
			key.endsWith('/') ? spec.startsWith(key) : spec === key
		);
		assert(mapped, `"${spec}" is not mapped in supabase/functions/curator/deno.json`);
	}
	for (const target of Object.values(imports)) assert(/^npm:/.test(target), target);
	assertEquals(config.nodeModulesDir, 'none', 'the app’s node_modules stays untouched');
});

Deno.test('deploy: everything the function runs lies inside supabase/functions/', async () => {
	// The CLI uploads supabase/functions/ only; a type-only import from elsewhere is erased.
	const { runtime } = await walk(new URL('index.ts', CURATOR));
	assert(runtime.size > 10, `walked ${runtime.size} files`);
	const outside = [...runtime].filter((href) => !href.startsWith(FUNCTIONS.href));
	assertEquals(outside, [], 'run-time imports from outside supabase/functions/');
});

Deno.test('deploy: no second import map beside the curator’s', async () => {
	for (const name of ['deno.json', 'deno.jsonc', 'import_map.json']) {
		const other = new URL(name, FUNCTIONS);
		const exists = await Deno.stat(other).then(() => true, () => false);
		if (!exists) continue;
		const json = await readJson(other);
		assert(!json.imports && !json.importMap, `supabase/functions/${name} holds an import map`);
	}
});
