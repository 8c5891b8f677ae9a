/**
 * The fake Spotify's accounts service (what accounts.spotify.com does for a public client with
 * PKCE): GET /authorize checks the client and the redirect URI and sends the browser back with a
 * code (or ?error=access_denied in the 'deny' mode); POST /api/token trades a code whose
 * code_verifier hashes to its code_challenge, or a refresh token (each works once), for tokens.
 * The tokens it issues are the ones the Web API (fake-spotify-web-api.mjs) accepts.
 */
import { createHash } from 'node:crypto';
import { secret } from './fake-spotify-catalog.mjs';
import { json, oauthError, readBody } from './fake-spotify-http.mjs';

const S256 = (verifier) => createHash('sha256').update(verifier).digest('base64url');

/**
 * @param {{ clientId: string, store: object, takeMode: (at: string) => string }} fake the fake's
 *   client id, its state (codes, tokens, settings, the request log) and its modes
 */
export function accountsService({ clientId, store, takeMode }) {
	function issue(scope) {
		const token = secret('BQ');
		const renewal = secret('AQ');
		store.access.set(token, {
			expiresAt: Date.now() + store.settings.expiresIn * 1000,
			scope,
			revoked: false
		});
		store.refresh.set(renewal, { used: false, scope });
		return {
			access_token: token,
			token_type: 'Bearer',
			expires_in: store.settings.expiresIn,
			refresh_token: renewal,
			scope
		};
	}

	async function authorize(req, res, url) {
		const p = url.searchParams;
		const page = (status, text) => {
			res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(`<!doctype html><title>Error</title><p>${text}</p>`);
		};
		if (p.get('client_id') !== clientId) return page(400, 'INVALID_CLIENT: Invalid client');
		const redirect = p.get('redirect_uri') ?? '';
		let target;
		try {
			target = new URL(redirect);
		} catch {
			return page(400, 'INVALID_CLIENT: Invalid redirect URI');
		}
		if (!/^(127\.0\.0\.1|\[::1\])$/.test(target.hostname) && target.protocol !== 'https:') {
			return page(400, 'INVALID_CLIENT: Insecure redirect URI');
		}
		if (p.get('response_type') !== 'code') return page(400, 'unsupported_response_type');
		const state = p.get('state');
		if (state !== null) target.searchParams.set('state', state);
		if (takeMode('authorize') === 'deny') {
			target.searchParams.set('error', 'access_denied');
		} else if (p.get('code_challenge_method') !== 'S256' || !p.get('code_challenge')) {
			target.searchParams.set('error', 'invalid_request');
		} else {
			const code = secret('AQ');
			store.codes.set(code, {
				challenge: p.get('code_challenge'),
				redirectUri: redirect,
				scope: (p.get('scope') ?? '').split(/\s+/).filter(Boolean).join(' ')
			});
			target.searchParams.set('code', code);
		}
		res.writeHead(302, { Location: target.toString() });
		res.end();
	}

	async function token(req, res) {
		const form = new URLSearchParams(await readBody(req));
		store.log.at(-1).grant = form.get('grant_type');
		if (form.get('client_id') !== clientId) {
			return oauthError(res, 400, 'invalid_client', 'Invalid client');
		}
		if (form.get('grant_type') === 'authorization_code') {
			const grant = store.codes.get(form.get('code') ?? '');
			if (!grant) return oauthError(res, 400, 'invalid_grant', 'Invalid authorization code');
			store.codes.delete(form.get('code'));
			if (grant.redirectUri !== form.get('redirect_uri')) {
				return oauthError(res, 400, 'invalid_grant', 'Invalid redirect URI');
			}
			if (S256(form.get('code_verifier') ?? '') !== grant.challenge) {
				return oauthError(res, 400, 'invalid_grant', 'code_verifier was incorrect');
			}
			return json(res, 200, issue(grant.scope));
		}
		if (form.get('grant_type') === 'refresh_token') {
			const old = store.refresh.get(form.get('refresh_token') ?? '');
			if (!old || old.used) return oauthError(res, 400, 'invalid_grant', 'Refresh token revoked');
			old.used = true;
			return json(res, 200, issue(old.scope));
		}
		return oauthError(
			res,
			400,
			'unsupported_grant_type',
			'grant_type must be client_credentials, authorization_code or refresh_token'
		);
	}

	return { authorize, token };
}
