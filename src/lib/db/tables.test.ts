import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNEY_PARTS, SYNCED_TABLES, TABLES } from './tables';
import { CartographerDB } from './schema';

const dir = join(process.cwd(), 'supabase', 'migrations');

/** The text of the newest migration that (re)defines `fn`. */
function newestDefinition(fn: string): string {
	const files = readdirSync(dir)
		.filter((f) => f.endsWith('.sql'))
		.sort()
		.reverse();
	for (const f of files) {
		const sql = readFileSync(join(dir, f), 'utf8');
		const at = sql.search(new RegExp(`create (or replace )?function public\\.${fn}\\(`));
		if (at >= 0) return sql.slice(at, sql.indexOf('\n$$;', at));
	}
	throw new Error(`no migration defines ${fn}`);
}

const servers = SYNCED_TABLES.map((t) => TABLES[t].server).sort();

describe('the registry of synced tables', () => {
	it('names exactly the tables sync_push accepts', () => {
		const push = newestDefinition('sync_push');
		const list = push.match(/t\.relname in \(([^)]*)\)/);
		expect(list).not.toBeNull();
		const accepted = [...list![1].matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
		expect(accepted).toEqual(servers);
	});

	it('names exactly the tables sync_pull reads, each labelled with its own name', () => {
		const pull = newestDefinition('sync_pull');
		const branches = [
			...pull.matchAll(/select '([a-z_]+)'(?: as tbl)?, t\.rev, .*? from public\.([a-z_]+) t/g)
		];
		expect(branches.map((m) => m[1])).toEqual(branches.map((m) => m[2]));
		expect(branches.map((m) => m[2]).sort()).toEqual(servers);
	});

	it('gives every table a word for the listener and its server columns, journey first', () => {
		expect(SYNCED_TABLES[0]).toBe('journeys');
		expect(JOURNEY_PARTS).toEqual(SYNCED_TABLES.slice(1));
		for (const t of SYNCED_TABLES) {
			expect(TABLES[t].word).toMatch(/^an? /);
			expect(TABLES[t].columns).toContain('id');
			if (t !== 'journeys') expect(TABLES[t].columns).toContain('journey_id');
		}
	});

	it('is what the device database opens with', () => {
		const d = new CartographerDB(`test-${crypto.randomUUID()}`);
		for (const t of SYNCED_TABLES) {
			const { primKey, indexes } = d.table(t).schema;
			expect([primKey.src, ...indexes.map((i) => i.src)].join(', ')).toBe(TABLES[t].indexes);
		}
	});
});
