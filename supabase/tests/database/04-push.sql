-- sync_push: idempotent per op, each op on its own (one bad row never aborts the batch),
-- snake_case rows, the server's rules for who owns what.
set client_min_messages = warning;
begin;
select plan(36);

select tests.create_user('alice');
select tests.create_user('bob');
create temp table results (name text primary key, r jsonb);
grant all on results to authenticated;

select tests.authenticate_as('alice');

-- Idempotency: the same op twice (the response was lost and the client retried).
insert into results
select 'first', public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001'),
  '00000000-0000-4000-8000-0000000000a1')));
insert into results
select 'replay', public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001'),
  '00000000-0000-4000-8000-0000000000a1')));
select is((select r -> 0 ->> 'status' from results where name = 'first'), 'applied', 'a new op is applied');
select is((select r -> 0 ->> 'status' from results where name = 'replay'), 'duplicate', 'the same op again is a duplicate');
select is((select r -> 0 -> 'rev' from results where name = 'replay'),
          (select r -> 0 -> 'rev' from results where name = 'first'),
  'a duplicate reports the revision of its first result');
select is((select count(*)::int from public.journeys), 1, 'the same op twice leaves one row');

-- A later edit, then a late replay of the first op: the replay changes nothing.
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001') || '{"round": 2}')));
insert into results
select 'late replay', public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001'),
  '00000000-0000-4000-8000-0000000000a1')));
select is((select r -> 0 ->> 'status' from results where name = 'late replay'), 'duplicate',
  'a replay after later edits is still a duplicate');
select is((select round from public.journeys where id = '00000000-0000-4000-8000-000000000001'), 2,
  'a late replay does not undo a later edit');

-- Last writer wins by row (journeys, conversations, analyses), and the row is the whole row.
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001')
  || '{"round": 3, "import_id": "imp-1"}')));
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001') || '{"round": 4}')));
select results_eq(
  $$select round, import_id from public.journeys where id = '00000000-0000-4000-8000-000000000001'$$,
  $$values (4, null::text)$$,
  'last writer wins by row: a key the row leaves out is cleared');

-- 100 ops with a bad one in the middle.
insert into results
select 'batch', public.sync_push(jsonb_agg(
  case when i = 50
    then tests.op('messages', tests.sample_row('messages', gen_random_uuid()) - 'content')
    else tests.op('messages', tests.sample_row('messages', gen_random_uuid()) || jsonb_build_object('seq', i))
  end order by i))
from generate_series(1, 100) i;
select is((select jsonb_array_length(r) from results where name = 'batch'), 100, 'one result per op');
select is((select count(*)::int from results, jsonb_array_elements(r) e where name = 'batch' and e ->> 'status' = 'applied'),
  99, 'a rejected op does not block its batch: 99 of 100 applied');
select is((select jsonb_build_object('reason', r -> 49 -> 'reason', 'detail', r -> 49 -> 'detail') from results where name = 'batch'),
  '{"reason": "missing_field", "detail": "content"}'::jsonb,
  'the rejected op is the bad one, in its place, with its reason');
select is((select count(*)::int from public.messages), 99, '99 messages stored');

-- A rejected op is not remembered: its replay is judged again, and rejected again.
select is((public.sync_push(jsonb_build_array(
  (select tests.op('messages', tests.sample_row('messages', gen_random_uuid()) - 'content',
                   (r -> 49 ->> 'op_id')::uuid) from results where name = 'batch')))) -> 0 ->> 'status',
  'rejected', 'a rejected op replayed is rejected again, not a duplicate');

-- Row format: snake_case columns, server-owned columns ignored, timestamps in ms accepted.
select is((public.sync_push(jsonb_build_array(tests.op('journeys',
  '{"id": "00000000-0000-4000-8000-000000000002", "artists": [], "source": "typed", "createdAt": 1}'))) -> 0) - 'op_id',
  '{"status": "rejected", "reason": "unknown_column", "detail": "createdAt"}'::jsonb,
  'camelCase keys are rejected as unknown columns (never silently dropped)');
