-- Revision order is commit order, with real concurrent connections (dblink).
--
-- The failure this guards against: with a sequence, T1 takes rev 5, T2 takes rev 6 and
-- commits, a device pulls and moves its cursor to 6, then T1 commits and rev 5 is never
-- pulled. With the per-user counter row, T2's first write waits for T1 to finish, so it gets a
-- higher revision than everything T1 wrote, and a pull never sees T2's rows without T1's.
--
-- Needs dblink and a connection back to this database as the current user (trust auth, as in
-- scripts/test-db.sh); skipped where that is not possible.
set client_min_messages = warning;
begin;
select plan(9);

create function tests.dblink_rows(conn text, sql text) returns jsonb
language plpgsql
as $$
declare
  r jsonb;
begin
  select t.r into r from dblink(conn, sql) as t (r jsonb);
  return r;
end
$$;

create function tests.revision_order() returns setof text
language plpgsql
as $$
declare
  dsn text := format('dbname=%s user=%s host=%s port=%s', current_database(), current_user,
                     split_part(current_setting('unix_socket_directories'), ',', 1),
                     current_setting('port'));
  carol uuid;
  dave uuid;
  pid_w2 integer;
  waiting boolean := false;
  t1 jsonb;
  t2 jsonb;
  p1 jsonb;
  p2 jsonb;
  p3 jsonb;
  cursor_after_t1 bigint;
  ops1 jsonb;
  ops2 jsonb;
  w text;
