/**
 * The conversation of catalogue mode (no AI provider): three questions drawn from the portrait,
 * each with answers the listener can tap or type, and how the answers steer the round.
 *
 * Pure and deterministic: the same portrait and direction always ask the same questions, so the
 * conversation page can tell a catalogue question from a model's (its text is the one this
 * module would ask) and offer its answers again after a reload or on another device, with
 * nothing stored beyond the messages themselves. An answer typed instead of tapped is read for
 * what it names (a genre, a decade, "close" or "far"); a blank or unreadable one means "no
 * preference", never an error.
 */
import type { ChatMessage, ConverseResult, Direction, PortraitResult } from '$contract/curator';
import { fold } from '$contract/identity';

export const CATALOGUE_QUESTIONS = 3;
export const NO_PREFERENCE = 'No preference';
export const SURPRISE_ME = 'Surprise me';
export const ANY_ERA = 'Any era';
export const CLOSE = 'Close to what I know';
export const FURTHER = 'A step further';
export const FAR = 'Far from home';

export type Distance = 'close' | 'further' | 'far';

/** What the answers ask of the round; undefined fields mean "no preference". */
export interface Steer {
	genre?: string;
	era?: { from: number; to: number; label: string };
	distance: Distance;
	/** A place to hear more from (a geographic centre of the portrait). */
	place?: string;
}

export interface CatalogueQuestion {
	number: number;
	message: string;
	/** The answers to tap, most likely first; each is sent as the listener's answer. */
	choices: string[];
}

const MORE_FROM = 'More from ';

const labels = (facets: readonly { label: string }[], max: number) =>
	facets.slice(0, max).map((f) => f.label);

function question(portrait: PortraitResult, direction: Direction, n: number): CatalogueQuestion {
	if (n === 1) {
		if (direction === 'pivot') {
			return {
				number: 1,
				message:
					'Time to leave the well-trodden paths. Which new territory should this round head for? Tap one, or name a sound you have been curious about.',
				choices: [...labels(portrait.noteworthyGaps, 4), SURPRISE_ME]
			};
		}
		return {
			number: 1,
			message:
				direction === 'reinforced'
					? 'Your favourites last round have something in common. Which thread of your listening should we follow deeper? Tap one, or name a sound.'
					: 'Which thread of your listening should this round follow? Tap one of your genres, or name a sound you have in mind.',
			choices: [...labels(portrait.primaryGenres, 4), SURPRISE_ME]
		};
	}
	if (n === 2) {
		return {
			number: 2,
			message:
				'Which era should the albums come from? Tap one of your eras, or type a decade such as “the 70s”.',
			choices: [...labels(portrait.keyEras, 4), ANY_ERA]
		};
	}
	return {
		number: 3,
		message:
			'Last one: close to home, or somewhere new? Stay near the artists you gave, go a step further, or travel far from them.',
		choices: [
			CLOSE,
			FURTHER,
			FAR,
			...labels(portrait.geographicCenters, 2).map((place) => `${MORE_FROM}${place}`)
		]
	};
}

/** The question numbered `n` (1–3) of a round, as catalogue mode asks it. */
export function catalogueQuestion(
	portrait: PortraitResult,
	direction: Direction,
	n: number
): CatalogueQuestion {
	return question(portrait, direction, Math.min(Math.max(n, 1), CATALOGUE_QUESTIONS));
}

/**
 * The answers to offer under a curator message: its choices when the message is a catalogue
 * question (its text is exactly the one asked), none for a model's question.
 */
export function catalogueChoices(
	portrait: PortraitResult,
	direction: Direction,
	message: { content: string; questionNumber?: number }
): string[] | undefined {
	if (!message.questionNumber) return undefined;
	const asked = catalogueQuestion(portrait, direction, message.questionNumber);
	return asked.number === message.questionNumber && asked.message === message.content
		? asked.choices
		: undefined;
}

const answersOf = (messages: readonly ChatMessage[]) =>
	messages.filter((m) => m.role === 'user').map((m) => m.content);

