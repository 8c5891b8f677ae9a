-- Curator usage log: one row per AI call, for cost and abuse monitoring. Never prompt or
-- answer text: only who, which route and model, token counts, latency and an outcome code
-- (the length checks keep free text out). Rows go when the user is deleted.
-- Used only by the curator function's own connection or the service role (RLS on, no policies).

create table public.curator_usage (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  route text not null check (char_length(route) <= 64),
  model text not null check (char_length(model) <= 128),
  tokens_in integer not null default 0 check (tokens_in >= 0),
  tokens_out integer not null default 0 check (tokens_out >= 0),
  latency_ms integer not null check (latency_ms >= 0),
  outcome text not null check (char_length(outcome) <= 64),
  created_at timestamptz not null default now()
);
create index curator_usage_user_created on public.curator_usage (user_id, created_at);
alter table public.curator_usage enable row level security;
revoke all on table public.curator_usage from public, anon, authenticated;
grant all on table public.curator_usage to service_role;
revoke all on sequence public.curator_usage_id_seq from public, anon, authenticated;
grant usage, select on sequence public.curator_usage_id_seq to service_role;
