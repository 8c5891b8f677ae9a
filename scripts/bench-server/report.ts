/** The server benchmark's table: one row per case, ours beside the bare baseline. */
import type { Result } from './pgbench';

export interface Row {
	buffers?: { real: number; bare: number };
	what: string;
	listeners: number;
	ownRows: string;
	tableRows: string;
	real: Result;
	bare: Result;
	rowsPerCall: number;
}

export const fmt = (n: number, digits = 1) =>
	n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
export const count = (n: number) =>
	n >= 1e6 ? `${fmt(n / 1e6, n % 1e6 ? 2 : 0)}M` : n >= 1e3 ? `${fmt(n / 1e3, 0)}k` : String(n);

export function printTable(rows: readonly Row[]) {
	const head = [
		'case',
		'listeners',
		'own rows',
		'table rows',
		'calls/s',
		'rows/s',
		'p50 ms',
		'p95 ms',
		'bare calls/s',
		'bare p50',
		'bare p95',
		'× bare p50',
		'buffers',
		'bare buffers'
	];
	const body = rows.map((r) => [
		r.what,
		String(r.listeners),
		r.ownRows,
		r.tableRows,
		fmt(r.real.tps),
		fmt(r.real.tps * r.rowsPerCall, 0),
		fmt(r.real.p50, 2),
		fmt(r.real.p95, 2),
		fmt(r.bare.tps),
		fmt(r.bare.p50, 2),
		fmt(r.bare.p95, 2),
		`${fmt(r.real.p50 / r.bare.p50, 2)}×`,
		r.buffers ? fmt(r.buffers.real, 0) : '',
		r.buffers ? fmt(r.buffers.bare, 0) : ''
	]);
	const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
	const line = (cells: string[]) =>
		`| ${cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
	console.log(line(head));
	console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
	for (const b of body) console.log(line(b));
}
