/**
 * Where the local Supabase stand-in's Auth (development/test only) lets an emailed link return:
 * GoTrue's rule (utilities.IsRedirectURLValid) over config.toml's site_url and
 * additional_redirect_urls, plus the app origins the stand-in serves (APP_ORIGINS). A target
 * that is not allowed is replaced by the site URL, never followed: no open redirects.
 */

/**
 * @param {import('./config.mjs').AuthSettings} settings
 * @param {string[]} origins
 * @returns {(to: string | null) => string} the target if allowed, else the site URL
 */
export function redirectRule(settings, origins) {
	const allowList = settings.additionalRedirectUrls.map(globToRegExp);
	return (to) => {
		try {
			if (to && isAllowedRedirect(to, settings.siteUrl, allowList, origins)) return to;
		} catch {
			// not a URL: fall through to the site URL
		}
		return settings.siteUrl;
	};
}

/**
 * GoTrue's redirect check (utilities.IsRedirectURLValid), plus the stand-in's app origins.
 * @param {string} to @param {string} siteUrl @param {RegExp[]} allowList @param {string[]} origins
 */
export function isAllowedRedirect(to, siteUrl, allowList, origins) {
	const url = new URL(to);
	if (origins.includes(url.origin)) return true;
	const loopback = (/** @type {string} */ h) =>
		h === 'localhost' || h === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(h);
	try {
		const site = new URL(siteUrl);
		if (
			site.hostname === url.hostname &&
			site.protocol === url.protocol &&
			(site.port === url.port || loopback(url.hostname))
		)
			return true;
	} catch {
		// no usable site URL: only the other rules apply
	}
	if (/^(127\.\d+\.\d+\.\d+|\[::1\])$/.test(url.hostname)) return true;
	const bare = to.split('#')[0];
	return allowList.some((re) => re.test(bare));
}

/**
 * An additional_redirect_urls entry as GoTrue matches it (a glob whose `*` stops at `.` and
 * `/`, `**` does not, `?` is one such character).
 * @param {string} glob
 */
export function globToRegExp(glob) {
	let re = '';
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === '*' && glob[i + 1] === '*') {
			re += '.*';
			i++;
		} else if (c === '*') re += '[^./]*';
		else if (c === '?') re += '[^./]';
		else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
	}
	return new RegExp(`^${re}$`);
}
