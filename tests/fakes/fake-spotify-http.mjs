/**
 * How the fake Spotify (fake-spotify.mjs) answers over HTTP: CORS for the browser, JSON bodies,
 * the Web API's errors ({error: {status, message}}) and the accounts service's OAuth ones
 * ({error, error_description}), and reading a request's body.
 */
export const cors = {
	'Access-Control-Allow-Origin': '*',
	'Access-Control-Allow-Headers': 'Authorization, Content-Type',
	'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE',
	'Access-Control-Expose-Headers': 'Retry-After'
};
export const json = (res, status, body, headers = {}) => {
	res.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		...cors,
		...headers
	});
	res.end(JSON.stringify(body));
};
export const apiError = (res, status, message, headers = {}) =>
	json(res, status, { error: { status, message } }, headers);
export const oauthError = (res, status, error, description) =>
	json(res, status, { error, error_description: description });
export const readBody = (req) =>
	new Promise((resolve) => {
		let data = '';
		req.on('data', (c) => (data += c));
		req.on('end', () => resolve(data));
	});
