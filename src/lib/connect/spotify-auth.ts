/**
 * Spotify's accounts service for a public client (PKCE, no secret): trading the authorization code
 * for tokens, and refreshing them. With PKCE each refresh answers a new refresh token and the old
 * one stops working, so whoever refreshes must store the new pair before anyone refreshes again
 * (services/spotify-session.ts does, under a lock). Errors come in the OAuth shape
 * (`{ error, error_description }`), not the Web API's: `invalid_grant` on a refresh means the
 * listener's grant is gone — removed in their account, or a refresh token already used.
 */
import { ConnectError } from '$lib/errors/base';
import {
	isObject,
	json,
	retryAfterSeconds,
	send,
	text,
	type RequestOptions,
	type ServiceAnswer
} from './http';

/** What the app asks of the listener's account: their top artists, and private playlists. */
export const SPOTIFY_SCOPES = ['user-top-read', 'playlist-modify-private'] as const;

export interface SpotifyTokens {
	accessToken: string;
	refreshToken: string;
	/** When the access token stops working (ms since epoch). */
	expiresAt: number;
	scope: string;
}

export interface AccountsClient {
	accountsUrl: string;
	clientId: string;
}

/**
 * The token endpoint's answer as tokens, or the ConnectError it means. A refresh that answers no
 * refresh token (a confidential client's habit) keeps the one it was made with.
 */
export function readTokenAnswer(
	answer: ServiceAnswer,
	grant: 'authorization_code' | 'refresh_token',
	now = Date.now(),
	previousRefresh?: string
): SpotifyTokens {
	const body = json(answer.text);
	if (answer.status === 200 && isObject(body)) {
		const accessToken = text(body.access_token);
		const expiresIn = Number(body.expires_in);
		const refreshToken = text(body.refresh_token) ?? previousRefresh;
		if (accessToken && refreshToken && Number.isFinite(expiresIn) && expiresIn > 0) {
			return {
				accessToken,
				refreshToken,
				expiresAt: now + expiresIn * 1000,
				scope: text(body.scope) ?? ''
			};
		}
	}
	const error = isObject(body) ? text(body.error) : undefined;
	const description = (isObject(body) && text(body.error_description)) || error || '';
	if (error === 'invalid_grant') {
		return grant === 'refresh_token'
			? revoked(description, answer.status)
			: fail(
					'REJECTED',
					`Spotify did not accept the sign-in (${description}); connect again`,
					answer
				);
	}
	if (error === 'invalid_client') {
		throw new ConnectError(
			'spotify',
			'NOT_CONFIGURED',
			'Spotify does not know this app’s client ID. The operator must check PUBLIC_SPOTIFY_CLIENT_ID and the redirect URI registered for the app (docs/connect.md).',
			{ status: answer.status }
		);
	}
	if (answer.status === 429) {
		throw new ConnectError('spotify', 'RATE_LIMITED', 'Too many requests', {
			status: 429,
			retryAfterSeconds: retryAfterSeconds(answer.headers)
		});
	}
	if (answer.status >= 500 || answer.status === 200) {
		return fail('UNAVAILABLE', `Spotify's accounts service answered ${answer.status}`, answer);
	}
	return fail('REJECTED', `Spotify refused the sign-in (${description || answer.status})`, answer);
}

function fail(code: 'REJECTED' | 'UNAVAILABLE', message: string, answer: ServiceAnswer): never {
	throw new ConnectError('spotify', code, message, { status: answer.status });
}

function revoked(description: string, status: number): never {
	throw new ConnectError(
		'spotify',
		'REVOKED',
		`Spotify refused the refresh token (${description})`,
		{
			status
		}
	);
}

async function tokenRequest(
	client: AccountsClient,
	form: Record<string, string>,
	opts: RequestOptions
) {
	return send(
		'spotify',
		`${client.accountsUrl}/api/token`,
		{
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ ...form, client_id: client.clientId }).toString()
		},
		opts
	);
}

/** Trades the authorization code (and the verifier it was asked with) for tokens. */
export async function exchangeCode(
	client: AccountsClient,
	grant: { code: string; verifier: string; redirectUri: string },
	opts: RequestOptions = {}
): Promise<SpotifyTokens> {
	const answer = await tokenRequest(
		client,
		{
			grant_type: 'authorization_code',
			code: grant.code,
			redirect_uri: grant.redirectUri,
			code_verifier: grant.verifier
		},
		opts
	);
	return readTokenAnswer(answer, 'authorization_code');
}

/** A new access token, and with PKCE a new refresh token: the old one is spent. */
export async function refreshAccess(
	client: AccountsClient,
	refreshToken: string,
	opts: RequestOptions = {}
): Promise<SpotifyTokens> {
	const answer = await tokenRequest(
		client,
		{ grant_type: 'refresh_token', refresh_token: refreshToken },
		opts
	);
	return readTokenAnswer(answer, 'refresh_token', Date.now(), refreshToken);
}
