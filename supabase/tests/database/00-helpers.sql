-- Test helpers (in the spirit of basejump's supabase_test_helpers), installed once per test
-- database and committed, so the other files can switch users in one call:
--   select tests.create_user('alice');        -- as the superuser, inside the test transaction
--   select tests.authenticate_as('alice');    -- set local role authenticated + JWT claims
--   select tests.clear_authentication();      -- back to anon with no claims
--   reset role;                               -- back to the superuser
set client_min_messages = warning;
begin;
create extension if not exists pgtap;
select plan(1);

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_user(name text, anonymous boolean default false)
returns uuid
language sql
security definer
set search_path = ''
as $$
  insert into auth.users (email, is_anonymous)
  values (name || '@test.invalid', anonymous)
  returning id
$$;

create or replace function tests.get_user_id(name text) returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select id from auth.users where email = name || '@test.invalid'
$$;

-- The claims PostgREST would set from the user's JWT.
create or replace function tests.claims(name text) returns text
language sql
stable
security definer
set search_path = ''
as $$
  select json_build_object(
    'sub', u.id, 'role', 'authenticated', 'email', u.email,
    'is_anonymous', u.is_anonymous, 'aud', 'authenticated')::text
  from auth.users u where u.email = name || '@test.invalid'
$$;

create or replace function tests.authenticate_as(name text) returns void
language plpgsql
set search_path = ''
as $$
begin
  if tests.get_user_id(name) is null then
    raise exception 'tests.authenticate_as: no user %', name;
  end if;
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims', tests.claims(name), true);
end
$$;

create or replace function tests.clear_authentication() returns void
language plpgsql
set search_path = ''
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', '{"role":"anon"}', true);
end
$$;

-- A push op for `row` into `tbl` with a fresh op id (or the one given).
create or replace function tests.op(tbl text, r jsonb, op_id uuid default gen_random_uuid())
returns jsonb
language sql
set search_path = ''
as $$
  select jsonb_build_object('op_id', op_id, 'table', tbl, 'row', r)
$$;

-- A valid row for each synced table (snake_case, as sync_push takes it). `owner` adds user_id.
create or replace function tests.sample_row(tbl text, id uuid, owner uuid default null)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_strip_nulls(jsonb_build_object('id', id, 'user_id', owner)) || case tbl
    when 'journeys' then
      '{"artists": [{"name": "Can"}], "source": "typed", "round": 1,
        "created_at": "2026-11-01T10:00:00Z"}'::jsonb
    when 'portraits' then
      '{"journey_id": "00000000-0000-4000-8000-000000000001", "artists": [{"name": "Can"}],
        "source": "typed", "result": {"summary": "krautrock and its heirs"},
        "created_at": "2026-11-01T10:00:01Z"}'::jsonb
    when 'conversations' then
      '{"journey_id": "00000000-0000-4000-8000-000000000001", "round": 1,
        "direction": "initial", "complete": false, "created_at": "2026-11-01T10:00:02Z"}'::jsonb
    when 'messages' then
      '{"conversation_id": "00000000-0000-4000-8000-000000000002",
        "journey_id": "00000000-0000-4000-8000-000000000001", "seq": 0, "role": "user",
        "content": "More motorik, please.", "created_at": "2026-11-01T10:00:03Z"}'::jsonb
    when 'recommendation_sets' then
      '{"journey_id": "00000000-0000-4000-8000-000000000001",
        "conversation_id": "00000000-0000-4000-8000-000000000002", "round": 1, "batch": 1,
        "albums": [{"key": "k1", "title": "Tago Mago", "artist": "Can", "year": "1971"}],
        "created_at": "2026-11-01T10:00:04Z"}'::jsonb
    when 'album_feedback' then
      '{"journey_id": "00000000-0000-4000-8000-000000000001",
        "set_id": "00000000-0000-4000-8000-000000000003", "album_key": "k1", "round": 1,
        "title": "Tago Mago", "artist": "Can", "year": "1971", "listened": true, "rating": 4,
        "field_clocks": {"listened": "1793527205000:0000:devA", "rating": "1793527205000:0001:devA"},
        "created_at": "2026-11-01T10:00:05Z"}'::jsonb
    when 'analyses' then
      '{"journey_id": "00000000-0000-4000-8000-000000000001",
        "conversation_id": "00000000-0000-4000-8000-000000000002", "round": 1,
        "average_rating": 4.2, "rated_count": 3,
        "top_albums": [{"title": "Tago Mago", "artist": "Can", "rating": 5}],
        "result": {"reinforcedThemes": [], "strategicPivot": {}},
        "created_at": "2026-11-01T10:00:06Z"}'::jsonb
  end
$$;

-- Inserts a row as the current role (so RLS and the triggers apply), as PostgREST would.
create or replace function tests.insert_row(tbl text, r jsonb) returns void
language plpgsql
set search_path = ''
as $$
declare
  cols text := (select string_agg(quote_ident(k), ', ') from jsonb_object_keys(r) k);
begin
  -- Only the columns the row has, so the others take their defaults (user_id = auth.uid()).
  execute format(
    'insert into public.%1$I (%2$s) select %2$s from jsonb_populate_record(null::public.%1$I, $1)',
    tbl, cols)
  using r;
end
$$;

-- The synced tables.
create or replace function tests.synced_tables() returns setof text
language sql
immutable
as $$
  select unnest(array['journeys', 'portraits', 'conversations', 'messages',
                      'recommendation_sets', 'album_feedback', 'analyses'])
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

select ok(tests.create_user('helpers-smoke') is not null, 'test helpers are installed');
select * from finish();
-- The helper functions stay; the smoke-test user goes.
delete from auth.users where email = 'helpers-smoke@test.invalid';
commit;
