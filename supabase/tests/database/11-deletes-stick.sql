-- A delete sticks on the last-writer-wins tables too (journeys, conversations, analyses), as it
-- does on the immutable ones and on album feedback: a device that never saw the delete pushes
-- its whole row, without deleted_at, and the row must stay deleted, on the server and for
-- every device that pulls it.
set client_min_messages = warning;
begin;
select plan(10);

select tests.create_user('alice');

-- An edit a second device makes while it still has the row as it was before the delete.
create function tests.stale_edit(t text) returns jsonb
language sql immutable
as $$
  select case t
    when 'journeys' then '{"round": 2}'::jsonb
    when 'conversations' then '{"complete": true}'::jsonb
    when 'analyses' then '{"chosen_direction": "pivot"}'::jsonb
  end
$$;

create function tests.delete_checks(t text) returns setof text
language plpgsql
as $$
declare
  row_id uuid := gen_random_uuid();
  pulled jsonb;
  stored timestamptz;
begin
  perform tests.authenticate_as('alice');
  -- Device A writes the row; device B pulls it; A deletes it.
  perform public.sync_push(jsonb_build_array(tests.op(t, tests.sample_row(t, row_id))));
  perform public.sync_push(jsonb_build_array(tests.op(t,
    tests.sample_row(t, row_id) || '{"deleted_at": "2026-11-02T00:00:00Z"}')));
  -- B, offline all along, edits its copy and pushes the whole row.
  perform public.sync_push(jsonb_build_array(tests.op(t, tests.sample_row(t, row_id) || tests.stale_edit(t))));

  execute format('select deleted_at from public.%I where id = $1', t) into stored using row_id;
  return next is(stored, '2026-11-02T00:00:00Z'::timestamptz,
    t || ': a stale push of the whole row does not undelete it');

  select e -> 'row' into pulled
  from jsonb_array_elements(public.sync_pull(0) -> 'rows') e
  where e ->> 'table' = t and e -> 'row' ->> 'id' = row_id::text;
  return next is((pulled ->> 'deleted_at')::timestamptz, '2026-11-02T00:00:00Z'::timestamptz,
    t || ': a device pulling afterwards gets the tombstone');

  execute format('update public.%I set deleted_at = null where id = $1', t) using row_id;
  execute format('select deleted_at from public.%I where id = $1', t) into stored using row_id;
  return next is(stored, '2026-11-02T00:00:00Z'::timestamptz,
    t || ': a direct update cannot undelete it either');
  perform set_config('role', 'none', true);
end
$$;

select tests.delete_checks(t) from unnest(array['journeys', 'conversations', 'analyses']) t;

-- A second delete from another device keeps the first one's time.
select tests.authenticate_as('alice');
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-0000000000d1') || '{"deleted_at": "2026-11-02T00:00:00Z"}')));
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-0000000000d1') || '{"deleted_at": "2026-11-05T00:00:00Z"}')));
select is((select deleted_at from public.journeys where id = '00000000-0000-4000-8000-0000000000d1'),
  '2026-11-02T00:00:00Z'::timestamptz, 'a later delete keeps the first delete''s time');

select * from finish();
rollback;