select public.sync_push(jsonb_build_array(tests.op('journeys',
  '{"id": "00000000-0000-4000-8000-000000000003", "artists": [], "source": "typed",
    "created_at": 1793527200000, "rev": 424242, "updated_at": "2000-01-01T00:00:00Z"}')));
select results_eq(
  $$select created_at, rev < 1000, updated_at from public.journeys where id = '00000000-0000-4000-8000-000000000003'$$,
  $$values ('2026-11-01T10:00:00Z'::timestamptz, true, now())$$,
  'epoch-ms timestamps are accepted; rev and updated_at from the client are ignored');

select is(public.sync_push(jsonb_build_array(tests.op('playlists', '{"id": "00000000-0000-4000-8000-000000000004"}'))) -> 0 ->> 'reason',
  'unknown_table', 'an unknown table is rejected');
select is(public.sync_push(jsonb_build_array(tests.op('journeys', '{"source": "typed"}'))) -> 0 ->> 'reason',
  'invalid_row', 'a row without a uuid id is rejected');
select is(public.sync_push('[{"table": "journeys", "row": {}}]') -> 0 ->> 'reason',
  'invalid_op', 'an op without an op_id is rejected');
select is(public.sync_push('[{"op_id": "not-a-uuid", "table": "journeys", "row": {}}]') -> 0,
  '{"op_id": "not-a-uuid", "status": "rejected", "reason": "invalid_op", "detail": "an op is { op_id: uuid, table, row }"}'::jsonb,
  'an op without a uuid op_id is rejected and echoed back');
select is(public.sync_push(jsonb_build_array(tests.op('conversations',
  tests.sample_row('conversations', gen_random_uuid()) || '{"direction": "sideways"}'))) -> 0 ->> 'reason',
  'invalid_value', 'a value the column refuses is rejected');
select is(public.sync_push(jsonb_build_array(tests.op('conversations',
  tests.sample_row('conversations', gen_random_uuid()) || '{"journey_id": "nope"}'))) -> 0 ->> 'reason',
  'invalid_value', 'a malformed value is rejected');
select throws_ok($$select public.sync_push((select jsonb_agg(tests.op('journeys', '{}')) from generate_series(1, 501)))$$,
  '54000', 'too_many_ops', 'at most 500 ops per call');
select throws_ok($$select public.sync_push('{}')$$, '22023', 'invalid_ops', 'ops must be an array');

-- Clean batches go through in one set-based pass; a batch the database refuses part of is
-- split until the refused ops stand alone. Either way, the results of op-by-op pushes.
select is(jsonb_path_query_array(public.sync_push(jsonb_build_array(
    tests.op('conversations', tests.sample_row('conversations', gen_random_uuid())),
    tests.op('analyses', tests.sample_row('analyses', gen_random_uuid())))), '$[*].status'),
  '["applied", "applied"]', 'a clean batch over two tables is applied');
select is(jsonb_path_query_array(public.sync_push(jsonb_build_array(
    tests.op('conversations', tests.sample_row('conversations', gen_random_uuid())),
    tests.op('playlists', '{"id": "00000000-0000-4000-8000-000000000005"}'),
    tests.op('conversations', tests.sample_row('conversations', gen_random_uuid()) || '{"round": 0}'),
    tests.op('analyses', tests.sample_row('analyses', gen_random_uuid())))), '$[*].reason'),
  '["unknown_table", "invalid_value"]',
  'a malformed op and one the database refuses are rejected; the others apply');

insert into results
select 'batch of 3', public.sync_push(jsonb_build_array(
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c1'), '00000000-0000-4000-8000-0000000000b1'),
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c2'), '00000000-0000-4000-8000-0000000000b2'),
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c3'), '00000000-0000-4000-8000-0000000000b3')));
insert into results
select 'batch retried with one more', public.sync_push(jsonb_build_array(
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c1'), '00000000-0000-4000-8000-0000000000b1'),
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c2'), '00000000-0000-4000-8000-0000000000b2'),
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c3'), '00000000-0000-4000-8000-0000000000b3'),
  tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c4'), '00000000-0000-4000-8000-0000000000b4')));
select is(
  (select jsonb_path_query_array(r, '$[*].status') from results where name = 'batch retried with one more'),
  '["duplicate", "duplicate", "duplicate", "applied"]',
  'a retried batch: the ops applied before are duplicates, the new one is applied');
select is(
  (select jsonb_path_query_array(r, '$[0 to 2].rev') from results where name = 'batch retried with one more'),
  (select jsonb_path_query_array(r, '$[*].rev') from results where name = 'batch of 3'),
  'the duplicates report their first revisions');

select is(jsonb_path_query_array(public.sync_push(jsonb_build_array(
    tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c5')),
    tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c5') || '{"complete": true}'))),
    '$[*].status'),
  '["applied", "applied"]', 'two edits of one row in a batch are both applied');
select is((select complete from public.conversations where id = '00000000-0000-4000-8000-0000000000c5'), true,
  'two edits of one row in a batch: the later one wins');

-- A batch with several bad ops, one op twice and one row twice: every op gets the result it
-- would get alone, in order (the set-based pass is split until each bad op stands alone).
insert into results
select 'mixed', public.sync_push(jsonb_agg(
  case
    when i in (3, 17, 18, 39) then tests.op('conversations', tests.sample_row('conversations', gen_random_uuid()) || '{"round": 0}')
    when i in (10, 30) then tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c6'),
                                     '00000000-0000-4000-8000-0000000000b6')
    when i = 5 then tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c7'))
    when i = 25 then tests.op('conversations', tests.sample_row('conversations', '00000000-0000-4000-8000-0000000000c7') || '{"complete": true}')
    else tests.op('conversations', tests.sample_row('conversations', gen_random_uuid()))
  end order by i))
from generate_series(1, 40) i;
select is(
  (select jsonb_agg(e.i order by e.i) from results, jsonb_array_elements(r) with ordinality as e (x, i)
   where name = 'mixed' and e.x ->> 'status' <> 'applied'),
  '[3, 17, 18, 30, 39]', 'a mixed batch: only the four bad ops and the repeated op are not applied');
select is(
  (select jsonb_build_array(r -> 2 ->> 'reason', r -> 29 ->> 'status', r -> 29 -> 'rev' = r -> 9 -> 'rev') from results where name = 'mixed'),
  '["invalid_value", "duplicate", true]', 'a mixed batch: the bad ops say why; the repeated op is a duplicate of the first');
select is((select complete from public.conversations where id = '00000000-0000-4000-8000-0000000000c7'), true,
  'a mixed batch: of two edits of one row, the later one wins');

-- Soft delete travels as a column.
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001') || '{"round": 4, "deleted_at": "2026-11-02T00:00:00Z"}')));
select is((select deleted_at from public.journeys where id = '00000000-0000-4000-8000-000000000001'),
  '2026-11-02T00:00:00Z'::timestamptz, 'a soft delete is pushed like any other change');

-- bob cannot push into alice's rows.
select tests.authenticate_as('bob');
select is(public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', gen_random_uuid(), tests.get_user_id('alice'))))) -> 0 ->> 'reason',
  'wrong_user', 'a row carrying another user''s user_id is rejected');
select is(public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000001') || '{"round": 9}'))) -> 0 ->> 'reason',
  'forbidden', 'a row with the id of another user''s row is rejected');
select is(public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', gen_random_uuid()), '00000000-0000-4000-8000-0000000000a1'))) -> 0 ->> 'status',
  'applied', 'op ids are per user: another user''s op id does not make a duplicate');
reset role;
select results_eq(
  $$select round, deleted_at is not null, u.email from public.journeys s join auth.users u on u.id = s.user_id
    where s.id = '00000000-0000-4000-8000-000000000001'$$,
  $$values (4, true, 'alice@test.invalid')$$,
  'alice''s row is untouched by bob''s pushes');

select * from finish();
rollback;
