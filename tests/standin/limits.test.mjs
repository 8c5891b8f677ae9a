// Local Supabase stand-in (scripts/standin), RPC limits of a real project: STABLE and IMMUTABLE
// functions run read-only, and API roles have Supabase's statement_timeout. Test-only functions
// are created here, as the database owner. Run: node --test tests/standin/
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startStandin } from '../../scripts/standin/index.mjs';
import { clientFor, email } from './helpers.mjs';

/** @typedef {Awaited<ReturnType<typeof startStandin>>} Standin */
/** @type {Standin} */ let s;
/** @type {Standin} */ let strict;

const TEST_FUNCTIONS = `
	create table public.limits_notes (id bigint generated always as identity primary key, note text);
	grant insert, select on public.limits_notes to anon, authenticated;

	create function public.limits_note(p_note text) returns bigint
	language sql volatile as $$ insert into public.limits_notes (note) values (p_note) returning id $$;

	-- Declared stable, but writes through a volatile helper: PostgreSQL itself allows that.
	create function public.limits_stable_note(p_note text) returns bigint
	language plpgsql stable as $$ begin return public.limits_note(p_note); end $$;

	create function public.limits_volatile_note(p_note text) returns bigint
	language plpgsql volatile as $$ begin return public.limits_note(p_note); end $$;

	create function public.limits_timeout() returns text
	language sql stable as $$ select current_setting('statement_timeout') $$;

	-- Busy for p_rows rows of work first (PGlite's sleep hardly uses the CPU the limit counts).
	create function public.limits_slow_note(p_note text, p_rows integer) returns bigint
	language plpgsql volatile as $$
	begin
		perform count(*) from generate_series(1, p_rows) g where md5(g::text) like 'x%';
		return public.limits_note(p_note);
	end $$;

	grant execute on function public.limits_stable_note(text), public.limits_volatile_note(text),
		public.limits_timeout(), public.limits_slow_note(text, integer) to anon, authenticated;
`;

before(async () => {
	s = await startStandin({ port: 0, dataDir: ':memory:', quiet: true });
	strict = await startStandin({
		port: 0,
		dataDir: ':memory:',
		quiet: true,
		statementTimeout: { authenticated: '200ms' }
	});
	for (const standin of [s, strict]) await standin.query(TEST_FUNCTIONS);
});

after(async () => {
	await Promise.all([s, strict].map((x) => x?.stop()));
});

/** @param {Standin} standin */
async function signedIn(standin) {
	const c = clientFor(standin);
	await c.auth.signUp({ email: email(), password: 'secret-12' });
	return c;
}

/** @param {Standin} standin @param {string} note */
const notes = async (standin, note) =>
	(await standin.query('select note from public.limits_notes where note = $1', [note])).length;

describe('read-only functions', () => {
	test('a STABLE function that writes fails as PostgREST answers it (25006 → 405); nothing is written', async () => {
		const c = await signedIn(s);
		const res = await c.rpc('limits_stable_note', { p_note: 'from stable' });
		assert.equal(res.status, 405);
		assert.equal(res.error?.code, '25006');
		assert.match(res.error?.message ?? '', /cannot execute INSERT in a read-only transaction/);
		assert.equal(await notes(s, 'from stable'), 0);

		const ok = await c.rpc('limits_volatile_note', { p_note: 'from volatile' });
		assert.equal(ok.error, null);
		assert.equal(await notes(s, 'from volatile'), 1);
	});

	test('the app’s STABLE sync_pull still answers', async () => {
		const c = await signedIn(s);
		const pull = await c.rpc('sync_pull', { since: 0 });
		assert.equal(pull.error, null);
		assert.deepEqual(pull.data.rows, []);
	});
});

describe('statement_timeout', () => {
	test("API calls run with Supabase's role defaults: authenticated 8s, anon 3s", async () => {
		const c = await signedIn(s);
		assert.equal((await c.rpc('limits_timeout')).data, '8s');
		assert.equal((await clientFor(s).rpc('limits_timeout')).data, '3s');
	});

	test('a call that runs past the limit fails with 57014 (HTTP 500) and its writes are rolled back', async () => {
		const c = await signedIn(strict);
		const slow = await c.rpc('limits_slow_note', { p_note: 'too slow', p_rows: 600_000 });
		assert.equal(slow.status, 500);
		assert.deepEqual(slow.error, {
			code: '57014',
			details: null,
			hint: null,
			message: 'canceling statement due to statement timeout'
		});
		assert.equal(await notes(strict, 'too slow'), 0);

		const quick = await c.rpc('limits_slow_note', { p_note: 'quick', p_rows: 1 });
		assert.equal(quick.error, null);
		assert.equal(await notes(strict, 'quick'), 1);
	});
});
