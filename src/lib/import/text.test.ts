/** Text in the encodings exports really arrive in. */
import { describe, expect, it } from 'vitest';
import { parseExport } from './index';

describe('decoding', () => {
	it('accepts text as well as bytes', async () => {
		const result = await parseExport('artists.txt', 'Radiohead\nradiohead\nSlowdive\n');
		expect(result.artists.map((a) => [a.name, a.plays])).toEqual([
			['Radiohead', 2],
			['Slowdive', 1]
		]);
	});

	it('reads a CSV re-saved by Excel as UTF-16', async () => {
		const text = '\uFEFFArtist,Plays\r\nBjörk,3\r\nSigur Rós,2\r\n';
		const bytes = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) {
			bytes[i * 2] = text.charCodeAt(i) & 0xff;
			bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
		}
		const result = await parseExport('artists.csv', bytes);
		expect(result.artists.map((a) => a.name)).toEqual(['Björk', 'Sigur Rós']);
	});

	it('reads a Windows-1252 text list without mojibake', async () => {
		const bytes = new Uint8Array([
			0x42, 0x6a, 0xf6, 0x72, 0x6b, 0x0a, 0x4d, 0x6f, 0x74, 0xf6, 0x72, 0x68, 0x65, 0x61, 0x64
		]);
		const result = await parseExport('artists.txt', bytes);
		expect(result.artists.map((a) => a.name)).toEqual(['Björk', 'Motörhead']);
	});
});
