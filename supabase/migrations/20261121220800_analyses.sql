-- Analyses: the feedback analysis that steers the next round. Last writer wins by row
-- (chosen_direction is set once the listener picks "Go deeper" or "Pivot"), except that a
-- delete sticks (private.sync_keep_tombstone).

create table public.analyses (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  session_id uuid not null,
  conversation_id uuid not null,
  round integer not null check (round >= 1),
  average_rating double precision not null,
  rated_count integer not null check (rated_count >= 0),
  top_albums jsonb not null default '[]'::jsonb check (jsonb_typeof(top_albums) = 'array'),
  result jsonb not null check (jsonb_typeof(result) = 'object'),
  chosen_direction text check (chosen_direction in ('reinforced', 'pivot')),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 64 KB as JSON: two texts of at most 4000 characters from the curator (32 KB even
  -- in a 4-byte script) and the three top-rated albums.
  constraint analyses_row_size check (octet_length(to_jsonb(analyses)::text) <= 65536)
);

create unique index analyses_user_rev on public.analyses (user_id, rev);

create trigger sync_10_tombstone before update on public.analyses
  for each row execute function private.sync_keep_tombstone();

create trigger sync_20_stamp before insert or update on public.analyses
  for each row execute function private.sync_stamp_revision();

alter table public.analyses enable row level security;
create policy "analyses: owner can read" on public.analyses
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "analyses: owner can insert" on public.analyses
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "analyses: owner can update" on public.analyses
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.analyses from public, anon, authenticated;
grant select, insert, update on table public.analyses to authenticated;
grant all on table public.analyses to service_role;
