/**
 * Whether the curator function has an AI provider, asked once (`GET …/curator/status`, no token,
 * no model call) and remembered for a few minutes, so the app picks its curator before a step
 * instead of failing one first: with no provider, the catalogue curator (in the app) answers.
 * Unknown (offline, an older function without the route) means "ask the AI curator": its
 * answer still says AI_NOT_CONFIGURED, and `rememberAiStatus(false)` then takes over.
 */
import { check, CuratorStatus } from '$contract/curator';
import { config, curatorUrl } from '$lib/config';

const FRESH_MS = 5 * 60 * 1000;
let known: { ai: boolean; at: number } | undefined;

export function rememberAiStatus(ai: boolean): void {
	known = { ai, at: Date.now() };
}

/** True or false once the function said so; undefined when it could not be asked. */
export async function aiConfigured(signal?: AbortSignal): Promise<boolean | undefined> {
	if (known && Date.now() - known.at < FRESH_MS) return known.ai;
	try {
		const res = await fetch(curatorUrl('status'), {
			headers: { apikey: config.anonKey },
			signal: signal
				? AbortSignal.any([signal, AbortSignal.timeout(5000)])
				: AbortSignal.timeout(5000)
		});
		if (!res.ok) return undefined;
		const checked = check(CuratorStatus, await res.json());
		if (!checked.ok) return undefined;
		rememberAiStatus(checked.value.ai);
		return checked.value.ai;
	} catch {
		return undefined;
	}
}
