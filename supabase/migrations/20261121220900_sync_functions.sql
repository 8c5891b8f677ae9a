-- sync_push / sync_pull: the only two calls the sync engine makes (supabase.rpc).
-- Both are SECURITY INVOKER: they run as the caller, so RLS decides what is read and written.
--
-- Naming: snake_case everywhere. Table names are the server's ('recommendation_sets',
-- 'album_feedback', …) and row keys are the column names ('session_id', 'created_at', …);
-- the client maps its camelCase Dexie rows to and from these. Timestamps (created_at,
-- deleted_at) may be ISO 8601 strings or numbers of epoch milliseconds; pull returns ISO
-- strings. Unknown keys are rejected (never silently dropped); rev and updated_at are
-- server-owned and ignored if sent; user_id may be omitted (it is the caller).
--
-- sync_push(ops jsonb) -> jsonb
--   ops: [{ "op_id": uuid, "table": text, "row": { "id": uuid, …columns } }], at most 500.
--   Each op is the full row as the device holds it. A batch is first applied in one
--   set-based pass (sync_push_all); if any op in it would fail, that pass is undone and the
--   ops run in array order, each in its own subtransaction (sync_push_one), so a rejected op
--   never aborts the batch. Same results either way. Result, one entry per op, in order:
--     { "op_id", "status": "applied",   "rev" }   written, or already identical (rev = current)
--     { "op_id", "status": "duplicate", "rev" }   this op_id was applied before; nothing changed
--     { "op_id", "status": "rejected", "reason", "detail" }
--   reasons: invalid_op, unknown_table, invalid_row, unknown_column, wrong_user (row.user_id is
--   not the caller), forbidden (the id belongs to another user), immutable (portraits,
--   recommendation_sets), append_only (messages), missing_field, invalid_value, error.
--   Merge rules: album_feedback per field by field_clocks (its migration explains);
--   messages, portraits, recommendation_sets never change once written (the soft delete is
--   the one change allowed, and it sticks); the others: last writer wins by row, in the order
--   pushes reach the server. Serialization failures and deadlocks fail the whole call (the
--   client retries the batch; applied ops then come back 'duplicate').
--
-- sync_pull(since bigint, lim int default 500) -> jsonb
--   { "rows": [{ "table", "row": { …all columns incl. user_id, rev, updated_at, deleted_at } }],
--     "next": <highest rev returned, or since when empty>, "more": boolean }
--   The caller's rows with rev > since, in rev order across all tables, at most min(lim, 500)
--   (PostgREST caps responses at 1000 rows; pages stay below it). Soft-deleted rows are
--   included. Store the rows and `next` together, and call again while `more`.

create function public.sync_tables() returns text[]
language sql immutable
set search_path = ''
as $$
  select array['sessions', 'portraits', 'conversations', 'messages', 'recommendation_sets',
               'album_feedback', 'analyses']
$$;

-- The columns a pushed row may carry for a table (all but the server-owned rev, updated_at).
create function public.sync_columns(p_table text) returns text[]
language sql
stable
set search_path = ''
as $$
  select array_agg(a.attname::text order by a.attnum)
  from pg_catalog.pg_attribute a
  where a.attrelid = ('public.' || quote_ident(p_table))::regclass
    and a.attnum > 0 and not a.attisdropped and a.attname not in ('rev', 'updated_at')
$$;

