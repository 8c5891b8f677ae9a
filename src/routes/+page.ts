import { mayHaveJourneys } from '$lib/services/device';
import type { PageLoad } from './$types';

// Known before the first paint (one quick question to the browser, no database code), so the
// page draws the right shape at once: a new listener's "Start discovery", or the room the
// latest journey will take.
export const load = (async () => ({ returning: await mayHaveJourneys() })) satisfies PageLoad;
