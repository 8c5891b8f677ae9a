-- Album feedback: the listener's rating, "listened" flag and notes on one recommended album.
--
-- Two devices may edit the same feedback offline (a rating on the phone, a rationale on the
-- laptop). Last-writer-wins by row would drop one of them, so this table merges per field:
-- field_clocks maps a column name to the hybrid logical clock of that column's last edit,
-- `<13-digit unix ms>:<4-digit counter>:<node id>` (fixed width, so plain byte order —
-- collate "C" — is clock order). On every update (through sync_push or a direct upsert) the
-- trigger below keeps, for each column, whichever side has the higher clock, and the merged
-- row keeps the max clock per column. The result does not depend on arrival order. A column
-- with no clock on either side keeps its first value: every field a device edits must carry a
-- clock. A rating cleared on a device arrives as null with a newer clock and wins like any
-- other value. deleted_at merges the same way (clock key 'deleted_at'), so a delete sticks
-- unless a newer delete clock undoes it.
--
-- The functions live in schema private (see the sync core). The two that name another
-- function there run as their owner (security definer), since the caller cannot use the
-- schema; neither reads or writes a table.

create function private.album_feedback_merge_fields() returns text[]
language sql immutable
set search_path = ''
as $$
  select array[
    'session_id', 'set_id', 'album_key', 'round', 'title', 'artist', 'year', 'listened',
    'rating', 'rationale', 'resonant_element', 'created_at', 'deleted_at'
  ]
$$;
revoke all on function private.album_feedback_merge_fields() from public, anon, authenticated;

-- Checked on every write of album_feedback, so whoever writes the table must be able to
-- execute it.
create function private.album_feedback_clocks_valid(clocks jsonb) returns boolean
language sql immutable
security definer
set search_path = ''
as $$
  select jsonb_typeof(clocks) = 'object'
     and not exists (
       select 1
       from jsonb_each(clocks) as e (field, clock)
       where e.field <> all (private.album_feedback_merge_fields())
          or jsonb_typeof(e.clock) <> 'string'
          or (e.clock #>> '{}') !~ '^[0-9]{13}:[0-9]{4}:[A-Za-z0-9_-]{1,64}$'
     )
$$;
revoke all on function private.album_feedback_clocks_valid(jsonb) from public, anon;
grant execute on function private.album_feedback_clocks_valid(jsonb) to authenticated, service_role;

create table public.album_feedback (
  id uuid primary key,
  user_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  session_id uuid not null,
  set_id uuid not null,
  album_key text not null,
  round integer not null check (round >= 1),
  title text not null,
  artist text not null,
  year text not null default '',
  listened boolean not null default false,
  rating smallint check (rating between 1 and 5),
  rationale text,
  resonant_element text,
  field_clocks jsonb not null default '{}'::jsonb
    constraint album_feedback_field_clocks_valid
    check (private.album_feedback_clocks_valid(field_clocks)),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  rev bigint not null,
  updated_at timestamptz not null,
  -- At most 32 KB as JSON: a rationale of 2000 and a resonant element of 500 characters (what
  -- the curator reads), the album's title and artist (300 each) and the clocks.
  constraint album_feedback_row_size check (octet_length(to_jsonb(album_feedback)::text) <= 32768)
);

create function private.album_feedback_merge() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  merged jsonb := to_jsonb(new);
  previous jsonb := to_jsonb(old);
  clocks jsonb := '{}'::jsonb;
  field text;
  new_clock text;
  old_clock text;
begin
  foreach field in array private.album_feedback_merge_fields() loop
    new_clock := coalesce(new.field_clocks ->> field, '');
    old_clock := coalesce(old.field_clocks ->> field, '');
    if new_clock collate "C" > old_clock collate "C" then
      clocks := clocks || jsonb_build_object(field, new_clock);
    else
      merged := jsonb_set(merged, array[field], previous -> field);
      if old_clock <> '' then
        clocks := clocks || jsonb_build_object(field, old_clock);
      end if;
    end if;
  end loop;
  new := jsonb_populate_record(new, jsonb_set(merged, '{field_clocks}', clocks));
  return new;
end
$$;
revoke all on function private.album_feedback_merge() from public, anon, authenticated;

create trigger sync_10_merge before update on public.album_feedback
  for each row execute function private.album_feedback_merge();

create unique index album_feedback_user_rev on public.album_feedback (user_id, rev);

create trigger sync_20_stamp before insert or update on public.album_feedback
  for each row execute function private.sync_stamp_revision();

alter table public.album_feedback enable row level security;
create policy "album_feedback: owner can read" on public.album_feedback
  for select to authenticated using ((select auth.uid()) = user_id);
create policy "album_feedback: owner can insert" on public.album_feedback
  for insert to authenticated with check ((select auth.uid()) = user_id);
create policy "album_feedback: owner can update" on public.album_feedback
  for update to authenticated
  using ((select auth.uid()) = user_id) with check ((select auth.uid()) = user_id);
-- No delete policy and no delete grant: deletes are soft (deleted_at).

revoke all on table public.album_feedback from public, anon, authenticated;
grant select, insert, update on table public.album_feedback to authenticated;
grant all on table public.album_feedback to service_role;
