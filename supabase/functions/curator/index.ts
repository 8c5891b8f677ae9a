/**
 * The curator edge function: routing only. Everything else lives in ../_shared.
 *
 * Answers `POST /functions/v1/curator/{portrait|converse|recommend|analyze}`, `GET …/status`
 * (whether an AI provider is configured), the listener's
 * `POST /functions/v1/curator/account/delete` (../_shared/account.ts), a listener's Last.fm top
 * artists at `POST /functions/v1/curator/lastfm/top-artists` (../_shared/lastfm.ts), and the same paths
 * without the `/functions/v1` prefix (a local Supabase stand-in may proxy to this server).
 * Run locally with `npm run functions` (binds 127.0.0.1, port CURATOR_PORT, default 54321).
 */
import { handleAccountDelete } from '../_shared/account.ts';
import { aiConfigured, readConfig } from '../_shared/config.ts';
import { corsHeaders, preflightResponse } from '../_shared/cors.ts';
import { createDeps, type CuratorDeps } from '../_shared/deps.ts';
import { CuratorError, errorResponse, jsonResponse } from '../_shared/errors.ts';
import { handleLastfmTopArtists } from '../_shared/lastfm.ts';
import { handleRoute } from '../_shared/pipeline.ts';
import { analyzeRoute, converseRoute, portraitRoute, recommendRoute } from '../_shared/routes.ts';

const PATH = /^(?:\/functions\/v1)?\/curator\/([a-z]+)\/?$/;
const ACCOUNT_DELETE = /^(?:\/functions\/v1)?\/curator\/account\/delete\/?$/;
const LASTFM = /^(?:\/functions\/v1)?\/curator\/lastfm\/top-artists\/?$/;

export function createCuratorHandler(deps: CuratorDeps): (request: Request) => Promise<Response> {
	return (request) => {
		if (request.method === 'OPTIONS') {
			return Promise.resolve(preflightResponse(request, deps.config.appOrigins));
		}
		const cors = corsHeaders(request, deps.config.appOrigins);
		const path = new URL(request.url).pathname;
		const name = PATH.exec(path)?.[1];
		// Whether an AI provider is configured (no secret, no model call, no token needed): the
		// app picks its curator from it, the catalogue one in the app when there is none.
		if (request.method === 'GET' && name === 'status') {
			return Promise.resolve(jsonResponse({ ai: aiConfigured(deps.config) }, cors));
		}
		if (request.method === 'POST' && ACCOUNT_DELETE.test(path)) {
			return handleAccountDelete(request, deps, cors);
		}
		if (request.method === 'POST' && LASTFM.test(path)) {
			return handleLastfmTopArtists(request, deps, cors);
		}
		if (request.method === 'POST') {
			switch (name) {
				case 'portrait':
					return handleRoute(portraitRoute, request, deps, cors);
				case 'converse':
					return handleRoute(converseRoute, request, deps, cors);
				case 'recommend':
					return handleRoute(recommendRoute, request, deps, cors);
				case 'analyze':
					return handleRoute(analyzeRoute, request, deps, cors);
			}
		}
		const what = `${request.method} ${new URL(request.url).pathname}`;
		return Promise.resolve(
			errorResponse(new CuratorError('NOT_FOUND', `The curator has no step at ${what}.`), cors)
		);
	};
}

if (import.meta.main) {
	const port = Number(Deno.env.get('CURATOR_PORT') ?? 54321);
	const deps = createDeps(readConfig((name) => Deno.env.get(name)));
	Deno.serve(
		{
			hostname: '127.0.0.1',
			port,
			onListen: ({ hostname, port }) =>
				console.log(`[curator] listening on http://${hostname}:${port}/functions/v1/curator`)
		},
		createCuratorHandler(deps)
	);
}
