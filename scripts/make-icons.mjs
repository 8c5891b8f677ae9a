// Draws the app icons (PNG) without any image library: a pink disc with a white
// ring and a compass needle on the app's dark ground. Run: node scripts/make-icons.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(buf) {
	let c = 0xffffffff;
	for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
	const len = Buffer.alloc(4);
	len.writeUInt32BE(data.length);
	const td = Buffer.concat([Buffer.from(type), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(td));
	return Buffer.concat([len, td, crc]);
}

function icon(size, scale) {
	const rows = [];
	const c = size / 2;
	for (let y = 0; y < size; y++) {
		const row = Buffer.alloc(1 + size * 3);
		for (let x = 0; x < size; x++) {
			const dx = (x + 0.5 - c) / (size * scale);
			const dy = (y + 0.5 - c) / (size * scale);
			const r = Math.hypot(dx, dy);
			let rgb = [0x1a, 0x1a, 0x1a];
			if (r < 0.42) rgb = [0xff, 0x00, 0x55];
			if (r > 0.36 && r < 0.42) rgb = [0xff, 0xff, 0xff];
			// Needle: a thin diamond pointing north-east.
			const u = (dx + dy) / Math.SQRT2;
			const v = (dx - dy) / Math.SQRT2;
			if (Math.abs(u) * 0.9 + Math.abs(v) * 5 < 0.3 && r < 0.34)
				rgb = v < 0 ? [0xff, 0xff, 0xff] : [0x1a, 0x1a, 0x1a];
			row.set(rgb, 1 + x * 3);
		}
		rows.push(row);
	}
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(size, 0);
	ihdr.writeUInt32BE(size, 4);
	ihdr[8] = 8;
	ihdr[9] = 2;
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr),
		chunk('IDAT', deflateSync(Buffer.concat(rows), { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

writeFileSync('static/icons/icon-192.png', icon(192, 1));
writeFileSync('static/icons/icon-512.png', icon(512, 1));
// Maskable icons must keep their content inside the central 80 % safe zone.
writeFileSync('static/icons/icon-maskable-512.png', icon(512, 1.3));
