-- A listener's pull reads that listener's rows only, through the (user_id, rev) indexes, so its
-- cost does not grow with everyone else's data. Measured with the table statistics of the
-- current transaction (pg_stat_xact_user_tables): no sequential scan of a synced table, and
-- no more rows fetched than the listener has (plus one look-ahead row per table).
set client_min_messages = warning;
begin;
select plan(4);

select tests.create_user('alice');
select tests.create_user('other-' || i) from generate_series(1, 5) i;

-- 200 rows per table for each of five other listeners, 10 per table for alice.
create function tests.fill(owner uuid, n integer) returns void
language plpgsql
as $$
declare
  t text;
begin
  foreach t in array array(select tests.synced_tables()) loop
    execute format(
      'insert into public.%1$I (%2$s) select %2$s from jsonb_populate_recordset(null::public.%1$I, $1)',
      t, (select string_agg(quote_ident(k), ', ') from jsonb_object_keys(tests.sample_row(t, gen_random_uuid(), owner)) k))
    using (select jsonb_agg(tests.sample_row(t, gen_random_uuid(), owner)) from generate_series(1, n));
  end loop;
end
$$;
select tests.fill(u.id, 200) from auth.users u where u.email like 'other-%';
select tests.fill(tests.get_user_id('alice'), 10);
analyze public.journeys, public.portraits, public.conversations, public.messages,
  public.recommendation_sets, public.album_feedback, public.analyses;

create temp table reads (name text primary key, seq_scans bigint, tuples bigint);
create function tests.note_reads(name text) returns void
language sql
as $$
  insert into reads
  select name, sum(s.seq_scan), sum(s.seq_tup_read + coalesce(s.idx_tup_fetch, 0))
  from pg_stat_xact_user_tables s
  where s.schemaname = 'public' and s.relname in (select tests.synced_tables())
$$;
create function tests.pulled_since(a text, b text) returns table (seq_scans bigint, tuples bigint)
language sql
as $$
  select y.seq_scans - x.seq_scans, y.tuples - x.tuples from reads x, reads y where x.name = a and y.name = b
$$;

select tests.note_reads('before');
select tests.authenticate_as('alice');
select is(jsonb_array_length(public.sync_pull(0) -> 'rows'), 70, 'alice pulls her 70 rows');
reset role;
select tests.note_reads('custom plan');

-- The same call with the plan PL/pgSQL caches after a few calls (parameters, not values).
set local plan_cache_mode = force_generic_plan;
select tests.authenticate_as('alice');
select jsonb_array_length(public.sync_pull(0) -> 'rows') as pulled;
reset role;
select tests.note_reads('generic plan');

select is((select seq_scans from tests.pulled_since('before', 'custom plan')), 0::bigint,
  'a pull scans no synced table sequentially');
select cmp_ok((select tuples from tests.pulled_since('before', 'custom plan')), '<=', 77::bigint,
  'a pull reads only the listener''s own rows (not the 7000 of the others)');
select ok((select seq_scans = 0 and tuples <= 77 from tests.pulled_since('custom plan', 'generic plan')),
  'the cached plan reads the same way');

select * from finish();
rollback;
