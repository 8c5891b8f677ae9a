-- Sync core: schema private for the sync's internals, the per-user revision counter, the
-- trigger that stamps every synced row, the guards that keep deletes (and immutable rows) as
-- they are, and the log of applied push ops.
--
-- Why schema private: the API (PostgREST, and pg_graphql on Supabase) serves every function in
-- the schemas config.toml lists that the caller may execute. Trigger and constraint functions
-- live here instead, a schema the API does not serve and anon/authenticated cannot use (no
-- usage): triggers call their function by oid, with no privilege check, and the one constraint
-- function is granted execute only. public keeps just the two calls, sync_push and sync_pull.
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
--
-- Ownership before anything else: RLS checks a new row only after the BEFORE triggers, and by
-- then the counter insert below would have failed on its foreign key for a user id that does
-- not exist, an error (with the server's SQL) that told an existing user id from an unknown
-- one. So for the API roles the trigger refuses a row naming another user first, with RLS's own
-- error, whoever that user is; it never touches another user's counter.

grant usage on schema public to anon, authenticated, service_role;

create schema private;
comment on schema private is
  'Sync internals (trigger and constraint functions). Not served by the API; no usage for anon or authenticated.';
revoke all on schema private from public;

create table public.sync_revisions (
  user_id uuid primary key references auth.users (id) on delete cascade,
  rev bigint not null
);
comment on table public.sync_revisions is
  'Per-user revision counter; written only by private.sync_stamp_revision().';
alter table public.sync_revisions enable row level security;
-- No policies: only the security-definer trigger (its owner) and the service role touch it.
revoke all on table public.sync_revisions from public, anon, authenticated;
grant all on table public.sync_revisions to service_role;

create function private.sync_stamp_revision() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- The role PostgREST sets for the request (a security definer does not change it).
  if current_setting('role') in ('anon', 'authenticated')
     and new.user_id is distinct from auth.uid() then
    raise exception using errcode = '42501',
      message = format('new row violates row-level security policy for table "%s"', tg_table_name);
  end if;
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
revoke all on function private.sync_stamp_revision() from public, anon, authenticated;

-- A tombstone stays a tombstone: a device that never saw the delete may push its whole row
-- again, without deleted_at (or with a later one), and must not resurrect it. For the
-- last-writer-wins tables (sessions, conversations, analyses) the rest of such a push still
-- lands, as the fields of a deleted album feedback row still merge; every device then pulls
-- the row, still deleted.
create function private.sync_keep_tombstone() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if old.deleted_at is not null then
    new.deleted_at := old.deleted_at;
  end if;
  return new;
end
$$;
revoke all on function private.sync_keep_tombstone() from public, anon, authenticated;

-- Portraits and recommendation sets are immutable, messages append-only: content never changes
-- once written. The one change allowed is the soft delete, and it sticks (as above).
-- TG_ARGV[0] is the reason code reported to the client ('immutable' or 'append_only').
create function private.sync_guard_immutable() returns trigger
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
revoke all on function private.sync_guard_immutable() from public, anon, authenticated;

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
