-- Sessions: one journey (the artists given, the portrait, the round the listener is on).
-- Last writer wins by row (in the order pushes reach the server), except that a delete sticks
-- (private.sync_keep_tombstone). Columns mirror SessionRow
-- in src/lib/domain/types.ts in snake_case; the client's updatedAt is the server's updated_at.
-- Ids of other synced rows (portrait_id …) are not foreign keys: devices push in any order.

create table public.sessions (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  artists jsonb not null default '[]'::jsonb check (jsonb_typeof(artists) = 'array'),
  source text not null,
  import_id text,
  portrait_id uuid,
  round integer not null default 1 check (round >= 1),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 256 KB as JSON: 500 artists (the most the app and the curator take) with ordinary
  -- names fill a tenth of it, and a journey's artists must fit in one curator request (256 KB).
  constraint sessions_row_size check (octet_length(to_jsonb(sessions)::text) <= 262144)
);

create unique index sessions_user_rev on public.sessions (user_id, rev);

create trigger sync_10_tombstone before update on public.sessions
  for each row execute function private.sync_keep_tombstone();

create trigger sync_20_stamp before insert or update on public.sessions
  for each row execute function private.sync_stamp_revision();

alter table public.sessions enable row level security;
create policy "sessions: owner can read" on public.sessions
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "sessions: owner can insert" on public.sessions
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "sessions: owner can update" on public.sessions
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.sessions from public, anon, authenticated;
grant select, insert, update on table public.sessions to authenticated;
grant all on table public.sessions to service_role;
