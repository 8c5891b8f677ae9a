import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/**
 * The layers of src/ (docs/architecture.md, "Layers"): each may import only what is listed for it
 * (besides itself, `$contract/*` and packages). A folder of src/lib is named by its folder; the two
 * single files `config.ts` and `errors.ts` by their names.
 */
const LAYERS = {
	routes: ['components', 'services', 'state', 'domain', 'pwa', 'errors', 'config'],
	components: ['services', 'state', 'domain', 'pwa', 'errors', 'config'],
	state: ['services', 'domain', 'errors', 'config'],
	services: [
		'db',
		'sync',
		'auth',
		'curator',
		'catalog',
		'import',
		'backup',
		'connect',
		'clock',
		'domain',
		'errors',
		'config'
	],
	backup: ['db', 'sync', 'clock', 'domain', 'errors', 'config'],
	sync: ['db', 'auth', 'clock', 'domain', 'errors', 'config'],
	curator: ['auth', 'domain', 'errors', 'config'],
	auth: ['domain', 'errors', 'config'],
	catalog: ['domain', 'errors', 'config'],
	connect: ['domain', 'errors', 'config'],
	import: ['domain', 'errors', 'config'],
	pwa: ['domain', 'errors', 'config'],
	db: ['clock', 'domain', 'errors'],
	clock: ['errors'],
	domain: [],
	errors: [],
	config: []
};
const LIB = Object.keys(LAYERS).filter((layer) => layer !== 'routes');

export default ts.config(
	{
		ignores: [
			'build/',
			'.svelte-kit/',
			'node_modules/',
			'supabase/functions/',
			'test-results/',
			'playwright-report/',
			'.local/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// The app is served from the root (no `paths.base`), so links need no resolve().
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: ['src/**/*.ts', 'src/**/*.svelte', 'tests/**/*.ts'],
		languageOptions: {
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
		},
		rules: { '@typescript-eslint/no-floating-promises': 'error' }
	},
	// The layering (docs/architecture.md): an import that goes the wrong way fails the lint.
	...Object.entries(LAYERS).map(([layer, allowed]) =>
		boundary(
			layer === 'routes'
				? ['src/routes/**']
				: [`src/lib/${layer}/**`, `src/lib/${layer}.ts`, `src/lib/${layer}.svelte.ts`],
			LIB.filter((other) => other !== layer && !allowed.includes(other)),
			layer === 'routes'
				? 'Pages read and write through $lib/services'
				: layer === 'components'
					? 'Components go through $lib/services'
					: allowed.length
						? `src/lib/${layer} may import only ${allowed.join(', ')} and $contract (docs/architecture.md, "Layers")`
						: `src/lib/${layer} imports nothing of ours but $contract (docs/architecture.md, "Layers")`
		)
	)
);

/**
 * Forbids importing `$lib/<layer>` (or a relative path into it) from `files`, statically or
 * with import(). Tests beside the code may set up the real store.
 */
function boundary(files, layers, message) {
	const into = (sep) =>
		`^(\\$lib${sep}|(\\.\\.${sep})+(lib${sep})?)(${layers.join('|')})(${sep}|$)`;
	return {
		files,
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{ regex: into('/'), message },
						// `./../lib/db`, `$lib/./db`, `../components/../db`: a path that walks back
						// would slip past the layer names above, so it is refused as such.
						{
							regex: '^(\\./\\.\\./|(\\.\\./)*(\\./)?([^/.][^/]*/)+\\.\\.?/)',
							message: 'Write the import path without ./ or ../ in its middle'
						}
					]
				}
			],
			// esquery's regex literals end at the first slash: any character stands in for it.
			'no-restricted-syntax': [
				'error',
				{ selector: `ImportExpression[source.value=/${into('.')}/]`, message }
			]
		}
	};
}