begin
  begin
    perform dblink_connect('admin', dsn);
  exception when others then
    return next skip('no dblink connection here: ' || sqlerrm, 9);
    return;
  end;
  carol := tests.dblink_rows('admin',
    $q$insert into auth.users (email) values ('carol-rev@test.invalid') returning to_jsonb(id)$q$) #>> '{}';
  dave := tests.dblink_rows('admin',
    $q$insert into auth.users (email) values ('dave-rev@test.invalid') returning to_jsonb(id)$q$) #>> '{}';

  -- Two writers and a reader for carol, each its own connection.
  perform dblink_connect('w1', dsn);
  perform dblink_connect('w2', dsn);
  perform dblink_connect('reader', dsn);
  perform dblink_exec('reader', 'set role authenticated');
  perform dblink_exec('reader', format('set request.jwt.claims = %L',
    json_build_object('sub', carol, 'role', 'authenticated')));
  foreach w in array array['w1', 'w2'] loop
    perform dblink_exec(w, 'begin');
    perform dblink_exec(w, 'set local role authenticated');
    perform dblink_exec(w, format('set local request.jwt.claims = %L',
      json_build_object('sub', carol, 'role', 'authenticated')));
  end loop;
  pid_w2 := tests.dblink_rows('w2', 'select to_jsonb(pg_backend_pid())')::integer;

  select jsonb_agg(tests.op('messages', tests.sample_row('messages', gen_random_uuid()) || jsonb_build_object('seq', i)))
    into ops1 from generate_series(1, 3) i;
  select jsonb_agg(tests.op('messages', tests.sample_row('messages', gen_random_uuid()) || jsonb_build_object('seq', i)))
    into ops2 from generate_series(4, 5) i;

  -- T1 writes first and stays open.
  t1 := tests.dblink_rows('w1', format('select public.sync_push(%L)', ops1));
  return next is(jsonb_path_query_array(t1, '$[*].status'), '["applied", "applied", "applied"]',
    'T1 writes three rows and stays open');

  -- T2 writes second: it must wait for T1.
  perform dblink_send_query('w2', format('select public.sync_push(%L)', ops2));
  for i in 1..100 loop
    waiting := tests.dblink_rows('admin', format(
      $q$select to_jsonb(coalesce(wait_event_type = 'Lock', false)) from pg_stat_activity where pid = %s$q$,
      pid_w2))::boolean;
    exit when waiting;
    perform pg_sleep(0.02);
  end loop;
  return next ok(waiting and dblink_is_busy('w2') = 1,
    'T2''s write waits for T1 to end (it cannot commit first)');

  p1 := tests.dblink_rows('reader', 'select public.sync_pull(0)');
  return next is(jsonb_array_length(p1 -> 'rows'), 0, 'a pull before any commit sees nothing');

  perform dblink_exec('w1', 'commit');
  select t.r into t2 from dblink_get_result('w2') as t (r jsonb);
  perform * from dblink_get_result('w2') as t (r jsonb);
  return next ok(
    (select min((e ->> 'rev')::bigint) from jsonb_array_elements(t2) e)
      > (select max((e ->> 'rev')::bigint) from jsonb_array_elements(t1) e),
    'T2, which committed second, has higher revisions than all of T1');

  p2 := tests.dblink_rows('reader', 'select public.sync_pull(0)');
  cursor_after_t1 := (p2 ->> 'next')::bigint;
  return next is(jsonb_path_query_array(p2, '$.rows[*].row.id'),
                 jsonb_path_query_array(ops1, '$[*].row.id'),
    'a pull after T1 commits sees exactly T1''s rows, in order');

  perform dblink_exec('w2', 'commit');
  p3 := tests.dblink_rows('reader', format('select public.sync_pull(%s)', cursor_after_t1));
  return next is(jsonb_path_query_array(p3, '$.rows[*].row.id'),
                 jsonb_path_query_array(ops2, '$[*].row.id'),
    'a pull from that cursor after T2 commits sees exactly T2''s rows');
  return next is(
    (select jsonb_agg(x order by x) from (select jsonb_path_query(p2, '$.rows[*].row.id') x union all
                                          select jsonb_path_query(p3, '$.rows[*].row.id')) y),
    (select jsonb_agg(x order by x) from jsonb_path_query(ops1 || ops2, '$[*].row.id') x),
    'pulling after each commit never skips (or repeats) a row');

  -- Users never wait for each other.
  perform dblink_exec('w1', 'begin');
  perform dblink_exec('w1', 'set local role authenticated');
  perform dblink_exec('w1', format('set local request.jwt.claims = %L',
    json_build_object('sub', carol, 'role', 'authenticated')));
  perform tests.dblink_rows('w1', format('select public.sync_push(%L)', jsonb_build_array(
    tests.op('journeys', tests.sample_row('journeys', gen_random_uuid())))));
  perform dblink_exec('w2', format('set role authenticated; set request.jwt.claims = %L',
    json_build_object('sub', dave, 'role', 'authenticated')));
  perform dblink_send_query('w2', format('select public.sync_push(%L)', jsonb_build_array(
    tests.op('journeys', tests.sample_row('journeys', gen_random_uuid())))));
  for i in 1..100 loop
    exit when dblink_is_busy('w2') = 0;
    perform pg_sleep(0.02);
  end loop;
  return next is(dblink_is_busy('w2'), 0, 'another user''s write does not wait for carol''s open transaction');
  perform * from dblink_get_result('w2') as t (r jsonb);
  perform * from dblink_get_result('w2') as t (r jsonb);

  -- A rolled-back write leaves nothing behind, not even a hole.
  perform dblink_exec('w1', 'rollback');
  p3 := tests.dblink_rows('reader', format('select public.sync_pull(%s)', (p3 ->> 'next')::bigint));
  t1 := tests.dblink_rows('reader', format('select public.sync_push(%L)', jsonb_build_array(
    tests.op('journeys', tests.sample_row('journeys', gen_random_uuid())))));
  return next ok(jsonb_array_length(p3 -> 'rows') = 0
                 and (t1 -> 0 ->> 'rev')::bigint = (p3 ->> 'next')::bigint + 1,
    'a rolled-back write is never pulled, and the next write takes the next revision');

  perform dblink_disconnect(c) from unnest(array['w1', 'w2', 'reader']) c;
  perform dblink_exec('admin', format('delete from auth.users where id in (%L, %L)', carol, dave));
  perform dblink_disconnect('admin');
end
$$;

select * from tests.revision_order();

select * from finish();
rollback;
