/**
 * The browser tests' `test`: every page runs with the world outside 127.0.0.1
 * cut off, except a fake Cover Art Archive (the edge of the world the app
 * shows images from). Nothing reaches the internet.
 */
import { readFileSync } from 'node:fs';
import { test as base } from '@playwright/test';

const COVER = readFileSync('static/icons/icon-192.png');

export const test = base.extend({
	context: async ({ context }, use) => {
		await context.route(
			(url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost',
			(route) => {
				const url = new URL(route.request().url());
				if (url.hostname === 'coverartarchive.org' && /\/front-(250|500)$/.test(url.pathname)) {
					return route.fulfill({ status: 200, contentType: 'image/png', body: COVER });
				}
				return route.abort('internetdisconnected');
			}
		);
		await use(context);
	}
});

export { expect } from '@playwright/test';
