/**
 * Every way an AI step can fail, as a code. The class and the listener's words for each code
 * live with the app's other errors in $lib/errors; this module is where the curator client
 * takes them from.
 */
export { CuratorError, type CuratorFailure, type FailureText } from '$lib/errors';
