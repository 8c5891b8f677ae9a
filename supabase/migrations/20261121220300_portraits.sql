-- Portraits: immutable once written. Pushing the same portrait again is accepted and changes
-- nothing; pushing different content under the same id is rejected ('immutable').

create table public.portraits (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  session_id uuid not null,
  artists jsonb not null default '[]'::jsonb check (jsonb_typeof(artists) = 'array'),
  source text not null,
  result jsonb not null check (jsonb_typeof(result) = 'object'),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 512 KB as JSON: the journey's artists (at most 256 KB, as for sessions) and the
  -- portrait drawn from them (17 facets of 200 + 2000 characters and a 4000-character summary
  -- at most, as the curator checks it).
  constraint portraits_row_size check (octet_length(to_jsonb(portraits)::text) <= 524288)
);

create trigger sync_10_immutable before update on public.portraits
  for each row execute function private.sync_guard_immutable('immutable');

create unique index portraits_user_rev on public.portraits (user_id, rev);

create trigger sync_20_stamp before insert or update on public.portraits
  for each row execute function private.sync_stamp_revision();

alter table public.portraits enable row level security;
create policy "portraits: owner can read" on public.portraits
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "portraits: owner can insert" on public.portraits
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "portraits: owner can update" on public.portraits
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.portraits from public, anon, authenticated;
grant select, insert, update on table public.portraits to authenticated;
grant all on table public.portraits to service_role;
