-- What the curator function's Postgres stores need beyond the three curator migrations before
-- this one (used through SUPABASE_DB_URL, see supabase/functions/_shared/*-pg.ts):
--
-- curator_idempotency_claim: curator_idempotency_begin, plus two things it cannot do:
--   * a claim still 'in_progress' after p_lease_s seconds (longer than any request's time
--     budget, so its instance died mid-request) is taken over by the caller ('new'), instead of
--     blocking its key for 24 h;
--   * a new claim expires after p_ttl_s seconds (default 24 h, as before).
-- curator_usage gains two non-text columns the function already reports: whether the call
-- streamed, and the upstream HTTP status of a failed call.
-- curator_rate_limits gets an index for curator_purge_expired()'s delete by age.
-- Like the rest of the curator's tables: service role (and the function's own connection) only.

create function public.curator_idempotency_claim(
  p_user_id uuid, p_key text, p_route text, p_request_hash text,
  p_lease_s integer default 120, p_ttl_s integer default 86400
) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  result jsonb;
begin
  update public.curator_idempotency_keys
  set created_at = now()
  where user_id = p_user_id and key = p_key and state = 'in_progress'
    and route = p_route and request_hash = p_request_hash
    and expires_at > now()
    and created_at <= now() - make_interval(secs => p_lease_s);
  if found then
    return jsonb_build_object('outcome', 'new');
  end if;
  result := public.curator_idempotency_begin(p_user_id, p_key, p_route, p_request_hash);
  if result ->> 'outcome' = 'new' then
    update public.curator_idempotency_keys
    set expires_at = created_at + make_interval(secs => p_ttl_s)
    where user_id = p_user_id and key = p_key;
  end if;
  return result;
end
$$;
revoke all on function public.curator_idempotency_claim(uuid, text, text, text, integer, integer)
  from public, anon, authenticated;
grant execute on function public.curator_idempotency_claim(uuid, text, text, text, integer, integer)
  to service_role;

alter table public.curator_usage
  add column stream boolean not null default false,
  add column upstream_status integer check (upstream_status between 100 and 599);

create index curator_rate_limits_window_start on public.curator_rate_limits (window_start);
