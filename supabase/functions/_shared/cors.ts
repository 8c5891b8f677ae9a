/**
 * CORS for the app's origins (APP_ORIGINS). The origin is echoed only when allowed, so a page
 * on any other origin cannot read curator answers even if it holds a token.
 */

const ALLOWED_HEADERS =
	'authorization, content-type, accept, idempotency-key, apikey, x-client-info';
const EXPOSED_HEADERS = 'retry-after, idempotent-replayed';

export function corsHeaders(request: Request, allowedOrigins: readonly string[]): Headers {
	const headers = new Headers({ vary: 'Origin' });
	const origin = request.headers.get('origin');
	if (!origin) return headers;
	if (allowedOrigins.includes('*') || allowedOrigins.includes(origin)) {
		headers.set('access-control-allow-origin', origin);
		headers.set('access-control-expose-headers', EXPOSED_HEADERS);
	}
	return headers;
}

/** Answers an OPTIONS preflight; a disallowed origin gets no allow-origin and the browser blocks. */
export function preflightResponse(request: Request, allowedOrigins: readonly string[]): Response {
	const headers = corsHeaders(request, allowedOrigins);
	if (headers.has('access-control-allow-origin')) {
		headers.set('access-control-allow-methods', 'POST, OPTIONS');
		headers.set('access-control-allow-headers', ALLOWED_HEADERS);
		headers.set('access-control-max-age', '600');
	}
	return new Response(null, { status: 204, headers });
}
