-- Curator rate limits (ARCHITECTURE.md: 100 requests per minute per user), fixed windows.
-- Used only by the curator function's own database connection (SUPABASE_DB_URL) or the
-- service role: RLS is on with no policies, and the API roles have no grants.

create table public.curator_rate_limits (
  user_id uuid not null references auth.users (id) on delete cascade,
  route text not null check (char_length(route) <= 64),
  window_start timestamptz not null,
  hits integer not null default 0,
  primary key (user_id, route, window_start)
);
alter table public.curator_rate_limits enable row level security;
revoke all on table public.curator_rate_limits from public, anon, authenticated;
grant all on table public.curator_rate_limits to service_role;

-- Counts one request and says whether it is allowed; one statement, so concurrent requests
-- of one user cannot both slip under the limit. Refused requests count too.
-- Returns { allowed, hits, limit, reset_at, retry_after_s }.
create function public.curator_rate_limit_hit(
  p_user_id uuid, p_route text, p_limit integer default 100, p_window_s integer default 60
) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  start_at timestamptz := to_timestamp(
    floor(extract(epoch from now()) / p_window_s) * p_window_s);
  reset_at timestamptz := start_at + make_interval(secs => p_window_s);
  n integer;
begin
  insert into public.curator_rate_limits as w (user_id, route, window_start, hits)
  values (p_user_id, p_route, start_at, 1)
  on conflict (user_id, route, window_start) do update set hits = w.hits + 1
  returning w.hits into n;
  return jsonb_build_object(
    'allowed', n <= p_limit, 'hits', n, 'limit', p_limit, 'reset_at', reset_at,
    'retry_after_s', greatest(1, ceil(extract(epoch from reset_at - now())))::integer);
end
$$;
revoke all on function public.curator_rate_limit_hit(uuid, text, integer, integer)
  from public, anon, authenticated;
grant execute on function public.curator_rate_limit_hit(uuid, text, integer, integer)
  to service_role;
