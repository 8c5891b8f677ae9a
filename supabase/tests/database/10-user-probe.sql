-- A signed-in user cannot tell whether another user id exists. Writing a row that names
-- another user_id fails in exactly one way, the RLS error, whether or not that user exists:
-- same SQLSTATE, message, details and hint (the four fields PostgREST returns), and nothing
-- of the server's SQL. Through sync_push the op is rejected the same way in both cases.
set client_min_messages = warning;
begin;
select plan(16);

select tests.create_user('alice');
select tests.create_user('bob');

-- The error a statement raises, as PostgREST would report it (null when it succeeds).
create function tests.error_of(statement text) returns jsonb
language plpgsql
as $$
declare
  v_code text;
  v_message text;
  v_detail text;
  v_hint text;
begin
  execute statement;
  return null;
exception when others then
  get stacked diagnostics v_code = returned_sqlstate, v_message = message_text,
    v_detail = pg_exception_detail, v_hint = pg_exception_hint;
  return jsonb_build_object('code', v_code, 'message', v_message,
    'details', nullif(v_detail, ''), 'hint', nullif(v_hint, ''));
end
$$;

create function tests.rls_error(t text) returns jsonb
language sql immutable
as $$
  select jsonb_build_object('code', '42501',
    'message', format('new row violates row-level security policy for table "%s"', t),
    'details', null, 'hint', null)
$$;

create function tests.probe_checks(t text) returns setof text
language plpgsql
as $$
declare
  own uuid := gen_random_uuid();
  nobody uuid := gen_random_uuid();
begin
  perform tests.authenticate_as('bob');
  return next is(
    jsonb_build_array(
      tests.error_of(format('select tests.insert_row(%L, %L)', t,
        tests.sample_row(t, gen_random_uuid(), tests.get_user_id('alice')))),
      tests.error_of(format('select tests.insert_row(%L, %L)', t,
        tests.sample_row(t, gen_random_uuid(), nobody)))),
    jsonb_build_array(tests.rls_error(t), tests.rls_error(t)),
    t || ': an INSERT naming another user fails the same way whether that user exists or not');

  perform tests.insert_row(t, tests.sample_row(t, own));
  return next is(
    jsonb_build_array(
      tests.error_of(format('update public.%I set user_id = %L where id = %L',
        t, tests.get_user_id('alice'), own)),
      tests.error_of(format('update public.%I set user_id = %L where id = %L', t, nobody, own))),
    jsonb_build_array(tests.rls_error(t), tests.rls_error(t)),
    t || ': an UPDATE giving a row away fails the same way whether that user exists or not');
  perform set_config('role', 'none', true);
end
$$;

select tests.probe_checks(t) from tests.synced_tables() t;

-- The op log has no trigger: RLS alone, the same for both.
select tests.authenticate_as('bob');
select is(
  tests.error_of(format($$insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
                          values (%L, gen_random_uuid(), 'journeys', gen_random_uuid(), 1)$$,
                        tests.get_user_id('alice'))),
  tests.error_of(format($$insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
                          values (%L, gen_random_uuid(), 'journeys', gen_random_uuid(), 1)$$,
                        gen_random_uuid())),
  'sync_ops: an op naming another user fails the same way whether that user exists or not');

-- Through sync_push.
select is(
  (public.sync_push(jsonb_build_array(
     tests.op('journeys', tests.sample_row('journeys', gen_random_uuid(), tests.get_user_id('alice'))),
     tests.op('journeys', tests.sample_row('journeys', gen_random_uuid(), gen_random_uuid()))))
   #- '{0,op_id}' #- '{1,op_id}'),
  '[{"status": "rejected", "reason": "wrong_user", "detail": "row.user_id is not the signed-in user"},
    {"status": "rejected", "reason": "wrong_user", "detail": "row.user_id is not the signed-in user"}]'::jsonb,
  'sync_push rejects a row naming another user the same way whether that user exists or not');

select * from finish();
rollback;
