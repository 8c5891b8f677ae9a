/**
 * The Auth settings of the local Supabase stand-in (development/test only), read from
 * supabase/config.toml: the file a real project is configured from (`supabase start`,
 * `supabase config push`), so the stand-in and a real project follow one source of truth.
 *
 * A small reader for the part of TOML that file uses — tables (`[auth.email]`, quoted parts
 * allowed), `key = value` with bare, quoted or dotted keys, basic and literal strings,
 * integers, floats, booleans, arrays (also over several lines) and comments — so no
 * dependency is needed. `env(NAME)` values are kept as written: the CLI resolves them, the
 * stand-in uses only settings that have plain values. Anything else is an error naming the
 * line, never a silent guess.
 */
import { readFileSync } from 'node:fs';

/** @typedef {string | number | boolean | TomlValue[] | { [key: string]: TomlValue }} TomlValue */

/**
 * Parses the TOML subset described above.
 * @param {string} text
 * @returns {Record<string, any>}
 */
export function parseToml(text) {
	/** @type {Record<string, any>} */
	const root = {};
	let table = root;
	let i = 0;
	let line = 1;
	const fail = (/** @type {string} */ why) => {
		throw new Error(`config.toml line ${line}: ${why}`);
	};
	const peek = () => text[i];
	/** Skips spaces and tabs, and with `newlines` also line breaks and comments. */
	const skip = (newlines = false) => {
		while (i < text.length) {
			const c = text[i];
			if (c === ' ' || c === '\t' || c === '\r') i++;
			else if (c === '#') while (i < text.length && text[i] !== '\n') i++;
			else if (newlines && c === '\n') {
				i++;
				line++;
			} else break;
		}
	};

	const basicString = () => {
		i++; // opening quote
		let out = '';
		while (i < text.length && text[i] !== '"') {
			if (text[i] === '\n') fail('unterminated string');
			if (text[i] === '\\') {
				const e = text[i + 1];
				const simple = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\' };
				if (e in simple) {
					out += simple[/** @type {keyof typeof simple} */ (e)];
					i += 2;
				} else if (e === 'u' || e === 'U') {
					const len = e === 'u' ? 4 : 8;
					const hex = text.slice(i + 2, i + 2 + len);
					if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) fail('bad unicode escape');
					out += String.fromCodePoint(parseInt(hex, 16));
					i += 2 + len;
				} else fail(`unknown escape \\${e}`);
			} else out += text[i++];
		}
		if (text[i] !== '"') fail('unterminated string');
		i++;
		return out;
	};
	const literalString = () => {
		const end = text.indexOf("'", i + 1);
		const nl = text.indexOf('\n', i + 1);
		if (end < 0 || (nl >= 0 && nl < end)) fail('unterminated string');
		const out = text.slice(i + 1, end);
		i = end + 1;
		return out;
	};

	/** One key part: bare, "basic" or 'literal'. */
	const keyPart = () => {
		skip();
		if (peek() === '"') return basicString();
		if (peek() === "'") return literalString();
		const m = /^[A-Za-z0-9_-]+/.exec(text.slice(i));
		if (!m) fail('expected a key');
		i += /** @type {RegExpExecArray} */ (m)[0].length;
		return /** @type {RegExpExecArray} */ (m)[0];
	};
	/** A dotted key: a.b."c d". */
	const key = () => {
		const parts = [keyPart()];
		skip();
		while (peek() === '.') {
			i++;
			parts.push(keyPart());
			skip();
		}
		return parts;
	};

	/** @returns {TomlValue} */
	const value = () => {
		skip();
		const c = peek();
		if (text.startsWith('"""', i) || text.startsWith("'''", i))
			fail('multi-line strings are not supported');
		if (c === '"') return basicString();
		if (c === "'") return literalString();
		if (c === '[') {
			i++;
			/** @type {TomlValue[]} */
			const out = [];
			for (;;) {
				skip(true);
				if (peek() === ']') break;
				out.push(value());
				skip(true);
				if (peek() === ',') i++;
				else if (peek() !== ']') fail('expected , or ] in an array');
			}
			i++;
			return out;
		}
		if (c === '{') fail('inline tables are not supported');
		const m = /^[^\s,\]#]+/.exec(text.slice(i));
		if (!m) fail('expected a value');
		const raw = /** @type {RegExpExecArray} */ (m)[0];
		i += raw.length;
		if (raw === 'true') return true;
		if (raw === 'false') return false;
		if (/^[+-]?(0|[1-9](_?[0-9])*)$/.test(raw)) return Number(raw.replace(/_/g, ''));
		if (/^[+-]?(0|[1-9](_?[0-9])*)(\.[0-9](_?[0-9])*)?([eE][+-]?[0-9]+)?$/.test(raw))
			return Number(raw.replace(/_/g, ''));
		return fail(`unsupported value ${raw}`);
	};

	/** The table at a path, created on the way. @param {Record<string, any>} from @param {string[]} path */
	const tableAt = (from, path) => {
		let t = from;
		for (const p of path) {
			if (t[p] === undefined) t[p] = {};
			else if (typeof t[p] !== 'object' || Array.isArray(t[p])) fail(`${p} is not a table`);
			t = t[p];
		}
		return t;
	};

	while (i < text.length) {
		skip(true);
		if (i >= text.length) break;
		if (text.startsWith('[[', i)) fail('arrays of tables are not supported');
		if (peek() === '[') {
			i++;
			const path = key();
			if (peek() !== ']') fail('expected ] after a table name');
			i++;
			table = tableAt(root, path);
		} else {
			const path = key();
			if (peek() !== '=') fail('expected = after a key');
			i++;
			const v = value();
			const parent = tableAt(table, path.slice(0, -1));
			const name = /** @type {string} */ (path.at(-1));
			if (name in parent) fail(`${path.join('.')} is defined twice`);
			parent[name] = v;
		}
		skip();
		if (i < text.length && peek() !== '\n') fail('expected the end of the line');
	}
	return root;
}

