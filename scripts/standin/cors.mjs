/**
 * CORS for the local Supabase stand-in (development/test only): the app origins (APP_ORIGINS)
 * may call every endpoint with the headers supabase-js sends.
 */

export const DEFAULT_APP_ORIGINS = ['http://127.0.0.1:4173', 'http://localhost:4173'];

const ALLOW_HEADERS = [
	'authorization',
	'apikey',
	'x-client-info',
	'content-type',
	'prefer',
	'accept-profile',
	'content-profile',
	'x-supabase-api-version',
	'range',
	'x-upsert',
	'idempotency-key'
].join(', ');

/** @param {string | undefined} value */
export function parseOrigins(value) {
	return (value ?? '')
		.split(',')
		.map((s) => s.trim().replace(/\/+$/, ''))
		.filter(Boolean);
}

/**
 * The CORS headers for a request's origin ({} when it is not an app origin).
 * @param {string[]} origins
 * @param {string | undefined} origin
 * @returns {Record<string, string>}
 */
export function corsHeaders(origins, origin) {
	if (!origin || !origins.includes(origin)) return { vary: 'Origin' };
	return {
		'access-control-allow-origin': origin,
		'access-control-allow-credentials': 'true',
		'access-control-expose-headers': 'content-range, x-supabase-api-version, content-type',
		vary: 'Origin'
	};
}

/**
 * Answers a preflight.
 * @param {string[]} origins
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function preflight(origins, req, res) {
	const base = corsHeaders(origins, req.headers.origin);
	const allowed = 'access-control-allow-origin' in base;
	res.writeHead(allowed ? 204 : 403, {
		...base,
		...(allowed
			? {
					'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
					// The list supabase-js sends, plus whatever else this preflight asks for.
					'access-control-allow-headers': [
						ALLOW_HEADERS,
						req.headers['access-control-request-headers']
					]
						.filter(Boolean)
						.join(', '),
					'access-control-max-age': '600'
				}
			: {}),
		'content-length': '0'
	});
	res.end();
}
