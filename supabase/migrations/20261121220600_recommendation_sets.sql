-- Recommendation sets: immutable once written (as portraits). albums is the array of
-- RecommendedAlbumEntry, each with the stable key feedback points at.

create table public.recommendation_sets (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  session_id uuid not null,
  conversation_id uuid not null,
  round integer not null check (round >= 1),
  batch integer not null default 1 check (batch >= 1),
  albums jsonb not null check (jsonb_typeof(albums) = 'array'),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 256 KB as JSON: at most 20 albums per answer, each with a reason of at most 2000
  -- characters, up to 8 genres and its catalogue links.
  constraint recommendation_sets_row_size
    check (octet_length(to_jsonb(recommendation_sets)::text) <= 262144)
);

create trigger sync_10_immutable before update on public.recommendation_sets
  for each row execute function private.sync_guard_immutable('immutable');

create unique index recommendation_sets_user_rev on public.recommendation_sets (user_id, rev);

create trigger sync_20_stamp before insert or update on public.recommendation_sets
  for each row execute function private.sync_stamp_revision();

alter table public.recommendation_sets enable row level security;
create policy "recommendation_sets: owner can read" on public.recommendation_sets
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "recommendation_sets: owner can insert" on public.recommendation_sets
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "recommendation_sets: owner can update" on public.recommendation_sets
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.recommendation_sets from public, anon, authenticated;
grant select, insert, update on table public.recommendation_sets to authenticated;
grant all on table public.recommendation_sets to service_role;
