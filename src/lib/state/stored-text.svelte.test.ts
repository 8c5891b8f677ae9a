import { describe, expect, it } from 'vitest';
import { StoredText } from './stored-text.svelte';

/** One stored answer, written through `save` the way Dexie would: a moment later. */
function setup(initial = '', fail = false) {
	const store = $state({ value: initial });
	const writes: string[] = [];
	const save = async (text: string) => {
		writes.push(text);
		await Promise.resolve();
		if (fail) throw new Error('disk full');
		store.value = text;
	};
	const field = new StoredText(() => store.value, save, 10);
	return { store, writes, field };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

describe('a stored answer edited in one field', () => {
	it('leaving the field without typing writes nothing, even when another tab changed it', async () => {
		const { store, writes, field } = setup('');
		store.value = 'Written in the other tab';
		expect(field.value).toBe('Written in the other tab');
		field.focus();
		field.blur();
		await settle();
		expect(writes).toEqual([]);
		expect(store.value).toBe('Written in the other tab');
	});

	it('writes what the listener typed, once, and then follows the store again', async () => {
		const { store, writes, field } = setup('');
		field.focus();
		field.input('Warm');
		field.input('Warm bass');
		expect(field.value).toBe('Warm bass');
		field.blur();
		await settle();
		expect(writes).toEqual(['Warm bass']);
		expect(store.value).toBe('Warm bass');
		store.value = 'Changed on the phone';
		expect(field.value).toBe('Changed on the phone');
	});

	it('while the listener types, a change from elsewhere does not replace their words', () => {
		const { store, field } = setup('Old');
		field.focus();
		field.input('New words');
		store.value = 'Other tab';
		expect(field.value).toBe('New words');
	});

	it('keeps the words on screen when they cannot be saved, and tries again on leaving', async () => {
		const { writes, field } = setup('', true);
		field.focus();
		field.input('Heard it twice');
		field.blur();
		await settle();
		expect(field.value).toBe('Heard it twice');
		expect(field.unsaved).toBe(true);
		field.focus();
		field.blur();
		await settle();
		expect(writes).toEqual(['Heard it twice', 'Heard it twice']);
	});
});
