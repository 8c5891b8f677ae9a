/**
 * The app's own status: is a new version waiting, are we online, has storage
 * been made persistent. One instance for the whole app. The service worker is
 * registered (and workbox-window loaded) once the first page has painted.
 */
import { isOffline } from '$lib/errors/online';
import { afterFirstPaint } from './after-paint';

class AppStatus {
	online = $state(true);
	updateAvailable = $state(false);
	offlineReady = $state(false);
	#updateSW: ((reload?: boolean) => Promise<void>) | undefined;
	#persistAsked = false;

	start(): () => void {
		this.online = !isOffline();
		const on = () => (this.online = true);
		const off = () => (this.online = false);
		addEventListener('online', on);
		addEventListener('offline', off);
		if ('serviceWorker' in navigator) afterFirstPaint(() => void this.#register());
		return () => {
			removeEventListener('online', on);
			removeEventListener('offline', off);
		};
	}

	async #register(): Promise<void> {
		const { registerSW } = await import('virtual:pwa-register');
		this.#updateSW = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.updateAvailable = true),
			onOfflineReady: () => (this.offlineReady = true),
			// Browsers check for a new worker only now and then; an installed app
			// may stay open for days, so look on start, when shown, and hourly.
			onRegisteredSW: (_url, registration) => {
				if (!registration) return;
				const check = () => {
					if (!isOffline()) registration.update().catch(() => {});
				};
				check();
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') check();
				});
				setInterval(check, 60 * 60 * 1000);
			}
		});
	}

	async applyUpdate(): Promise<void> {
		// If this page was not controlled when the new worker activated,
		// updateSW(true) never reloads (shared/TOOLCHAIN.md, pitfall 3).
		navigator.serviceWorker?.addEventListener('controllerchange', () => location.reload(), {
			once: true
		});
		await this.#updateSW?.(true);
	}

	/** Ask once, when the listener has something worth keeping, that the browser not evict our data. */
	async persistStorage(): Promise<void> {
		if (this.#persistAsked || !navigator.storage?.persist) return;
		this.#persistAsked = true;
		try {
			if (!(await navigator.storage.persisted())) await navigator.storage.persist();
		} catch {
			// Not supported or refused: data still lives in IndexedDB, just evictable.
		}
	}
}

export const appStatus = new AppStatus();
