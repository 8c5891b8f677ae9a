-- Sync core: the per-user revision counter, the trigger that stamps every synced row, the
-- guards shared by the immutable tables, and the log of applied push ops.
--
-- Why a per-user counter row and not a sequence or updated_at:
-- a device pulls "rows with rev > my cursor" and then moves its cursor to the highest rev it
-- saw. That is only safe if no row can later become visible with a rev at or below a cursor
-- someone already holds. A sequence (or now()) hands out numbers when a row is *written*, but
-- rows become visible when their transaction *commits*, and transactions commit out of order:
-- T1 takes rev 5, T2 takes rev 6 and commits, a device pulls 6 and moves its cursor to 6, T1
-- commits, and rev 5 is never pulled. Here every insert/update bumps the user's row in
-- public.sync_revisions with `insert … on conflict do update … returning`. That row lock is
-- held until the writing transaction ends, so a second writer for the same user waits for the
-- first to commit (or roll back) and only then reads the counter. For one user, revisions are
-- therefore handed out in commit order, and a pull can never see rev n+1 without rev n. Users
-- never wait for each other. Under REPEATABLE READ/SERIALIZABLE the waiting writer fails with
-- a serialization error instead (the client retries); API calls run in READ COMMITTED.
--
-- Server-owned columns: `rev` and `updated_at` are overwritten on every insert and update;
-- whatever the client sends there is ignored. An update that changes nothing is skipped (no new
-- revision, nothing for other devices to pull). Revisions increase but are not dense: an
-- upsert that meets an existing row spends one on the insert attempt before the update.
-- Rows are never deleted by users: `deleted_at` is a soft delete that syncs like any other
-- change.

grant usage on schema public to anon, authenticated, service_role;

create table public.sync_revisions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  rev bigint not null
);
comment on table public.sync_revisions is
  'Per-user revision counter; written only by public.sync_stamp_revision().';
alter table public.sync_revisions enable row level security;
-- No policies: only the security-definer trigger (its owner) and the service role touch it.
revoke all on table public.sync_revisions from public, anon, authenticated;
grant all on table public.sync_revisions to service_role;

create function public.sync_stamp_revision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'UPDATE'
     and (to_jsonb(new) - 'rev' - 'updated_at') = (to_jsonb(old) - 'rev' - 'updated_at') then
    return null;
  end if;
  insert into public.sync_revisions as r (user_id, rev)
  values (new.user_id, 1)
  on conflict (user_id) do update set rev = r.rev + 1
  returning r.rev into new.rev;
  new.updated_at := now();
  return new;
end
$$;
revoke all on function public.sync_stamp_revision() from public, anon, authenticated;

-- Portraits and recommendation sets are immutable, messages append-only: content never changes
-- once written. The one change allowed is the soft delete, and a tombstone stays a tombstone
-- (a device that never saw the delete may push the row again; it must not resurrect it).
-- TG_ARGV[0] is the reason code reported to the client ('immutable' or 'append_only').
create function public.sync_guard_immutable() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.deleted_at is not null then
    new.deleted_at := old.deleted_at;
  end if;
  -- user_id is left to RLS (its with check refuses a change of owner).
  if (to_jsonb(new) - 'rev' - 'updated_at' - 'deleted_at' - 'user_id')
     <> (to_jsonb(old) - 'rev' - 'updated_at' - 'deleted_at' - 'user_id') then
    raise exception using errcode = 'SC400', message = tg_argv[0],
      detail = format('%s %s cannot change once written', tg_table_name, old.id);
  end if;
  return new;
end
$$;
revoke all on function public.sync_guard_immutable() from public, anon, authenticated;

-- Ops applied by sync_push, per user, so a replayed op (the response was lost, the client
-- retries) is answered from here and changes nothing. Only applied ops are recorded: a
-- rejected op is re-evaluated on replay, and rejected again by the same rule.
create table public.sync_ops (
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  op_id uuid not null,
  table_name text not null,
  row_id uuid not null,
  rev bigint not null,
  applied_at timestamptz not null default now(),
  primary key (user_id, op_id)
);
alter table public.sync_ops enable row level security;
create policy "sync_ops: owner can read" on public.sync_ops
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "sync_ops: owner can insert" on public.sync_ops
  for insert to authenticated with check ((select auth.uid()) = user_id);
revoke all on table public.sync_ops from public, anon, authenticated;
grant select, insert on table public.sync_ops to authenticated;
grant all on table public.sync_ops to service_role;
