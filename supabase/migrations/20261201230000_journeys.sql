-- Journeys (issue 11): one word for one thing. The listener's journey is a "journey" on every
-- screen and in the app's code, but was stored as "sessions" with a session_id in every row
-- that belongs to one. This renames the table (with its constraints, index and policies) and
-- every session_id column to journey_id, and rewrites what names them: the album feedback
-- merge's field list and the feedback rows' field clocks (keyed by column), the op log, and
-- sync_push / sync_pull (their contract is as in 20261121220900_sync_functions.sql, with
-- 'journeys' and journey_id for 'sessions' and session_id).
--
-- A tab still running the previous app version keeps pushing 'sessions' rows and session_id
-- columns until it reloads: sync_push takes those old names as the new ones, so nothing that
-- tab holds is lost. Renames keep every row, its rev and its updated_at: devices pull nothing
-- new because of this migration (their own database renames the same fields when it upgrades).

alter table public.sessions rename to journeys;
alter table public.journeys rename constraint sessions_pkey to journeys_pkey;
alter table public.journeys rename constraint sessions_user_id_fkey to journeys_user_id_fkey;
alter table public.journeys rename constraint sessions_row_size to journeys_row_size;
alter table public.journeys rename constraint sessions_round_check to journeys_round_check;
alter table public.journeys rename constraint sessions_artists_check to journeys_artists_check;
alter index public.sessions_user_rev rename to journeys_user_rev;
alter policy "sessions: owner can read" on public.journeys rename to "journeys: owner can read";
alter policy "sessions: owner can insert" on public.journeys rename to "journeys: owner can insert";
alter policy "sessions: owner can update" on public.journeys rename to "journeys: owner can update";

alter table public.portraits rename column session_id to journey_id;
alter table public.conversations rename column session_id to journey_id;
alter table public.messages rename column session_id to journey_id;
alter table public.recommendation_sets rename column session_id to journey_id;
alter table public.album_feedback rename column session_id to journey_id;
alter table public.analyses rename column session_id to journey_id;

create or replace function private.album_feedback_merge_fields() returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'journey_id', 'set_id', 'album_key', 'round', 'title', 'artist', 'year', 'listened',
    'rating', 'rationale', 'resonant_element', 'created_at', 'deleted_at'
  ]
$$;

-- The clock of each row's journey_id, under its new name. The merge and stamp triggers stay
-- off for this one rewrite: it changes no value, so no new revision and nothing to pull.
alter table public.album_feedback disable trigger sync_10_merge;
alter table public.album_feedback disable trigger sync_20_stamp;
update public.album_feedback
set field_clocks = (field_clocks - 'session_id')
  || jsonb_build_object('journey_id', field_clocks -> 'session_id')
where field_clocks ? 'session_id';
alter table public.album_feedback enable trigger sync_10_merge;
alter table public.album_feedback enable trigger sync_20_stamp;

update public.sync_ops set table_name = 'journeys' where table_name = 'sessions';

create or replace function public.sync_push(ops jsonb) returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  uuid_re constant text :=
    '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
  -- The upsert of rows ($1, jsonb[]) of table %1$I carrying the columns %2$s (%3$s: the same,
  -- read from the row p), owned by $2: those columns are inserted, the others take their
  -- defaults; on conflict every column but the key and owner is replaced (%4$s), because a
  -- pushed row is the device's whole row (a key it leaves out is a field it does not have).
  -- Answers { '<table>:<id>': rev } for the rows it wrote (an update that changed nothing
  -- writes nothing).
  upsert constant text :=
    'with w as (insert into public.%1$I as t (user_id, %2$s) select $2, %3$s '
    'from unnest($1) as u (r) cross join lateral jsonb_populate_record(null::public.%1$I, u.r) as p '
    'on conflict (id) do update set %4$s returning t.id, t.rev) '
    'select coalesce(jsonb_object_agg(%5$L || w.id::text, w.rev), ''{}'') from w';
  caller uuid := auth.uid();
  v_columns jsonb;   -- table -> the columns a pushed row may carry (all but rev, updated_at)
  v_updates jsonb;   -- table -> the SET list of its upsert (every column but id and user_id)
  v_done jsonb;      -- op_id -> rev of the ops applied by an earlier call
  results jsonb[];   -- one per op, by position
  -- The checked ops still to write, by position k: op position, op id, table, row id, the
  -- row's keys (sorted, comma-separated) and the row ready to write.
  todo_n integer[] := '{}';
  todo_op uuid[] := '{}';
  todo_table text[] := '{}';
  todo_id uuid[] := '{}';
  todo_keys text[] := '{}';
  todo_row jsonb[] := '{}';
  k integer := 0;
  v_revs jsonb := '{}'::jsonb;
  v_part jsonb;
  v_group jsonb[];
  v_ids uuid[];
  v_logged integer;
  -- Ranges of positions still to apply (a stack: top at sp).
  stack_lo integer[] := '{}';
  stack_hi integer[] := '{}';
  sp integer := 0;
  lo integer;
  hi integer;
  v_split boolean;
  op jsonb;
  n integer;
  i integer;
  v_op_id uuid;
  v_table text;
  v_row jsonb;
  v_patch jsonb;
  v_key text;
  v_keys text[];
  v_cols text;
  v_select text;
  v_rev bigint;
  v_reason text;
  v_detail text;
  v_state text;
  v_message text;
  v_column text;
  v_constraint text;
  g record;
