import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { loadEnv, type Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { ANON_KEY as STANDIN_ANON_KEY } from './scripts/standin/jwt.mjs';

/** The local stand-in or any other server on this machine. */
const LOOPBACK = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/**
 * The app's public configuration ($env/static/public) comes from the environment or the
 * .env files of the build's mode (.env, .env.local, .env.[mode], .env.[mode].local), as
 * SvelteKit loads them; the environment wins. Defaults are filled in only for what none of
 * them sets, so a .env naming a real project is never overridden. A production build that
 * names no Supabase project stops: it would ship an app talking to 127.0.0.1. Every other
 * build (vite dev, vitest, the browser tests' build) may fall back to the local stand-in.
 */
function appEnv(): Plugin {
	return {
		name: 'sonic-cartographer:app-env',
		enforce: 'pre',
		// Before SvelteKit's own 'pre' config hook, which reads the variables.
		config: {
			order: 'pre',
			handler(_config, { command, mode }) {
				const env = loadEnv(mode, process.cwd(), 'PUBLIC_');
				// svelte-check and svelte-kit sync read this config as a production build too;
				// they build nothing, so they get the local defaults instead of the error.
				const readOnly = /svelte-(check|kit)/.test(process.argv[1] ?? '');
				const production = command === 'build' && mode === 'production' && !readOnly;
				const url = env.PUBLIC_SUPABASE_URL;
				const missing: string[] = [];
				if (!url && production) missing.push('PUBLIC_SUPABASE_URL');
				// The stand-in's demo key only opens the stand-in.
				if (!env.PUBLIC_SUPABASE_ANON_KEY && (url ? !LOOPBACK.test(url) : production))
					missing.push('PUBLIC_SUPABASE_ANON_KEY');
				if (missing.length) {
					throw new Error(
						`No Supabase project to build for: set ${missing.join(' and ')} (your project's ` +
							'URL and anon key) in .env, .env.production or the environment; see docs/deploy.md. ' +
							'(`npm start` builds for its local stand-in without them.)'
					);
				}
				process.env.PUBLIC_SUPABASE_URL = url || 'http://127.0.0.1:54321';
				process.env.PUBLIC_SUPABASE_ANON_KEY = env.PUBLIC_SUPABASE_ANON_KEY || STANDIN_ANON_KEY;
				process.env.PUBLIC_MUSICBRAINZ_URL =
					env.PUBLIC_MUSICBRAINZ_URL || 'https://musicbrainz.org';
				process.env.PUBLIC_LISTENBRAINZ_LABS_URL =
					env.PUBLIC_LISTENBRAINZ_LABS_URL || 'https://labs.api.listenbrainz.org';
				// Music services (docs/connect.md): no Spotify client ID means no Spotify buttons.
				process.env.PUBLIC_SPOTIFY_CLIENT_ID = env.PUBLIC_SPOTIFY_CLIENT_ID ?? '';
				process.env.PUBLIC_SPOTIFY_ACCOUNTS_URL =
					env.PUBLIC_SPOTIFY_ACCOUNTS_URL || 'https://accounts.spotify.com';
				process.env.PUBLIC_SPOTIFY_API_URL =
					env.PUBLIC_SPOTIFY_API_URL || 'https://api.spotify.com';
				process.env.PUBLIC_LISTENBRAINZ_URL =
					env.PUBLIC_LISTENBRAINZ_URL || 'https://api.listenbrainz.org';
			}
		}
	};
}

export default defineConfig({
	plugins: [
		appEnv(),
		tailwindcss(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
			// SvelteKit builds with a relative base ('./'), which would register the worker next
			// to whatever page was opened first (/history/sw.js, a 404). It lives at the root.
			base: '/',
			scope: '/',
			manifest: {
				name: 'Sonic Cartographer',
				short_name: 'Cartographer',
				description: 'Album discovery with an AI curator that learns from your ratings.',
				start_url: '/',
				scope: '/',
				display: 'standalone',
				background_color: '#1a1a1a',
				theme_color: '#1a1a1a',
				icons: [
					{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
					{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
					{
						src: '/icons/icon-maskable-512.png',
						sizes: '512x512',
						type: 'image/png',
						purpose: 'maskable'
					}
				]
			},
			kit: { adapterFallback: 'index.html', spa: true },
			workbox: {
				// The client build only: naming its prefix ourselves keeps @vite-pwa/sveltekit from
				// adding its `prerendered/` pattern, which matches nothing in this SPA and warns.
				globPatterns: ['client/**/*.{js,css,html,svg,png,ico,webmanifest}'],
				modifyURLPrefix: { 'client/': '' },
				navigateFallback: '/index.html',
				navigateFallbackDenylist: [/^\/functions\//, /^\/rest\//, /^\/auth\//],
				runtimeCaching: [
					{
						urlPattern: ({ url }) =>
							url.hostname === 'coverartarchive.org' || url.hostname.endsWith('.archive.org'),
						handler: 'CacheFirst',
						options: {
							cacheName: 'cover-art',
							expiration: { maxEntries: 500, maxAgeSeconds: 60 * 60 * 24 * 180 },
							cacheableResponse: { statuses: [0, 200] }
						}
					}
				]
			},
			devOptions: { enabled: false }
		})
	],
	server: { host: '127.0.0.1' },
	preview: { host: '127.0.0.1' },
	test: {
		include: ['src/**/*.{test,spec}.ts'],
		environment: 'node',
		setupFiles: ['fake-indexeddb/auto']
	}
});
