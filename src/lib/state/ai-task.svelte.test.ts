// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { CuratorError } from '$lib/errors';
import { AiTask } from './ai-task.svelte';

const fail = (error: unknown) => async () => {
	throw error;
};

describe('an AI step as the listener sees it', () => {
	it('says nothing when the step was stopped, however the stop arrived', async () => {
		for (const stop of [
			new CuratorError('ABORTED', 'Cancelled'),
			new DOMException('The operation was aborted.', 'AbortError')
		]) {
			const task = new AiTask();
			expect(await task.run(fail(stop))).toBe(false);
			expect(task.failure).toBeNull();
			expect(task.working).toBe(false);
		}
	});

	it('offline: says so, then runs again by itself once the connection is back', async () => {
		const task = new AiTask();
		let runs = 0;
		const ok = await task.run(async () => {
			runs += 1;
			if (runs === 1) throw new CuratorError('OFFLINE', 'You are offline');
		});
		expect(ok).toBe(false);
		expect(task.failure?.title).toBe('You are offline');
		expect(task.failure?.retry).toBe(true);

		dispatchEvent(new Event('online'));
		await expect.poll(() => runs).toBe(2);
		await expect.poll(() => task.failure).toBeNull();
	});

	it('any other failure keeps the listener’s words and offers Try again', async () => {
		const task = new AiTask();
		await task.run(fail(new CuratorError('UPSTREAM_TIMEOUT', 'slow')));
		expect(task.failure).toEqual({
			title: 'The curator took too long',
			body: 'The AI model did not answer in time. Your input is saved; try again.',
			retry: true
		});
	});
});
