-- Curator idempotency keys: the same Idempotency-Key from the same user within 24 h returns the
-- stored response with no second AI call (ARCHITECTURE.md, "Curator function").
-- request_hash (e.g. SHA-256 of route + body) lets the function refuse a key reused for a
-- different request. Rows expire after 24 h; curator_purge_expired() removes them (no pg_cron:
-- call it opportunistically, e.g. on 1 request in 100).
-- Used only by the curator function's own connection or the service role (RLS on, no policies).

create table public.curator_idempotency_keys (
  user_id uuid not null references auth.users (id) on delete cascade,
  key text not null check (char_length(key) between 1 and 255),
  route text not null check (char_length(route) <= 64),
  request_hash text not null check (char_length(request_hash) <= 128),
  state text not null default 'in_progress' check (state in ('in_progress', 'completed')),
  response_status integer,
  response_body jsonb,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  expires_at timestamptz not null default now() + interval '24 hours',
  primary key (user_id, key)
);
create index curator_idempotency_keys_expires_at on public.curator_idempotency_keys (expires_at);
alter table public.curator_idempotency_keys enable row level security;
revoke all on table public.curator_idempotency_keys from public, anon, authenticated;
grant all on table public.curator_idempotency_keys to service_role;

-- Claims a key. Returns { outcome, response_status?, response_body? } where outcome is
--   'new'         the caller owns the key now: do the work, then curator_idempotency_complete
--   'completed'   replay the stored response
--   'in_progress' the first request is still running (answer 409, or wait and retry)
--   'mismatch'    the key was used for a different request (answer 422)
-- An expired key is treated as absent.
create function public.curator_idempotency_begin(
  p_user_id uuid, p_key text, p_route text, p_request_hash text
) returns jsonb
language plpgsql
set search_path = ''
as $$
declare
  k public.curator_idempotency_keys;
begin
  delete from public.curator_idempotency_keys
  where user_id = p_user_id and key = p_key and expires_at <= now();
  insert into public.curator_idempotency_keys (user_id, key, route, request_hash)
  values (p_user_id, p_key, p_route, p_request_hash)
  on conflict (user_id, key) do nothing;
  if found then
    return jsonb_build_object('outcome', 'new');
  end if;
  select * into k from public.curator_idempotency_keys
  where user_id = p_user_id and key = p_key;
  if k.route <> p_route or k.request_hash <> p_request_hash then
    return jsonb_build_object('outcome', 'mismatch');
  end if;
  if k.state = 'completed' then
    return jsonb_build_object('outcome', 'completed',
      'response_status', k.response_status, 'response_body', k.response_body);
  end if;
  return jsonb_build_object('outcome', 'in_progress');
end
$$;

-- Stores the response of a claimed key. Store only successful responses; on failure call
-- curator_idempotency_release so the client's retry can run again.
create function public.curator_idempotency_complete(
  p_user_id uuid, p_key text, p_status integer, p_body jsonb
) returns void
language sql
set search_path = ''
as $$
  update public.curator_idempotency_keys
  set state = 'completed', response_status = p_status, response_body = p_body,
      completed_at = now()
  where user_id = p_user_id and key = p_key;
$$;

create function public.curator_idempotency_release(p_user_id uuid, p_key text) returns void
language sql
set search_path = ''
as $$
  delete from public.curator_idempotency_keys
  where user_id = p_user_id and key = p_key and state = 'in_progress';
$$;

-- Removes expired idempotency keys and rate-limit windows older than a day. Returns the count.
create function public.curator_purge_expired() returns integer
language plpgsql
set search_path = ''
as $$
declare
  a integer;
  b integer;
begin
  delete from public.curator_idempotency_keys where expires_at <= now();
  get diagnostics a = row_count;
  delete from public.curator_rate_limits where window_start < now() - interval '1 day';
  get diagnostics b = row_count;
  return a + b;
end
$$;

revoke all on function public.curator_idempotency_begin(uuid, text, text, text),
  public.curator_idempotency_complete(uuid, text, integer, jsonb),
  public.curator_idempotency_release(uuid, text),
  public.curator_purge_expired()
  from public, anon, authenticated;
grant execute on function public.curator_idempotency_begin(uuid, text, text, text),
  public.curator_idempotency_complete(uuid, text, integer, jsonb),
  public.curator_idempotency_release(uuid, text),
  public.curator_purge_expired()
  to service_role;