/**
 * The Auth settings the stand-in emulates, with the Supabase CLI's defaults for absent keys.
 * @typedef {{ siteUrl: string, additionalRedirectUrls: string[], jwtExpiry: number,
 *   enableSignup: boolean, enableAnonymousSignIns: boolean, minimumPasswordLength: number,
 *   enableConfirmations: boolean }} AuthSettings
 */

/** An `env(NAME)` value is the CLI's to resolve: the stand-in treats it as absent. */
const plain = (/** @type {unknown} */ v) =>
	typeof v === 'string' && /^env\([^)]*\)$/.test(v.trim()) ? undefined : v;

/**
 * @param {Record<string, any>} toml parsed config.toml
 * @returns {AuthSettings}
 */
export function authSettings(toml) {
	const auth = toml.auth ?? {};
	const email = auth.email ?? {};
	/** @template T @param {any} v @param {T} fallback @param {string} name @returns {T} */
	const pick = (v, fallback, name) => {
		v = plain(v);
		if (v === undefined) return fallback;
		if (typeof v !== typeof fallback || (Array.isArray(fallback) && !Array.isArray(v)))
			throw new Error(
				`config.toml: ${name} should be a ${Array.isArray(fallback) ? 'list' : typeof fallback}`
			);
		return v;
	};
	const settings = {
		siteUrl: pick(auth.site_url, 'http://127.0.0.1:3000', 'auth.site_url'),
		additionalRedirectUrls: /** @type {string[]} */ (
			pick(auth.additional_redirect_urls, [], 'auth.additional_redirect_urls')
		).filter((u) => typeof plain(u) === 'string'),
		jwtExpiry: pick(auth.jwt_expiry, 3600, 'auth.jwt_expiry'),
		enableSignup: pick(auth.enable_signup, true, 'auth.enable_signup'),
		enableAnonymousSignIns: pick(
			auth.enable_anonymous_sign_ins,
			false,
			'auth.enable_anonymous_sign_ins'
		),
		minimumPasswordLength: pick(auth.minimum_password_length, 6, 'auth.minimum_password_length'),
		enableConfirmations: pick(email.enable_confirmations, false, 'auth.email.enable_confirmations')
	};
	if (!Number.isInteger(settings.jwtExpiry) || settings.jwtExpiry <= 0)
		throw new Error('config.toml: auth.jwt_expiry should be a positive number of seconds');
	if (!Number.isInteger(settings.minimumPasswordLength) || settings.minimumPasswordLength < 0)
		throw new Error('config.toml: auth.minimum_password_length should be a whole number');
	return settings;
}

/** Reads a config.toml file's Auth settings. @param {string} path */
export function readAuthSettings(path) {
	let text;
	try {
		text = readFileSync(path, 'utf8');
	} catch (e) {
		throw new Error(`Cannot read the Supabase config ${path}: ${/** @type {Error} */ (e).message}`);
	}
	try {
		return authSettings(parseToml(text));
	} catch (e) {
		throw new Error(`${path}: ${/** @type {Error} */ (e).message}`);
	}
}
