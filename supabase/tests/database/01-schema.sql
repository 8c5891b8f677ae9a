-- The shape every synced table shares, RLS switched on everywhere, the policies each table
-- has (and that none of them deletes), and who may touch what.
set client_min_messages = warning;
begin;
select plan(28);

select tables_are('public', array[
  'journeys', 'portraits', 'conversations', 'messages', 'recommendation_sets',
  'album_feedback', 'analyses', 'sync_revisions', 'sync_ops',
  'curator_rate_limits', 'curator_idempotency_keys', 'curator_usage'
], 'public has exactly the synced, sync and curator tables');

select is_empty($$
  select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where n.nspname = 'public' and c.relkind = 'r' and not c.relrowsecurity
$$, 'row level security is enabled on every table in public');

-- The common columns of a synced row.
select is_empty($$
  select t, col from tests.synced_tables() t,
    unnest(array['id', 'user_id', 'created_at', 'deleted_at', 'rev', 'updated_at']) col
  where not exists (
    select 1 from information_schema.columns c
    where c.table_schema = 'public' and c.table_name = t and c.column_name = col)
$$, 'every synced table has id, user_id, created_at, deleted_at, rev, updated_at');

select is_empty($$
  select c.table_name, c.column_name, c.is_nullable from information_schema.columns c
  where c.table_schema = 'public' and c.table_name in (select tests.synced_tables())
    and ((c.column_name in ('id', 'user_id', 'rev', 'updated_at', 'created_at') and c.is_nullable = 'YES')
      or (c.column_name = 'deleted_at' and c.is_nullable = 'NO'))
$$, 'rev, updated_at, user_id are required; deleted_at is optional');

select is_empty($$
  select t from tests.synced_tables() t
  where not exists (
    select 1 from pg_constraint k
    where k.conrelid = ('public.' || t)::regclass and k.contype = 'f'
      and k.confrelid = 'auth.users'::regclass and k.confdeltype = 'c')
$$, 'every synced row belongs to an auth.users row and goes with it (on delete cascade)');

select is_empty($$
  select t from tests.synced_tables() t
  where not exists (
    select 1 from pg_trigger g
    where g.tgrelid = ('public.' || t)::regclass and g.tgname = 'sync_20_stamp'
      and g.tgfoid = 'private.sync_stamp_revision'::regproc)
$$, 'every synced table stamps rev and updated_at by trigger');

select is_empty($$
  select t from tests.synced_tables() t
  where not exists (select 1 from pg_indexes i
                    where i.schemaname = 'public' and i.tablename = t and i.indexname = t || '_user_rev')
$$, 'every synced table has its (user_id, rev) index for pull');

select has_trigger('public', 'portraits', 'sync_10_immutable', 'portraits are guarded as immutable');
select has_trigger('public', 'recommendation_sets', 'sync_10_immutable', 'recommendation sets are guarded as immutable');
select has_trigger('public', 'messages', 'sync_10_append_only', 'messages are guarded as append-only');
select has_trigger('public', 'album_feedback', 'sync_10_merge', 'album feedback merges per field');
select is_empty($$
  select t from unnest(array['journeys', 'conversations', 'analyses']) t
  where not exists (
    select 1 from pg_trigger g
    where g.tgrelid = ('public.' || t)::regclass and g.tgname = 'sync_10_tombstone'
      and g.tgfoid = 'private.sync_keep_tombstone'::regproc)
$$, 'the last-writer-wins tables keep their tombstones by trigger');
select is_empty($$
  select t from tests.synced_tables() t
  where t <> 'conversations'
    and not exists (select 1 from pg_constraint k
                    where k.conrelid = ('public.' || t)::regclass and k.conname = t || '_row_size')
$$, 'every synced table with free text has its row size limit');

-- Policies: SELECT, INSERT, UPDATE to authenticated on each synced table, nothing else.
select policies_are('public', t, array[t || ': owner can read', t || ': owner can insert', t || ': owner can update'],
  t || ' has exactly its read, insert and update policies')
from tests.synced_tables() t;

select policies_are('public', 'sync_ops', array['sync_ops: owner can read', 'sync_ops: owner can insert'],
  'sync_ops has exactly its read and insert policies');

select is_empty($$
  select tablename, policyname from pg_policies
  where schemaname = 'public'
    and (roles <> '{authenticated}' or cmd not in ('SELECT', 'INSERT', 'UPDATE')
      or coalesce(qual, with_check) not like '%( SELECT auth.uid() AS uid) = user_id%'
      or (cmd = 'UPDATE' and with_check is null))
$$, 'every policy is to authenticated, for select/insert/update, on (select auth.uid()) = user_id');

select is_empty($$
  select tablename from pg_policies
  where schemaname = 'public'
    and tablename in ('sync_revisions', 'curator_rate_limits', 'curator_idempotency_keys', 'curator_usage')
$$, 'the counter and curator tables have no policies (service role only)');

select is_empty($$
  select c.relname, r.rolname, p.privilege_type
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  cross join (values ('anon'), ('authenticated')) r (rolname)
  cross join (values ('SELECT'), ('INSERT'), ('UPDATE'), ('DELETE'), ('TRUNCATE')) p (privilege_type)
  where n.nspname = 'public' and c.relkind = 'r'
    and has_table_privilege(r.rolname, c.oid, p.privilege_type)
    and not (r.rolname = 'authenticated' and p.privilege_type in ('SELECT', 'INSERT', 'UPDATE')
             and c.relname in (select tests.synced_tables()))
    and not (r.rolname = 'authenticated' and p.privilege_type in ('SELECT', 'INSERT')
             and c.relname = 'sync_ops')
$$, 'anon has no table privileges; authenticated only select/insert/update on its tables, never delete');

select is(
  (select array_agg(p.proname::text order by p.proname) from pg_proc p
   where p.pronamespace = 'public'::regnamespace
     and p.proname in ('sync_push', 'sync_pull')
     and not p.prosecdef),
  array['sync_pull', 'sync_push'],
  'sync_push and sync_pull are security invoker, so RLS applies');

select is_empty($$
  select p.proname from pg_proc p
  where p.pronamespace = 'public'::regnamespace and p.proname like 'sync\_p%'
    and has_function_privilege('anon', p.oid, 'execute')
$$, 'anon cannot call the sync functions');

select is_empty($$
  select p.proname from pg_proc p
  where p.pronamespace = 'public'::regnamespace and p.proname like 'curator\_%'
    and (has_function_privilege('anon', p.oid, 'execute')
      or has_function_privilege('authenticated', p.oid, 'execute')
      or not has_function_privilege('service_role', p.oid, 'execute'))
$$, 'the curator functions are for the service role only');

select hasnt_column('public', 'curator_usage', 'prompt', 'the usage log has no prompt column');

select * from finish();
rollback;
