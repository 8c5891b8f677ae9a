/**
 * The steps of a journey as the listener takes them: start from artists, draw the portrait,
 * the conversation turn by turn, a round of recommendations, ratings, the analysis and the
 * choice of where next. Pages call these and render from the store (liveQuery over the reads
 * in ./history), never from an AI response: each step writes its result to Dexie before it
 * returns.
 *
 * This is the door pages use; each step lives in its own module: ./portrait, ./conversation,
 * ./recommendations, ./analysis. Which curator draws a step (the AI curator, or the catalogue
 * curator when the function has no AI provider) is decided in ./curator-choice, and kept with
 * the step (`curator: 'catalogue'`) so the screens can say so.
 */
export type { StepDeps } from './curator-choice';
export { drawPortrait } from './portrait';
export { analysisFor, curatorTurn, sendAnswer } from './conversation';
export { RECOMMENDATION_COUNT, recommendRound, type RecommendedAlbum } from './recommendations';
export { analyseRound, chooseNext, rate, type FeedbackPatch } from './analysis';
