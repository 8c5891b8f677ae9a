-- Messages: append-only. The same message pushed again is accepted and changes nothing; a
-- changed message under an existing id is rejected ('append_only').

create table public.messages (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  conversation_id uuid not null,
  session_id uuid not null,
  seq integer not null check (seq >= 0),
  role text not null check (role in ('user', 'assistant')),
  content text not null,
  question_number integer,
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 32 KB as JSON: the curator takes and writes messages of at most 4000 characters
  -- (16 KB even in a 4-byte script).
  constraint messages_row_size check (octet_length(to_jsonb(messages)::text) <= 32768)
);

create trigger sync_10_append_only before update on public.messages
  for each row execute function private.sync_guard_immutable('append_only');

create unique index messages_user_rev on public.messages (user_id, rev);

create trigger sync_20_stamp before insert or update on public.messages
  for each row execute function private.sync_stamp_revision();

alter table public.messages enable row level security;
create policy "messages: owner can read" on public.messages
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "messages: owner can insert" on public.messages
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "messages: owner can update" on public.messages
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.messages from public, anon, authenticated;
grant select, insert, update on table public.messages to authenticated;
grant all on table public.messages to service_role;
