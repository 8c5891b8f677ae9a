// Serves the built app (build/) as a single-page app on 127.0.0.1.
// `vite preview` can't be used for the PWA: it answers 404 for /index.html, so
// the service worker's precache fails (shared/TOOLCHAIN.md, pitfall 2).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

// `live: true` re-reads files on every request (sirv caches them otherwise), for
// tests that publish a new version into a served folder.
export function serveApp({ dir = 'build', port = 4173, host = '127.0.0.1', live = false } = {}) {
	const assets = sirv(dir, {
		dev: live,
		single: true,
		etag: true,
		setHeaders(res, pathname) {
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				// The shell and the service worker must be revalidated so updates are seen.
				res.setHeader('Cache-Control', 'no-cache');
			}
		}
	});
	const server = createServer((req, res) =>
		assets(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		})
	);
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			resolve({
				url: `http://${host}:${port}`,
				close: () => /** @type {Promise<void>} */ (new Promise((r) => server.close(() => r())))
			});
		});
	});
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	/** @param {string} name @param {string} fallback */
	const arg = (name, fallback) => {
		const i = process.argv.indexOf(`--${name}`);
		return i === -1 ? fallback : process.argv[i + 1];
	};
	const { url } = await serveApp({ dir: arg('dir', 'build'), port: Number(arg('port', '4173')) });
	console.log(`app: ${url}`);
}
