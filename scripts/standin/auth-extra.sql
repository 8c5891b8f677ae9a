-- Local Supabase stand-in only (scripts/standin): the parts of GoTrue's auth schema the
-- stand-in's Auth endpoints need on top of supabase/shim/auth.sql. NOT a migration and
-- never loaded on a real project (there GoTrue owns the auth schema). Idempotent.

alter table auth.users add column if not exists encrypted_password text;
alter table auth.users add column if not exists email_confirmed_at timestamptz;
alter table auth.users add column if not exists last_sign_in_at timestamptz;

create table if not exists auth.sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  refreshed_at timestamptz
);

-- Rotating refresh tokens: using one revokes it and issues its child in the same session.
create table if not exists auth.refresh_tokens (
  token text primary key,
  session_id uuid not null references auth.sessions (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  parent text,
  revoked boolean not null default false,
  created_at timestamptz not null default now()
);
create index if not exists refresh_tokens_session on auth.refresh_tokens (session_id);

-- The API roles never see these (only the stand-in, as the database owner, does).
revoke all on auth.sessions, auth.refresh_tokens from public, anon, authenticated;
