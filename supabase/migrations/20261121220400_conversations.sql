-- Conversations: one round's interview with the curator. Last writer wins by row, except that
-- a delete sticks (private.sync_keep_tombstone). No size limit: every column has a fixed size
-- or a fixed set of values (the interview's text is in messages).

create table public.conversations (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  session_id uuid not null,
  round integer not null check (round >= 1),
  direction text not null check (direction in ('initial', 'reinforced', 'pivot')),
  analysis_id uuid,
  complete boolean not null default false,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null
);

create unique index conversations_user_rev on public.conversations (user_id, rev);

create trigger sync_10_tombstone before update on public.conversations
  for each row execute function private.sync_keep_tombstone();

create trigger sync_20_stamp before insert or update on public.conversations
  for each row execute function private.sync_stamp_revision();

alter table public.conversations enable row level security;
create policy "conversations: owner can read" on public.conversations
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "conversations: owner can insert" on public.conversations
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "conversations: owner can update" on public.conversations
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.conversations from public, anon, authenticated;
grant select, insert, update on table public.conversations to authenticated;
grant all on table public.conversations to service_role;
