/**
 * `/functions/v1/*` of the local Supabase stand-in (development/test only): a reverse proxy to
 * the curator function (CURATOR_URL). Bodies stream both ways, chunk by chunk, never buffered
 * (Server-Sent Events arrive as the function writes them); headers pass through, except the
 * hop-by-hop ones. CORS is the function's own (as on Supabase); the stand-in's is added only
 * when the function's response has none.
 */
import http from 'node:http';

const HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade',
	'host'
]);

/** @param {import('node:http').IncomingHttpHeaders} headers */
function passHeaders(headers) {
	/** @type {Record<string, string | string[]>} */
	const out = {};
	for (const [k, v] of Object.entries(headers)) if (v !== undefined && !HOP.has(k)) out[k] = v;
	return out;
}

/**
 * @param {{ curatorUrl: string, log: (m: string) => void }} o
 */
export function createProxy({ curatorUrl, log }) {
	const upstream = new URL(curatorUrl);
	const agent = new http.Agent({ keepAlive: true });

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {Record<string, string>} cors
	 */
	function handle(req, res, cors) {
		return new Promise((resolve) => {
			const target = new URL(/** @type {string} */ (req.url), upstream);
			const out = http.request(
				target,
				{
					method: req.method,
					headers: { ...passHeaders(req.headers), host: upstream.host },
					agent
				},
				(up) => {
					const headers = passHeaders(up.headers);
					if (!('access-control-allow-origin' in headers)) Object.assign(headers, cors);
					res.writeHead(up.statusCode ?? 502, headers);
					res.flushHeaders();
					up.pipe(res);
					up.on('error', () => res.destroy());
					up.on('end', resolve);
					res.on('close', () => {
						if (!up.complete) up.destroy();
						resolve(undefined);
					});
				}
			);
			out.on('error', (e) => {
				if (!res.headersSent) {
					const body = JSON.stringify({
						code: 'curator_unreachable',
						message: `The local stand-in could not reach the curator function at ${curatorUrl} (${/** @type {any} */ (e).code ?? e.message}). Start it with \`npm run functions\` or set CURATOR_URL.`
					});
					res.writeHead(502, { ...cors, 'content-type': 'application/json; charset=utf-8' });
					res.end(body);
				} else res.destroy();
				log(`standin: functions proxy: ${e.message}`);
				resolve(undefined);
			});
			res.on('close', () => {
				if (!res.writableFinished) out.destroy();
			});
			req.pipe(out);
		});
	}

	return { handle, close: () => agent.destroy() };
}
