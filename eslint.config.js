import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** What only src/lib/services may call. */
const LOWER_LAYERS = ['db', 'sync', 'auth', 'curator', 'catalog', 'import', 'backup', 'clock'];

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
	// The layering (docs/architecture.md): pages and components reach storage, sync, accounts,
	// the curator, the catalogue, importers and backups only through src/lib/services.
	...boundary(['src/routes/**'], LOWER_LAYERS, 'Pages read and write through $lib/services'),
	...boundary(['src/lib/components/**'], LOWER_LAYERS, 'Components go through $lib/services')
);

/**
 * Forbids importing `$lib/<layer>` (or a relative path into it) from `files`, statically or
 * with import(). Tests beside the code may set up the real store.
 */
function boundary(files, layers, message) {
	const into = (sep) =>
		`^(\\$lib${sep}|(\\.\\.${sep})+(lib${sep})?)(${layers.join('|')})(${sep}|$)`;
	return [
		{
			files,
			ignores: ['**/*.test.ts'],
			rules: {
				'no-restricted-imports': ['error', { patterns: [{ regex: into('/'), message }] }],
				// esquery's regex literals end at the first slash: any character stands in for it.
				'no-restricted-syntax': [
					'error',
					{ selector: `ImportExpression[source.value=/${into('.')}/]`, message }
				]
			}
		}
	];
}