begin
  if caller is null then
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
  results := array_fill(null::jsonb, array[jsonb_array_length(ops)]);

  select jsonb_object_agg(c.relname, c.cols), jsonb_object_agg(c.relname, c.updates)
  into v_columns, v_updates
  from (
    select t.relname,
           jsonb_agg(a.attname order by a.attnum) as cols,
           string_agg(format('%1$I = excluded.%1$I', a.attname), ', ' order by a.attnum)
             filter (where a.attname not in ('id', 'user_id')) as updates
    from pg_catalog.pg_class t
    join pg_catalog.pg_attribute a on a.attrelid = t.oid
    where t.relnamespace = 'public'::regnamespace
      and t.relname in ('journeys', 'portraits', 'conversations', 'messages',
                        'recommendation_sets', 'album_feedback', 'analyses')
      and a.attnum > 0 and not a.attisdropped and a.attname not in ('rev', 'updated_at')
    group by t.relname
  ) c;

  -- Ops applied before (a retried batch) are answered from the log, whatever they carry now.
  v_ids := array(
    select case when jsonb_typeof(e) = 'object' and e ->> 'op_id' ~ uuid_re then (e ->> 'op_id')::uuid end
    from jsonb_array_elements(ops) e);
  select coalesce(jsonb_object_agg(o.op_id::text, o.rev), '{}'::jsonb) into v_done
  from public.sync_ops o
  where o.user_id = caller and o.op_id = any (v_ids);

  -- Check every op; nothing is written yet. A row is made ready to write with as few copies
  -- as possible (rows can be large): epoch-ms timestamps become timestamptz, and rev,
  -- updated_at and user_id go (the owner is written as the caller).
  for op, n in select e.value, e.n from jsonb_array_elements(ops) with ordinality as e (value, n) loop
    if jsonb_typeof(op) is distinct from 'object' or coalesce(op ->> 'op_id', '') !~ uuid_re then
      results[n] := jsonb_build_object('op_id', op -> 'op_id', 'status', 'rejected',
        'reason', 'invalid_op', 'detail', 'an op is { op_id: uuid, table, row }');
      continue;
    end if;
    v_op_id := (op ->> 'op_id')::uuid;
    if v_done ? v_op_id::text then
      results[n] := jsonb_build_object('op_id', v_op_id, 'status', 'duplicate',
        'rev', v_done -> v_op_id::text);
      continue;
    end if;
    v_table := op ->> 'table';
    v_row := op -> 'row';
    v_reason := null;
    -- A tab still on the app from before the rename pushes its journeys as 'sessions' and
    -- every row's journey as session_id (its feedback clocks too): the same rows under their
    -- old names, taken as the new ones so nothing that tab holds is lost.
    if v_table = 'sessions' then
      v_table := 'journeys';
    end if;
    if jsonb_typeof(v_row) = 'object' and v_row ? 'session_id' and not v_row ? 'journey_id' then
      v_row := (v_row - 'session_id') || jsonb_build_object('journey_id', v_row -> 'session_id');
    end if;
    if jsonb_typeof(v_row -> 'field_clocks') = 'object' and v_row -> 'field_clocks' ? 'session_id'
       and not v_row -> 'field_clocks' ? 'journey_id' then
      v_row := jsonb_set(v_row, '{field_clocks}', ((v_row -> 'field_clocks') - 'session_id')
        || jsonb_build_object('journey_id', v_row #> '{field_clocks,session_id}'));
    end if;
    if v_table is null or not v_columns ? v_table then
      v_reason := 'unknown_table';
      v_detail := coalesce(v_table, '(none)');
    elsif jsonb_typeof(v_row) is distinct from 'object'
          or coalesce(v_row ->> 'id', '') !~ uuid_re then
      v_reason := 'invalid_row';
      v_detail := 'row must be an object with a uuid id';
    elsif v_row ? 'user_id' and lower(v_row ->> 'user_id') is distinct from caller::text then
      v_reason := 'wrong_user';
      v_detail := 'row.user_id is not the signed-in user';
    else
      v_patch := '{}'::jsonb;
      foreach v_key in array array['created_at', 'deleted_at'] loop
        -- Years 1 to 9999; a number outside is left as it is, and refused as invalid_value.
        if jsonb_typeof(v_row -> v_key) = 'number'
           and (v_row ->> v_key)::numeric >= -62135596800000
           and (v_row ->> v_key)::numeric < 253402300800000 then
          v_patch := v_patch || jsonb_build_object(v_key,
            to_timestamp((v_row ->> v_key)::double precision / 1000));
        end if;
      end loop;
      if v_patch <> '{}'::jsonb then
        v_row := v_row || v_patch;
      end if;
      if v_row ?| array['rev', 'updated_at', 'user_id'] then
        v_row := v_row - array['rev', 'updated_at', 'user_id'];
      end if;
      select string_agg(x, ', ' order by x) filter (where not (v_columns -> v_table) ? x),
             array_agg(x order by x)
      into v_detail, v_keys
      from jsonb_object_keys(v_row) x;
      if v_detail is not null then
        v_reason := 'unknown_column';
      end if;
    end if;
    if v_reason is not null then
      results[n] := jsonb_build_object('op_id', v_op_id, 'status', 'rejected',
        'reason', v_reason, 'detail', v_detail);
      continue;
    end if;
    k := k + 1;
    todo_n[k] := n;
    todo_op[k] := v_op_id;
    todo_table[k] := v_table;
    todo_id[k] := (v_row ->> 'id')::uuid;
    todo_keys[k] := array_to_string(v_keys, ',');
    todo_row[k] := v_row;
  end loop;

  -- Apply the checked ops by ranges of positions, starting with all of them: one upsert per
  -- table and set of columns, one insert into the op log, in a subtransaction. If anything in
  -- a range fails, it is undone and split (in halves, and ranges of at most 16 op by op), so
  -- one rejected op costs a few passes rather than one per op. A range holding the same row
  -- twice is split without trying (the order of its writes matters), one holding the same op
  -- twice fails on the op log. A single op that fails is rejected with the reason.
  if k > 0 then
    sp := 1;
    stack_lo[1] := 1;
    stack_hi[1] := k;
  end if;
  while sp > 0 loop
    lo := stack_lo[sp];
    hi := stack_hi[sp];
    sp := sp - 1;
    if lo = hi then
      -- An earlier op of this batch may have carried the same op_id.
      select o.rev into v_rev from public.sync_ops o where o.user_id = caller and o.op_id = todo_op[lo];
      if found then
        results[todo_n[lo]] := jsonb_build_object('op_id', todo_op[lo], 'status', 'duplicate', 'rev', v_rev);
        continue;
      end if;
    elsif exists (select 1 from unnest(todo_table[lo:hi], todo_id[lo:hi]) as x (t, id)
                  group by x.t, x.id having count(*) > 1) then
      v_split := true;
    else
      v_split := false;
    end if;
    if lo = hi or not v_split then
      begin
        v_revs := '{}'::jsonb;
        for g in
          select u.tbl, u.keys, array_agg(lo + u.i - 1 order by u.i) as idx
          from unnest(todo_table[lo:hi], todo_keys[lo:hi]) with ordinality as u (tbl, keys, i)
          group by u.tbl, u.keys
        loop
          v_group := '{}';
          v_ids := '{}';
          foreach i in array g.idx loop
            v_group := v_group || todo_row[i];
            v_ids := v_ids || todo_id[i];
          end loop;
          select string_agg(quote_ident(c), ', '), string_agg('p.' || quote_ident(c), ', ')
          into v_cols, v_select
          from unnest(string_to_array(g.keys, ',')) c;
          execute format(upsert, g.tbl, v_cols, v_select, v_updates ->> g.tbl, g.tbl || ':')
          into v_part using v_group, caller;
          v_revs := v_revs || v_part;
          -- Rows whose update changed nothing (same content, or every field lost its merge)
          -- return no rev: read it.
          execute format(
            'select coalesce(jsonb_object_agg(%1$L || t.id::text, t.rev), ''{}'') from public.%2$I t '
            'where t.id = any ($1) and not $2 ? (%1$L || t.id::text)',
            g.tbl || ':', g.tbl)
          into v_part using v_ids, v_revs;
          v_revs := v_revs || v_part;
        end loop;

        insert into public.sync_ops (user_id, op_id, table_name, row_id, rev)
        select caller, x.op_id, x.t, x.id, (v_revs ->> (x.t || ':' || x.id::text))::bigint
        from unnest(todo_op[lo:hi], todo_table[lo:hi], todo_id[lo:hi]) as x (op_id, t, id)
        on conflict do nothing;
        get diagnostics v_logged = row_count;
        if v_logged <> hi - lo + 1 then
          -- Some op is in the log already: twice in this range, or applied by a concurrent
          -- call that committed first.
          raise exception using errcode = 'SC409', message = 'duplicate';
        end if;

        -- Nothing below can fail: the results are set only once everything is written.
        for i in lo .. hi loop
          results[todo_n[i]] := jsonb_build_object('op_id', todo_op[i], 'status', 'applied',
            'rev', v_revs -> (todo_table[i] || ':' || todo_id[i]::text));
        end loop;
        continue;
      exception
        when serialization_failure or deadlock_detected or lock_not_available then
          raise;
        when others then
          if lo = hi then
            get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
              v_detail = pg_exception_detail, v_column = column_name, v_constraint = constraint_name;
            if v_state = 'SC409' then
              select o.rev into v_rev from public.sync_ops o
              where o.user_id = caller and o.op_id = todo_op[lo];
              results[todo_n[lo]] := jsonb_build_object('op_id', todo_op[lo], 'status', 'duplicate',
                'rev', v_rev);
            else
              v_reason := case
                when v_state = 'SC400' then v_message
                when v_state = '42501' then 'forbidden'
                when v_state = '23502' then 'missing_field'
                when v_state = '23514' and v_constraint like '%\_row\_size' then 'too_large'
                when v_state = '23514' or v_state like '22%' then 'invalid_value'
                else 'error'
              end;
              results[todo_n[lo]] := jsonb_build_object('op_id', todo_op[lo], 'status', 'rejected',
                'reason', v_reason, 'detail', case
                  when v_state = 'SC400' then v_detail
                  when v_state = '23502' then v_column
                  when v_state = '23514' then v_constraint
                  else v_message
                end);
            end if;
            continue;
          end if;
      end;
    end if;
    -- Split: the left part goes on top of the stack, so ranges run in op order.
    if hi - lo >= 16 then
      sp := sp + 2;
      stack_lo[sp - 1] := (lo + hi) / 2 + 1;
      stack_hi[sp - 1] := hi;
      stack_lo[sp] := lo;
      stack_hi[sp] := (lo + hi) / 2;
    else
      for i in reverse hi .. lo loop
        sp := sp + 1;
        stack_lo[sp] := i;
        stack_hi[sp] := i;
      end loop;
    end if;
  end loop;

  return to_jsonb(results);
end
$$;

create or replace function public.sync_pull(since bigint, lim integer default 500) returns jsonb
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
    (select 'journeys' as tbl, t.rev, to_jsonb(t) as r from public.journeys t
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

revoke all on function public.sync_push(jsonb), public.sync_pull(bigint, integer) from public, anon;
grant execute on function public.sync_push(jsonb), public.sync_pull(bigint, integer)
  to authenticated, service_role;
