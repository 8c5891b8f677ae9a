-- Every policy, allowed and denied: alice owns rows, bob (another signed-in user) must not see,
-- add to, or change them; anon (not signed in) reaches no table at all; deletes are refused to
-- everyone (soft delete only). Users switch the way PostgREST does it: `set local role
-- authenticated` plus `request.jwt.claims` (tests.authenticate_as).
set client_min_messages = warning;
begin;
select plan(77);

select tests.create_user('alice');
select tests.create_user('bob');
select tests.create_user('guest', anonymous => true);

-- An update the owner may make on each table (immutable rows may only be soft-deleted;
-- album feedback takes a field only with a newer clock).
create function tests.owner_update(t text) returns text
language sql immutable
as $$
  select case t
    when 'journeys' then 'round = round + 1'
    when 'conversations' then 'complete = true'
    when 'analyses' then $q$chosen_direction = 'pivot'$q$
    when 'album_feedback' then
      $q$rating = 5, field_clocks = field_clocks || '{"rating": "1893456000000:0000:devB"}'$q$
    else 'deleted_at = now()'
  end
$$;

create function tests.rls_checks(t text) returns setof text
language plpgsql
as $$
declare
  row_id uuid := gen_random_uuid();
  n integer;
begin
  perform tests.authenticate_as('alice');
  return next lives_ok(
    format('select tests.insert_row(%L, %L)', t, tests.sample_row(t, row_id)),
    t || ': INSERT allowed for the owner (user_id defaults to auth.uid())');

  perform tests.authenticate_as('bob');
  return next throws_ok(
    format('select tests.insert_row(%L, %L)', t,
           tests.sample_row(t, gen_random_uuid(), tests.get_user_id('alice'))),
    '42501', format('new row violates row-level security policy for table "%s"', t),
    t || ': INSERT denied for a row claiming another user');

  perform tests.authenticate_as('alice');
  execute format('select count(*) from public.%I where id = $1', t) into n using row_id;
  return next is(n, 1, t || ': SELECT allowed for the owner');

  perform tests.authenticate_as('bob');
  execute format('select count(*) from public.%I where id = $1', t) into n using row_id;
  return next is(n, 0, t || ': SELECT denied to another user');

  perform tests.authenticate_as('bob');
  execute format('update public.%I set %s where id = $1', t, tests.owner_update(t)) using row_id;
  get diagnostics n = row_count;
  return next is(n, 0, t || ': UPDATE denied to another user (the row is not there for them)');

  perform tests.authenticate_as('alice');
  execute format('update public.%I set %s where id = $1', t, tests.owner_update(t)) using row_id;
  get diagnostics n = row_count;
  return next is(n, 1, t || ': UPDATE allowed for the owner');

  return next throws_ok(
    format('update public.%I set user_id = %L where id = %L', t, tests.get_user_id('bob'), row_id),
    '42501', format('new row violates row-level security policy for table "%s"', t),
    t || ': UPDATE denied when it would give the row to another user');

  return next throws_ok(format('delete from public.%I where id = %L', t, row_id),
    '42501', format('permission denied for table %s', t),
    t || ': DELETE denied even to the owner (soft delete only)');

  perform tests.clear_authentication();
  return next throws_ok(format('select * from public.%I', t),
    '42501', format('permission denied for table %s', t),
    t || ': anon cannot read');

  perform set_config('role', 'none', true);
end
$$;

select tests.rls_checks(t) from tests.synced_tables() t;

-- sync_ops: the log of applied push ops.
select tests.authenticate_as('alice');
select lives_ok($$insert into public.sync_ops (op_id, table_name, row_id, rev)
                  values ('00000000-0000-4000-8000-00000000000a', 'journeys', gen_random_uuid(), 1)$$,
  'sync_ops: INSERT allowed for the owner');
select is((select count(*)::int from public.sync_ops where op_id = '00000000-0000-4000-8000-00000000000a'),
  1, 'sync_ops: SELECT allowed for the owner');
select throws_ok($$update public.sync_ops set rev = 2$$, '42501', null,
  'sync_ops: no UPDATE (an applied op stays as it was)');
select tests.authenticate_as('bob');
select is((select count(*)::int from public.sync_ops where op_id = '00000000-0000-4000-8000-00000000000a'),
  0, 'sync_ops: SELECT denied to another user');
select throws_ok(format($$insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
                          values (%L, gen_random_uuid(), 'journeys', gen_random_uuid(), 1)$$,
                        tests.get_user_id('alice')),
  '42501', null, 'sync_ops: INSERT denied for another user''s op');

-- The counter and the curator's tables are not for signed-in users at all.
select throws_ok('select * from public.sync_revisions', '42501', null,
  'sync_revisions: authenticated cannot read the counters');
select throws_ok('select * from public.curator_rate_limits', '42501', null,
  'curator_rate_limits: authenticated cannot read');
select throws_ok('select * from public.curator_idempotency_keys', '42501', null,
  'curator_idempotency_keys: authenticated cannot read');
select throws_ok(format($$insert into public.curator_usage (user_id, route, model, latency_ms, outcome)
                          values (%L, 'portrait', 'm', 1, 'ok')$$, tests.get_user_id('bob')),
  '42501', null, 'curator_usage: authenticated cannot write (or forge) usage');

reset role;
set local role service_role;
select lives_ok(format($$insert into public.curator_usage (user_id, route, model, tokens_in, tokens_out, latency_ms, outcome)
                         values (%L, 'portrait', 'gpt-x', 120, 340, 900, 'ok')$$, tests.get_user_id('bob')),
  'curator_usage: the service role writes usage');
reset role;

-- Anonymous sign-ins are users like any other.
select tests.authenticate_as('guest');
select lives_ok(format('select tests.insert_row(%L, %L)', 'journeys',
                       tests.sample_row('journeys', '00000000-0000-4000-8000-0000000000bb')),
  'an anonymous user can write their own rows');
select is((select count(*)::int from public.journeys), 1,
  'an anonymous user reads their own rows and only those');

-- anon (no sign-in) cannot call the sync functions.
select tests.clear_authentication();
select throws_ok($$select public.sync_pull(0)$$, '42501', null, 'anon cannot pull');
select throws_ok($$select public.sync_push('[]')$$, '42501', null, 'anon cannot push');
reset role;

select * from finish();
rollback;
