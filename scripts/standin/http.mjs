/** Small HTTP helpers for the local Supabase stand-in (development/test only). */

/** Thrown by handlers to answer with a JSON error. */
export class HttpError extends Error {
	/**
	 * @param {number} status
	 * @param {Record<string, unknown>} body
	 * @param {Record<string, string>} [headers]
	 */
	constructor(status, body, headers = {}) {
		super(String(body.message ?? body.msg ?? status));
		this.status = status;
		this.body = body;
		this.headers = headers;
	}
}

/**
 * Reads a JSON body (empty body → {}).
 * @param {import('node:http').IncomingMessage} req
 * @param {number} [limit] bytes
 * @returns {Promise<any>}
 */
export async function readJson(req, limit = 1 << 20) {
	const chunks = [];
	let size = 0;
	for await (const chunk of req) {
		size += chunk.length;
		if (size > limit) {
			throw new HttpError(413, { code: 'PGRST413', message: 'Request body too large' });
		}
		chunks.push(chunk);
	}
	const text = Buffer.concat(chunks).toString('utf8').trim();
	if (!text) return {};
	try {
		return JSON.parse(text);
	} catch {
		throw new HttpError(400, {
			code: 'PGRST102',
			details: null,
			hint: null,
			message: 'Empty or invalid json'
		});
	}
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {unknown} body
 * @param {Record<string, string>} [headers]
 */
export function sendJson(res, status, body, headers = {}) {
	const text = body === undefined ? '' : JSON.stringify(body);
	res.writeHead(status, {
		...(text ? { 'content-type': 'application/json; charset=utf-8' } : {}),
		'content-length': String(Buffer.byteLength(text)),
		...headers
	});
	res.end(text);
}

/** The bearer token of a request, if any. @param {import('node:http').IncomingMessage} req */
export function bearer(req) {
	const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
	return m ? m[1] : undefined;
}
