/**
 * The Authorization Code flow with PKCE (RFC 7636), as Spotify runs it for apps that keep no
 * secret: the app makes a random code verifier, sends its S256 challenge (base64url of its
 * SHA-256) with the listener to the authorize page, and proves it holds the verifier when it
 * trades the code for tokens. A random `state` ties the answer to the request that asked.
 */

/** The verifier's alphabet: RFC 7636's unreserved characters. */
const UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';

/** A random string of `length` unreserved characters (43–128 for a verifier). */
export function randomVerifier(length = 64): string {
	// Bytes past the alphabet's largest multiple below 256 are dropped: every character equally likely.
	const limit = 256 - (256 % UNRESERVED.length);
	let out = '';
	while (out.length < length) {
		for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
			if (byte < limit && out.length < length) out += UNRESERVED[byte % UNRESERVED.length];
		}
	}
	return out;
}

export function base64url(bytes: ArrayBuffer | Uint8Array): string {
	let binary = '';
	for (const byte of new Uint8Array(bytes)) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The S256 code challenge of a verifier. */
export async function challengeOf(verifier: string): Promise<string> {
	return base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
}

export interface AuthorizeRequest {
	accountsUrl: string;
	clientId: string;
	redirectUri: string;
	scopes: readonly string[];
	challenge: string;
	state: string;
}

/** Where to send the listener to agree (Spotify's /authorize). */
export function authorizeUrl(req: AuthorizeRequest): string {
	const url = new URL(`${req.accountsUrl}/authorize`);
	url.search = new URLSearchParams({
		client_id: req.clientId,
		response_type: 'code',
		redirect_uri: req.redirectUri,
		code_challenge_method: 'S256',
		code_challenge: req.challenge,
		state: req.state,
		scope: req.scopes.join(' ')
	}).toString();
	return url.toString();
}