-- The op's id, or an 'invalid_op' error.
create function public.sync_op_id(op jsonb) returns uuid
language plpgsql
immutable
set search_path = ''
as $$
begin
  if jsonb_typeof(op) is distinct from 'object'
     or coalesce(op ->> 'op_id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'SC400', message = 'invalid_op',
      detail = 'an op is { op_id: uuid, table, row }';
  end if;
  return (op ->> 'op_id')::uuid;
end
$$;

-- A pushed row checked and made ready to write: known table, uuid id, the caller's user_id,
-- no server-owned or unknown keys, epoch-ms timestamps turned into timestamptz.
-- Raises SC400 with the reason as message. p_cols: sync_columns(p_table), when the caller has it.
create function public.sync_normalise_row(p_table text, p_row jsonb, p_cols text[] default null)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  v_row jsonb;
  v_key text;
  v_unknown text;
begin
  if p_table is null or p_table <> all (public.sync_tables()) then
    raise exception using errcode = 'SC400', message = 'unknown_table',
      detail = coalesce(p_table, '(none)');
  end if;
  if jsonb_typeof(p_row) is distinct from 'object'
     or coalesce(p_row ->> 'id', '') !~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' then
    raise exception using errcode = 'SC400', message = 'invalid_row',
      detail = 'row must be an object with a uuid id';
  end if;
  if p_row ? 'user_id' and lower(p_row ->> 'user_id') is distinct from caller::text then
    raise exception using errcode = 'SC400', message = 'wrong_user',
      detail = 'row.user_id is not the signed-in user';
  end if;
  v_row := (p_row - 'rev' - 'updated_at') || jsonb_build_object('user_id', caller);
  foreach v_key in array array['created_at', 'deleted_at'] loop
    if jsonb_typeof(v_row -> v_key) = 'number' then
      v_row := jsonb_set(v_row, array[v_key],
        to_jsonb(to_timestamp((v_row ->> v_key)::double precision / 1000)));
    end if;
  end loop;
  p_cols := coalesce(p_cols, public.sync_columns(p_table));
  select string_agg(k, ', ' order by k) into v_unknown
  from jsonb_object_keys(v_row) k where k <> all (p_cols);
  if v_unknown is not null then
    raise exception using errcode = 'SC400', message = 'unknown_column', detail = v_unknown;
  end if;
  return v_row;
end
$$;

-- The upsert for rows of `p_table` carrying the columns `p_cols` (a quoted, comma-separated
-- list): those columns are inserted, the others take their defaults; on conflict every
-- column but the key and owner is replaced, because a pushed row is the device's whole row
-- (a key it leaves out is a field it does not have). $1 is a jsonb array of rows.
create function public.sync_upsert_sql(p_table text, p_cols text) returns text
language sql
stable
set search_path = ''
as $$
  select format(
    'insert into public.%1$I as t (%2$s) select %2$s from jsonb_populate_recordset(null::public.%1$I, $1) '
    'on conflict (id) do update set %3$s returning t.id, t.rev',
    p_table, p_cols,
    (select string_agg(format('%1$I = excluded.%1$I', c), ', ')
     from unnest(public.sync_columns(p_table)) c where c not in ('id', 'user_id')))
$$;

-- One op, in its own subtransaction: applied, duplicate or rejected with a reason.
create function public.sync_push_one(op jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  v_op_id uuid;
  v_table text := op ->> 'table';
  v_row jsonb;
  v_cols text;
  v_rev bigint;
  v_state text;
  v_message text;
  v_detail text;
  v_column text;
  v_constraint text;
  v_reason text;
begin
  begin
    v_op_id := public.sync_op_id(op);
  exception when sqlstate 'SC400' then
    return jsonb_build_object('op_id', op -> 'op_id', 'status', 'rejected',
      'reason', 'invalid_op', 'detail', 'an op is { op_id: uuid, table, row }');
  end;

  select o.rev into v_rev from public.sync_ops o where o.user_id = caller and o.op_id = v_op_id;
  if found then
    return jsonb_build_object('op_id', v_op_id, 'status', 'duplicate', 'rev', v_rev);
  end if;

  begin
    v_row := public.sync_normalise_row(v_table, op -> 'row');
    select string_agg(quote_ident(k), ', ' order by k) into v_cols from jsonb_object_keys(v_row) k;
    execute format('with w as (%s) select w.rev from w', public.sync_upsert_sql(v_table, v_cols))
    into v_rev using jsonb_build_array(v_row);
    if v_rev is null then
      -- The update changed nothing (same content, or every field lost its merge).
      execute format('select t.rev from public.%I as t where t.id = $1', v_table)
      into v_rev using (v_row ->> 'id')::uuid;
    end if;

    insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
    values (caller, v_op_id, v_table, (v_row ->> 'id')::uuid, v_rev)
    on conflict do nothing;
    if not found then
      -- The same op was applied by a concurrent call that committed first: undo ours.
      raise exception using errcode = 'SC409', message = 'duplicate';
    end if;
    return jsonb_build_object('op_id', v_op_id, 'status', 'applied', 'rev', v_rev);
  exception
    when sqlstate 'SC409' then
      select o.rev into v_rev from public.sync_ops o where o.user_id = caller and o.op_id = v_op_id;
      return jsonb_build_object('op_id', v_op_id, 'status', 'duplicate', 'rev', v_rev);
    when serialization_failure or deadlock_detected or lock_not_available then
      raise;
    when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
        v_detail = pg_exception_detail, v_column = column_name, v_constraint = constraint_name;
      v_reason := case
        when v_state = 'SC400' then v_message
        when v_state = '42501' then 'forbidden'
        when v_state = '23502' then 'missing_field'
        when v_state = '23514' or v_state like '22%' then 'invalid_value'
        else 'error'
      end;
      return jsonb_build_object('op_id', v_op_id, 'status', 'rejected', 'reason', v_reason,
        'detail', case
          when v_state = 'SC400' then v_detail
          when v_state = '23502' then v_column
          when v_state = '23514' then v_constraint
          else v_message
        end);
  end;
end
$$;

-- The whole batch at once: one upsert per table and set of columns, one insert into the op
-- log. Gives exactly the results the op-by-op path would, or raises if any op would be
-- rejected (or the batch holds the same op or row twice), and then sync_push undoes it and
-- goes op by op. Most batches are clean, and this is an order of magnitude faster.
create function public.sync_push_all(ops jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  v_ops jsonb;
  v_done jsonb;
  v_revs jsonb := '{}'::jsonb;
  v_columns jsonb;
  v_part jsonb;
  v_todo integer;
  v_logged integer;
  g record;
begin
  select jsonb_object_agg(t, public.sync_columns(t)) into v_columns
  from unnest(public.sync_tables()) t;
  select coalesce(jsonb_agg(jsonb_build_object(
           'n', e.n, 'op_id', public.sync_op_id(e.op), 'table', e.op ->> 'table',
           'row', public.sync_normalise_row(e.op ->> 'table', e.op -> 'row',
                    array(select jsonb_array_elements_text(v_columns -> (e.op ->> 'table')))))
         order by e.n), '[]')
  into v_ops
  from jsonb_array_elements(ops) with ordinality as e (op, n);

  if exists (select 1 from jsonb_array_elements(v_ops) x group by x ->> 'op_id' having count(*) > 1)
     or exists (select 1 from jsonb_array_elements(v_ops) x
                group by x ->> 'table', x -> 'row' ->> 'id' having count(*) > 1) then
    raise exception using errcode = 'SC300', message = 'batch_needs_op_by_op';
  end if;

  -- Ops applied before (a retried batch) are answered from the log and not applied again.
  select coalesce(jsonb_object_agg(o.op_id::text, o.rev), '{}') into v_done
  from public.sync_ops o
  where o.user_id = caller
    and o.op_id in (select (x ->> 'op_id')::uuid from jsonb_array_elements(v_ops) x);

  for g in
    select x ->> 'table' as tbl,
           (select string_agg(quote_ident(k), ', ' order by k) from jsonb_object_keys(x -> 'row') k) as cols,
           jsonb_agg(x -> 'row' order by (x ->> 'n')::integer) as rows
    from jsonb_array_elements(v_ops) x
    where not v_done ? (x ->> 'op_id')
    group by 1, 2
  loop
    execute format('with w as (%s) select coalesce(jsonb_object_agg(%L || w.id::text, w.rev), ''{}'') from w',
                   public.sync_upsert_sql(g.tbl, g.cols), g.tbl || ':')
    into v_part using g.rows;
    v_revs := v_revs || v_part;
    -- Rows whose update changed nothing return no rev: read it.
    execute format(
      'select coalesce(jsonb_object_agg(%L || t.id::text, t.rev), ''{}'') from public.%I t '
      'where t.id in (select (r ->> ''id'')::uuid from jsonb_array_elements($1) r) and not $2 ? (%L || t.id::text)',
      g.tbl || ':', g.tbl, g.tbl || ':')
    into v_part using g.rows, v_revs;
    v_revs := v_revs || v_part;
  end loop;

  insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
  select caller, (x ->> 'op_id')::uuid, x ->> 'table', (x -> 'row' ->> 'id')::uuid,
         (v_revs ->> ((x ->> 'table') || ':' || (x -> 'row' ->> 'id')))::bigint
  from jsonb_array_elements(v_ops) x
  where not v_done ? (x ->> 'op_id')
  on conflict do nothing;
  get diagnostics v_logged = row_count;
  select count(*) into v_todo from jsonb_array_elements(v_ops) x where not v_done ? (x ->> 'op_id');
  if v_logged <> v_todo then
    -- A concurrent call applied some of these ops first.
    raise exception using errcode = 'SC300', message = 'batch_needs_op_by_op';
  end if;

  return coalesce((
    select jsonb_agg(case
             when v_done ? (x ->> 'op_id') then
               jsonb_build_object('op_id', x -> 'op_id', 'status', 'duplicate', 'rev', v_done -> (x ->> 'op_id'))
             else
               jsonb_build_object('op_id', x -> 'op_id', 'status', 'applied',
                 'rev', v_revs -> ((x ->> 'table') || ':' || (x -> 'row' ->> 'id')))
           end order by (x ->> 'n')::integer)
    from jsonb_array_elements(v_ops) x), '[]'::jsonb);
end
$$;

create function public.sync_push(ops jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  results jsonb[] := '{}';
  op jsonb;
begin
  if auth.uid() is null then
    raise exception using errcode = '28000', message = 'not_authenticated';
  end if;
  if jsonb_typeof(ops) is distinct from 'array' then
    raise exception using errcode = '22023', message = 'invalid_ops',
      detail = 'ops must be a JSON array';
  end if;
  if jsonb_array_length(ops) > 500 then
    raise exception using errcode = '54000', message = 'too_many_ops',
      detail = 'push at most 500 ops per call';
  end if;
  begin
    return public.sync_push_all(ops);
  exception
    when serialization_failure or deadlock_detected or lock_not_available then
      raise;
    when others then
      null; -- some op is rejected (or the batch repeats itself): everything undone, go op by op
  end;
  for op in select e.value from jsonb_array_elements(ops) with ordinality as e (value, n) order by e.n loop
    results := results || public.sync_push_one(op);
  end loop;
  return to_jsonb(results);
end
$$;

create function public.sync_pull(since bigint, lim integer default 500) returns jsonb
language plpgsql
stable
security invoker
set search_path = ''
as $$
declare
  caller uuid := auth.uid();
  after bigint := coalesce(since, 0);
  n integer := least(greatest(coalesce(lim, 500), 1), 500);
  result jsonb;
begin
  if caller is null then
    raise exception using errcode = '28000', message = 'not_authenticated';
  end if;
  -- Each branch reads at most n + 1 rows through its (user_id, rev) index; the extra row
  -- tells whether there is more.
  with candidates as (
    (select 'sessions' as tbl, t.rev, to_jsonb(t) as r from public.sessions t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'portraits', t.rev, to_jsonb(t) from public.portraits t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'conversations', t.rev, to_jsonb(t) from public.conversations t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'messages', t.rev, to_jsonb(t) from public.messages t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'recommendation_sets', t.rev, to_jsonb(t) from public.recommendation_sets t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'album_feedback', t.rev, to_jsonb(t) from public.album_feedback t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
    union all
    (select 'analyses', t.rev, to_jsonb(t) from public.analyses t
      where t.user_id = caller and t.rev > after order by t.rev limit n + 1)
  ),
  page as (
    select c.tbl, c.rev, c.r, row_number() over (order by c.rev) as i
    from candidates c order by c.rev limit n + 1
  )
  select jsonb_build_object(
    'rows', coalesce(jsonb_agg(jsonb_build_object('table', p.tbl, 'row', p.r) order by p.rev)
                       filter (where p.i <= n), '[]'::jsonb),
    'next', coalesce(max(p.rev) filter (where p.i <= n), after),
    'more', count(*) > n)
  into result
  from page p;
  return result;
end
$$;

revoke all on function public.sync_push(jsonb), public.sync_push_one(jsonb),
  public.sync_push_all(jsonb), public.sync_pull(bigint, integer) from public, anon;
grant execute on function public.sync_push(jsonb), public.sync_push_one(jsonb),
  public.sync_push_all(jsonb), public.sync_pull(bigint, integer) to authenticated, service_role;
