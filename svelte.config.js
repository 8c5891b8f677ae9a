import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// The app's public configuration is inlined at build time ($env/static/public).
// These defaults point at the local stack that `npm start` runs; set the
// variables (or put them in .env) to build against a real Supabase project.
process.env.PUBLIC_SUPABASE_URL ??= 'http://127.0.0.1:54321';
process.env.PUBLIC_MUSICBRAINZ_URL ??= 'https://musicbrainz.org';
// The anon key of the local stand-in (scripts/standin): the Supabase CLI's public
// demo key, not a secret.
process.env.PUBLIC_SUPABASE_ANON_KEY ??=
	'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

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
		serviceWorker: { register: false }
	}
};

export default config;
