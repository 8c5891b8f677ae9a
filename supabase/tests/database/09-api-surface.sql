-- What the API serves. PostgREST (and pg_graphql) expose every function in schema public that
-- the caller may execute, so public holds only the two sync calls and the curator's
-- service-role functions. Everything else the sync needs (trigger and constraint functions)
-- lives in schema private, which config.toml does not serve and the API roles cannot use, and
-- the push's internals are part of sync_push itself: nothing lets a signed-in user write rows
-- around its 500-op cap.
set client_min_messages = warning;
begin;
select plan(12);

select tests.create_user('alice');

-- The project's functions in public (not those of extensions such as pgTAP, installed there
-- by the test runner).
create function tests.public_functions() returns setof pg_proc
language sql stable
as $$
  select p.* from pg_proc p
  where p.pronamespace = 'public'::regnamespace
    and not exists (select 1 from pg_depend d
                    where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
$$;

select is(
  array(select p.proname::text from tests.public_functions() p order by 1),
  array['curator_idempotency_begin', 'curator_idempotency_claim', 'curator_idempotency_complete',
        'curator_idempotency_release', 'curator_purge_expired', 'curator_rate_limit_hit',
        'sync_pull', 'sync_push'],
  'public holds only sync_push, sync_pull and the curator''s functions');

select is(
  array(select p.proname::text from tests.public_functions() p
        where has_function_privilege('authenticated', p.oid, 'execute')
        order by 1),
  array['sync_pull', 'sync_push'],
  'a signed-in user can call sync_push and sync_pull and nothing else in public');
select is_empty($$
  select p.proname from tests.public_functions() p where has_function_privilege('anon', p.oid, 'execute')
$$, 'anon can call nothing in public');

select has_schema('private', 'the sync internals have their own schema');
select is_empty($$
  select r.rolname, n.nspname from pg_roles r, pg_namespace n
  where r.rolname in ('anon', 'authenticated') and n.nspname = 'private'
    and (has_schema_privilege(r.rolname, n.oid, 'usage') or has_schema_privilege(r.rolname, n.oid, 'create'))
$$, 'anon and authenticated cannot use schema private');

-- As PostgREST calls them: role authenticated with the user's claims.
select tests.authenticate_as('alice');
select throws_ok($$select public.sync_push_all('[]')$$, '42883', null,
  'the one-pass push is not an RPC');
select throws_ok($$select public.sync_push_one('{}')$$, '42883', null,
  'the one-op push is not an RPC');
select throws_ok($$select public.sync_normalise_row('journeys', '{}')$$, '42883', null,
  'the row check is not an RPC');
select throws_ok($$select private.album_feedback_merge_fields()$$, '42501',
  'permission denied for schema private', 'a signed-in user cannot reach the internals');

-- The cap holds: 501 ops are refused whole, 500 go through.
select throws_ok(
  $$select public.sync_push((select jsonb_agg(tests.op('journeys', tests.sample_row('journeys', gen_random_uuid())))
                             from generate_series(1, 501)))$$,
  '54000', 'too_many_ops', '501 ops in one push are refused');
select is((select count(*)::int from public.journeys), 0, 'a refused push writes nothing');
select is(
  (select count(*)::int
   from jsonb_array_elements(public.sync_push((
     select jsonb_agg(tests.op('journeys', tests.sample_row('journeys', gen_random_uuid())))
     from generate_series(1, 500)))) e
   where e ->> 'status' = 'applied'),
  500, '500 ops in one push are applied');

select * from finish();
rollback;
