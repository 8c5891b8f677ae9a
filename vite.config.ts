import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit(),
		SvelteKitPWA({
			registerType: 'prompt',
			injectRegister: false,
			strategies: 'generateSW',
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
				globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
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
