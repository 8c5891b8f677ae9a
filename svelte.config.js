import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// BUILD_DIR lets the browser tests build against their own ports without
		// touching the build that `npm start` serves.
		adapter: adapter({
			pages: process.env.BUILD_DIR ?? 'build',
			assets: process.env.BUILD_DIR ?? 'build',
			fallback: 'index.html',
			strict: false
		}),
		// The public configuration (PUBLIC_SUPABASE_URL…) comes from .env files and the
		// environment as Kit loads them; vite.config.ts fills in the local defaults.
		serviceWorker: { register: false },
		// Code shared with the curator function lives where its deploy can upload it.
		alias: { $contract: 'supabase/functions/_shared/contract' },
		// The page's own policy for scripts: 'self' plus the hash of the one inline script
		// Kit writes to boot the app. The host's Content-Security-Policy header
		// (static/_headers, docs/deploy.md) carries the rest; browsers enforce both.
		csp: { mode: 'hash', directives: { 'script-src': ['self'] } }
	}
};

export default config;
