/**
 * Work the first screen does not need — registering the service worker, starting sync,
 * reading the latest journey — runs once the page has painted its first content, so its
 * code is fetched after the first paint instead of delaying it (the first page's JavaScript
 * budget, tests/e2e/budget.spec.ts). Later pages have painted long before: it runs at once.
 */
const FALLBACK_MS = 1000;

export function afterFirstPaint(task: () => void): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		task();
	};
	const painted = () => performance.getEntriesByName('first-contentful-paint').length > 0;
	// A hidden tab paints nothing; an earlier page of this visit has painted already.
	if (document.visibilityState === 'hidden' || painted()) {
		setTimeout(run, 0);
		return;
	}
	try {
		const observer = new PerformanceObserver(() => {
			if (!painted()) return;
			observer.disconnect();
			setTimeout(run, 0);
		});
		observer.observe({ type: 'paint', buffered: true });
	} catch {
		// No paint timing in this browser: the fallback below runs it.
	}
	// A browser without paint timing, or a screen with nothing to paint, still gets it soon.
	setTimeout(run, FALLBACK_MS);
}