/** The next turn: a question while fewer than three are answered, then the closing words. */
export function catalogueTurn(req: {
	portrait: PortraitResult;
	direction: Direction;
	messages: readonly ChatMessage[];
}): ConverseResult {
	const answered = answersOf(req.messages).length;
	if (answered < CATALOGUE_QUESTIONS) {
		const q = catalogueQuestion(req.portrait, req.direction, answered + 1);
		return { message: q.message, complete: false, questionNumber: q.number };
	}
	const steer = readAnswers(req.portrait, req.direction, req.messages);
	return {
		message: `Got it: ${describeSteer(steer)}. Five albums from MusicBrainz are on their way.`,
		complete: true,
		questionNumber: CATALOGUE_QUESTIONS
	};
}

/** "trip hop, from the 1990s, a step further from your artists" */
export function describeSteer(steer: Steer): string {
	const parts = [steer.genre ? steer.genre.toLowerCase() : 'any sound'];
	if (steer.era) parts.push(`from the ${steer.era.label}`);
	if (steer.place) parts.push(`with more from ${steer.place}`);
	parts.push(
		steer.distance === 'close'
			? 'close to the artists you gave'
			: steer.distance === 'far'
				? 'far from the artists you gave'
				: 'a step further from your artists'
	);
	return parts.join(', ');
}

const same = (a: string, b: string) => fold(a) === fold(b);

/** "70s", "the 1970s", "late 60s", "1994" → that decade; "recent" → the last fifteen years. */
export function readEra(text: string): Steer['era'] {
	const t = fold(text);
	if (/\b(recent|new|modern|today|latest|now)\b/.test(t)) {
		const year = new Date().getFullYear();
		return { from: year - 15, to: year, label: 'last fifteen years' };
	}
	const full = /\b(1[89]|20)(\d)0\s?s\b/.exec(t) ?? /\b(1[89]|20)(\d)\d\b/.exec(t);
	if (full) {
		const from = Number(full[1]) * 100 + Number(full[2]) * 10;
		return { from, to: from + 9, label: `${from}s` };
	}
	const short = /\b(\d)0\s?s\b/.exec(t);
	if (short) {
		const digit = Number(short[1]);
		const from = (digit >= 3 ? 1900 : 2000) + digit * 10;
		return { from, to: from + 9, label: `${from}s` };
	}
	return undefined;
}

function readDistance(text: string): Pick<Steer, 'distance' | 'place'> {
	if (text.startsWith(MORE_FROM) && text.length > MORE_FROM.length) {
		return { distance: 'close', place: text.slice(MORE_FROM.length).trim() };
	}
	if (same(text, CLOSE)) return { distance: 'close' };
	if (same(text, FURTHER)) return { distance: 'further' };
	if (same(text, FAR)) return { distance: 'far' };
	// "far from home" names home too: distance words are read before nearness ones.
	const t = fold(text);
	if (/\b(far|new|strange|abroad|elsewhere|different|wild|away)\b/.test(t))
		return { distance: 'far' };
	if (/\b(close|familiar|home|near|same|safe)\b/.test(t)) return { distance: 'close' };
	return { distance: 'further' };
}

const NOTHING =
	/^(|no preference|none|no|nothing|any|anything|whatever|surprise me|dont mind|either|skip|not sure)$/;

/** What the three answers ask for (typed or tapped); blank or unreadable answers ask nothing. */
export function readAnswers(
	portrait: PortraitResult,
	direction: Direction,
	messages: readonly ChatMessage[]
): Steer {
	const [genre = '', era = '', distance = ''] = answersOf(messages).map((a) => a.trim());
	const steer: Steer = { distance: 'further' };
	if (!NOTHING.test(fold(genre))) {
		const offered = catalogueQuestion(portrait, direction, 1).choices;
		steer.genre = offered.find((c) => same(c, genre)) ?? genre.slice(0, 100);
	}
	if (!NOTHING.test(fold(era)) && !same(era, ANY_ERA)) steer.era = readEra(era);
	Object.assign(steer, readDistance(distance));
	if (direction === 'pivot' && steer.distance === 'close' && !steer.place) {
		steer.distance = 'further';
	}
	return steer;
}
