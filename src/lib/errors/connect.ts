/**
 * A music service's refusal in the listener's words (ConnectError, from the connect layer). Every
 * body ends by saying what was kept: a failed read of top artists or a failed save touches nothing
 * the listener already has.
 */
import type { ConnectError, ConnectService, FailureText } from './base';

export const SERVICE_NAMES: Record<ConnectService, string> = {
	spotify: 'Spotify',
	lastfm: 'Last.fm',
	listenbrainz: 'ListenBrainz'
};

const KEPT = 'Nothing you already have was changed.';

/** "7 s", "2 min", "4 h": how long to wait, as the listener reads it. */
export function waitWords(seconds: number): string {
	if (seconds < 90) return `${Math.max(1, Math.round(seconds))} s`;
	if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 3600)} h`;
}

export function describeConnect(e: ConnectError): FailureText {
	const name = SERVICE_NAMES[e.service];
	const who = e.extra.user ? `“${e.extra.user}”` : 'that name';
	switch (e.code) {
		case 'OFFLINE':
			return {
				title: 'You are offline',
				body: `${name} needs a connection. ${KEPT} Try again when you are back online.`,
				retry: true
			};
		case 'UNAVAILABLE':
			return {
				title: `${name} is not answering`,
				body: `${name} is down or could not be reached just now. ${KEPT} Try again in a few minutes.`,
				retry: true
			};
		case 'RATE_LIMITED':
			return {
				title: `${name} asks us to slow down`,
				body:
					e.extra.retryAfterSeconds !== undefined
						? `${name} has had too many requests. Try again in ${waitWords(e.extra.retryAfterSeconds)}. ${KEPT}`
						: `${name} has had too many requests. Wait a little and try again. ${KEPT}`,
				retry: true
			};
		case 'REVOKED':
			return {
				title: `${name} disconnected you`,
				body: `${name} no longer accepts this app’s access (it may have been removed in your ${name} account). Connect again to carry on. ${KEPT}`,
				retry: false
			};
		case 'NOT_CONNECTED':
			return {
				title: `Connect ${name} first`,
				body: `This needs your ${name} account. Connect it, then try again. ${KEPT}`,
				retry: false
			};
		case 'NOT_CONFIGURED':
			return { title: `${name} is not set up here`, body: e.message, retry: false };
		case 'DENIED':
			return {
				title: `${name} was not connected`,
				body: `You did not allow the app on ${name}’s page, so nothing was connected. You can connect whenever you like.`,
				retry: false
			};
		case 'UNKNOWN_USER':
			return {
				title: `No such ${name} listener`,
				body: `${name} has no listener called ${who}. Check the spelling of the username. ${KEPT}`,
				retry: false
			};
		case 'PRIVATE':
			return {
				title: 'That profile is private',
				body: `${who} keeps their listening private on ${name}, so their top artists cannot be read. They can make it visible in ${name}’s privacy settings.`,
				retry: false
			};
		case 'NO_STATS':
			return {
				title: 'No statistics yet',
				body: `${name} has not calculated statistics for ${who} for this period yet (it does so daily). Try a longer period, or again tomorrow.`,
				retry: false
			};
		case 'INVALID_TOKEN':
			return {
				title: `${name} refused the token`,
				body: `That ${name} user token is not valid. Copy it again from your ${name} settings page (“User token”). ${KEPT}`,
				retry: false
			};
		case 'OWNER_NEEDS_PREMIUM':
			return {
				title: `${name} refuses this app for now`,
				body: `${name} answered: “${e.message}” This app is in Spotify’s Development Mode, which works only while its owner has Spotify Premium; the operator must renew it (docs/connect.md). ${KEPT}`,
				retry: true
			};
		default:
			return {
				title: `${name} refused`,
				body: `${e.message}. ${KEPT}`,
				retry: true
			};
	}
}
