/**
 * What the listener sees while the model is still writing, per streamed route:
 *
 * - the conversation: the message text, decoded as it arrives (`delta` events), capped at the
 *   longest message a turn may have (LIMITS.messageChars);
 * - recommendations: each album as soon as the model has closed its entry (`album` events),
 *   checked on its own against the contract and the exclude list first; an entry that does not
 *   fit, is excluded, or repeats an album already shown is not sent.
 *
 * The `done` event (structured.ts) is still the whole answer, validated as the JSON route does.
 */
import type { ConverseResult, RecommendRequest, RecommendResult } from './contract/curator.ts';
import { albumIdentityKey } from './contract/identity.ts';
import { CuratorError } from './errors.ts';
import { ItemExtractor, MessageExtractor } from './message-extractor.ts';
import { validateRecommend } from './schemas.ts';
import { albumEvent, deltaEvent, doneEvent } from './sse.ts';
import { STREAM_LIMITS, type StreamSpec } from './structured.ts';

function tooLong(problem: string, what: string): CuratorError {
	return new CuratorError(
		'UPSTREAM_INVALID',
		`The AI model kept talking far past the length of ${what}, so the curator stopped it. Please try again.`,
		{ details: { problem } }
	);
}

/** Drops a high surrogate left at the end of a cut, so the preview stays valid text. */
function withoutLoneSurrogate(text: string): string {
	const last = text.charCodeAt(text.length - 1);
	return last >= 0xd800 && last <= 0xdbff ? text.slice(0, -1) : text;
}

export const converseStream: StreamSpec<unknown, ConverseResult> = {
	preview() {
		const extractor = new MessageExtractor();
		let previewed = 0;
		return {
			push(delta, content, send) {
				const text = extractor.push(delta);
				const room = STREAM_LIMITS.messageChars - previewed;
				if (text.length > room || content.length > STREAM_LIMITS.answerChars) {
					const fits = withoutLoneSurrogate(text.slice(0, Math.max(0, room)));
					if (fits) send(deltaEvent(fits));
					throw tooLong(
						`the message is longer than ${STREAM_LIMITS.messageChars} characters`,
						'a question'
					);
				}
				previewed += text.length;
				if (text) send(deltaEvent(text));
			}
		};
	},
	replay: (result) => [deltaEvent(result.message), doneEvent(result)]
};

export const recommendStream: StreamSpec<RecommendRequest, RecommendResult> = {
	preview(req) {
		const entries = new ItemExtractor('albums');
		// Shown albums count as excluded: the same album twice is shown once, as in `done`.
		const seen = new Set(req.exclude.map(albumIdentityKey));
		return {
			push(delta, content, send) {
				for (const entry of entries.push(delta)) {
					// The whole answer's check, for an answer of this one album.
					const checked = validateRecommend({ albums: [entry] }, []);
					if (!checked.ok) continue;
					const [album] = checked.value.albums;
					const key = albumIdentityKey(album);
					if (seen.has(key)) continue;
					seen.add(key);
					send(albumEvent(album));
				}
				if (content.length > STREAM_LIMITS.albumsChars) {
					throw tooLong(
						`the answer is longer than ${STREAM_LIMITS.albumsChars} characters`,
						'a list of albums'
					);
				}
			}
		};
	},
	replay: (result) => [...result.albums.map(albumEvent), doneEvent(result)]
};
