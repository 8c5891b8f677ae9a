-- A tab still on the app from before journeys were renamed (it pushes 'sessions' rows and
-- session_id columns, its feedback clocks keyed session_id) loses nothing: sync_push takes the
-- old names as the new ones, and what it pushed is pulled under the new names.
set client_min_messages = warning;
begin;
select plan(12);

select tests.create_user('alice');
select tests.create_user('bob');

-- A row as the old app sent it: journey_id back to session_id (clocks included).
create function tests.old_row(tbl text, id uuid) returns jsonb
language sql immutable
as $$
  select case when r ? 'journey_id'
    then (r - 'journey_id') || jsonb_build_object('session_id', r -> 'journey_id') else r end
  from (select case when tbl = 'album_feedback'
    then tests.sample_row(tbl, id) || '{"field_clocks": {"session_id": "1793527200000:0000:old",
      "rating": "1793527205000:0001:old"}}'::jsonb
    else tests.sample_row(tbl, id) end as r) s
$$;

select tests.authenticate_as('alice');

create temp table pushed as
select public.sync_push(jsonb_build_array(
  tests.op('sessions', tests.old_row('journeys', '00000000-0000-4000-8000-000000000001'),
           '00000000-0000-4000-8000-0000000000a1'),
  tests.op('portraits', tests.old_row('portraits', '00000000-0000-4000-8000-000000000011')),
  tests.op('conversations', tests.old_row('conversations', '00000000-0000-4000-8000-000000000002')),
  tests.op('messages', tests.old_row('messages', '00000000-0000-4000-8000-000000000012')),
  tests.op('recommendation_sets', tests.old_row('recommendation_sets', '00000000-0000-4000-8000-000000000003')),
  tests.op('album_feedback', tests.old_row('album_feedback', '00000000-0000-4000-8000-000000000013')),
  tests.op('analyses', tests.old_row('analyses', '00000000-0000-4000-8000-000000000014'))
)) as result;
grant select on pushed to authenticated;

select is((select array_agg(e ->> 'status') from pushed, jsonb_array_elements(result) e),
  array_fill('applied'::text, array[7]),
  'every op of an old tab (sessions, session_id) is applied');

select is((select count(*)::int from public.journeys where id = '00000000-0000-4000-8000-000000000001'), 1,
  'a pushed session is stored as a journey');
select is((
  select count(*)::int from (
    select journey_id from public.portraits union all
    select journey_id from public.conversations union all
    select journey_id from public.messages union all
    select journey_id from public.recommendation_sets union all
    select journey_id from public.album_feedback union all
    select journey_id from public.analyses) x
  where journey_id = '00000000-0000-4000-8000-000000000001'), 6,
  'every row''s session_id is stored as its journey_id');
select is((select field_clocks from public.album_feedback where id = '00000000-0000-4000-8000-000000000013'),
  '{"journey_id": "1793527200000:0000:old", "rating": "1793527205000:0001:old"}'::jsonb,
  'feedback clocks keyed session_id are kept under journey_id');

-- The same op again (a lost response): answered from the log, as for any op.
select is(public.sync_push(jsonb_build_array(
  tests.op('sessions', tests.old_row('journeys', '00000000-0000-4000-8000-000000000001'),
           '00000000-0000-4000-8000-0000000000a1'))) -> 0 ->> 'status', 'duplicate',
  'an old tab''s retried op is a duplicate');

-- Later edits from the old tab land on the same rows.
select is(public.sync_push(jsonb_build_array(tests.op('sessions',
  tests.old_row('journeys', '00000000-0000-4000-8000-000000000001') || '{"round": 2}'))) -> 0 ->> 'status',
  'applied', 'an old tab''s edit of its journey is applied');
select is((select round from public.journeys where id = '00000000-0000-4000-8000-000000000001'), 2,
  'and changes the journey');
select is(public.sync_push(jsonb_build_array(tests.op('album_feedback',
  jsonb_set(tests.old_row('album_feedback', '00000000-0000-4000-8000-000000000013') || '{"rating": 2}',
    '{field_clocks,rating}', '"1793527300000:0000:old"')))) -> 0 ->> 'status',
  'applied', 'an old tab''s newer rating is applied');
select is((select rating::int from public.album_feedback where id = '00000000-0000-4000-8000-000000000013'), 2,
  'and wins by its clock');

-- What was pushed under the old names is pulled under the new ones.
select is((
  select array_agg(distinct e ->> 'table' order by e ->> 'table')
  from jsonb_array_elements(public.sync_pull(0) -> 'rows') e), array[
    'album_feedback', 'analyses', 'conversations', 'journeys', 'messages', 'portraits',
    'recommendation_sets'],
  'a pull names the tables as they are now');
select is((
  select count(*)::int from jsonb_array_elements(public.sync_pull(0) -> 'rows') e
  where e -> 'row' ? 'session_id' or e #> '{row,field_clocks}' ? 'session_id'), 0,
  'a pull never names session_id');

-- The aliases change nothing about ownership: another user's journey stays theirs.
select tests.authenticate_as('bob');
select is(public.sync_push(jsonb_build_array(tests.op('sessions',
  tests.old_row('journeys', '00000000-0000-4000-8000-000000000001')))) -> 0 ->> 'reason',
  'forbidden', 'an old tab cannot write another user''s journey under the old name either');

select * from finish();
rollback;
