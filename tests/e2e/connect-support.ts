/**
 * Control of the shared fakes of Spotify, Last.fm and ListenBrainz over their HTTP APIs, and
 * the steps a listener takes to connect them, for the browser journeys.
 */
import { expect, type Page } from '@playwright/test';
import { TEST_PORTS } from './ports';

const at = (port: number) => `http://127.0.0.1:${port}`;

async function post(url: string, body: unknown = {}) {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body)
	});
	expect(res.ok).toBe(true);
}

export interface SeenRequest {
	method?: string;
	path: string;
	search?: string;
	grant?: string;
	body?: string;
	authorization?: string | null;
}

function fake(port: number) {
	const base = at(port);
	return {
		reset: () => post(`${base}/__fake/reset`),
		mode: (mode: string, times?: number) => post(`${base}/__fake/mode`, { mode, times }),
		requests: async (): Promise<SeenRequest[]> => (await fetch(`${base}/__fake/requests`)).json()
	};
}

export const spotify = {
	...fake(TEST_PORTS.fakeSpotify),
	expire: () => post(`${at(TEST_PORTS.fakeSpotify)}/__fake/expire`),
	revoke: () => post(`${at(TEST_PORTS.fakeSpotify)}/__fake/revoke`),
	hide: (titles: string[]) => post(`${at(TEST_PORTS.fakeSpotify)}/__fake/config`, { hide: titles }),
	state: async (): Promise<{ playlists: { name: string; public: boolean; uris: string[] }[] }> =>
		(await fetch(`${at(TEST_PORTS.fakeSpotify)}/__fake/state`)).json()
};
export const lastfm = fake(TEST_PORTS.fakeLastfm);
export const listenbrainz = fake(TEST_PORTS.fakeListenBrainz);

export async function resetServices() {
	await Promise.all([spotify.reset(), lastfm.reset(), listenbrainz.reset()]);
}

/** On the artists page: connects Spotify through its (fake) page and comes back connected. */
export async function connectSpotify(page: Page) {
	const services = page.getByTestId('services');
	await services.getByRole('button', { name: 'Connect Spotify' }).click();
	await expect(page).toHaveURL(/\/artists$/);
	await expect(page.getByTestId('spotify-connected')).toHaveText('Connected as Ada Listener');
}

/** The journey's row as stored in this browser's IndexedDB. */
export function storedJourney(page: Page, id: string) {
	return page.evaluate(
		(key) =>
			new Promise<{ source: string; artists: { name: string; plays?: number }[] }>(
				(resolve, reject) => {
					const open = indexedDB.open('sonic-cartographer');
					open.onerror = () => reject(open.error);
					open.onsuccess = () => {
						const get = open.result.transaction('journeys').objectStore('journeys').get(key);
						get.onsuccess = () => {
							resolve(get.result);
							open.result.close();
						};
						get.onerror = () => reject(get.error);
					};
				}
			),
		id
	);
}

/** The services this browser keeps connections to (never their tokens, in a test's output). */
export function storedConnections(page: Page) {
	return page.evaluate(
		() =>
			new Promise<string[]>((resolve, reject) => {
				const open = indexedDB.open('sonic-cartographer');
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const all = open.result.transaction('connections').objectStore('connections').getAll();
					all.onsuccess = () => {
						resolve(
							(all.result as { service: string; refreshToken?: string; token?: string }[])
								.filter((r) => r.refreshToken || r.token)
								.map((r) => r.service)
						);
						open.result.close();
					};
				};
			})
	);
}

export function journeyIdOf(page: Page): string {
	const id = /\/journey\/([^/]+)\//.exec(page.url())?.[1];
	expect(id).toBeTruthy();
	return id!;
}
