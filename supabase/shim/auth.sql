-- Supabase auth shim: the slice of what a Supabase project already provides that our
-- migrations and tests rely on, recreated for plain PostgreSQL 15 (scripts/test-db.sh) and for
-- the PGlite stand-in. NOT a migration: on Supabase all of this exists before migrations run.
--
-- Provides: roles anon / authenticated / service_role (nologin; service_role bypasses RLS),
-- Supabase's default grants on schema public, schema auth with a minimal auth.users, and
-- auth.uid() / auth.role() / auth.jwt() reading `request.jwt.claims` as PostgREST sets it
-- (`set local role authenticated; select set_config('request.jwt.claims', '{"sub":…}', true)`).
-- Idempotent: safe to load twice (roles are cluster-wide).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;

-- Supabase's defaults: the API roles may use schema public, and objects the migration role
-- creates there are granted to them (RLS and explicit revokes in the migrations narrow this).
grant usage on schema public to anon, authenticated, service_role;
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;

create schema if not exists auth;
grant usage on schema auth to anon, authenticated, service_role;

create table if not exists auth.users (
  id uuid primary key default gen_random_uuid(),
  email text unique,
  is_anonymous boolean not null default false,
  raw_app_meta_data jsonb not null default '{}'::jsonb,
  raw_user_meta_data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
grant select on auth.users to service_role;

-- As in Supabase: the legacy per-claim setting first, then the claims JSON.
create or replace function auth.uid() returns uuid
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
  )::uuid
$$;

create or replace function auth.role() returns text
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
  )::text
$$;

create or replace function auth.jwt() returns jsonb
language sql stable
as $$
  select coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;

grant execute on function auth.uid(), auth.role(), auth.jwt() to anon, authenticated, service_role;
