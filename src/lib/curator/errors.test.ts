import { describe, expect, it } from 'vitest';
import { describeError } from '$lib/errors';
import { CuratorError } from '$lib/errors';

describe('describeError for UPSTREAM_UNAVAILABLE', () => {
	it('passes on the server’s words when nothing answers at the AI server’s address', () => {
		const message =
			'The curator cannot reach its AI server: nothing answers at http://127.0.0.1:11434 — is Ollama running?';
		const text = describeError(new CuratorError('UPSTREAM_UNAVAILABLE', message, 503));
		expect(text.body).toContain('nothing answers at http://127.0.0.1:11434 — is Ollama running?');
		expect(text.title).toBe('The AI server is not running');
		expect(text.retry).toBe(true);
	});

	it('keeps the general words for a provider that is down', () => {
		const text = describeError(
			new CuratorError('UPSTREAM_UNAVAILABLE', 'The AI model is unavailable right now.', 503)
		);
		expect(text.body).toMatch(/down or overloaded/);
	});
});
