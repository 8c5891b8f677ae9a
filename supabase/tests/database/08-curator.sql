-- The curator's tables, as the curator function's service connection uses them: a fixed-window
-- rate limit, idempotency keys with a stored response and a 24 h expiry, and a usage log.
set client_min_messages = warning;
begin;
select plan(12);

select tests.create_user('alice');
set local role service_role;

select is((select jsonb_agg(public.curator_rate_limit_hit(tests.get_user_id('alice'), 'portrait', 3, 60) -> 'allowed')
           from generate_series(1, 4)),
  '[true, true, true, false]'::jsonb, 'rate limit: the request over the limit is refused');
select ok((public.curator_rate_limit_hit(tests.get_user_id('alice'), 'portrait', 3, 60) ->> 'retry_after_s')::int between 1 and 60,
  'rate limit: a refusal says when to retry');
select is(public.curator_rate_limit_hit(tests.get_user_id('alice'), 'analyze', 3, 60) ->> 'allowed', 'true',
  'rate limit: routes count separately');

select is(public.curator_idempotency_begin(tests.get_user_id('alice'), 'k1', 'portrait', 'h1') ->> 'outcome', 'new',
  'idempotency: a new key is claimed');
select is(public.curator_idempotency_begin(tests.get_user_id('alice'), 'k1', 'portrait', 'h1') ->> 'outcome', 'in_progress',
  'idempotency: the same key while the first request runs is in progress');
select public.curator_idempotency_complete(tests.get_user_id('alice'), 'k1', 200, '{"summary": "s"}');
select is(public.curator_idempotency_begin(tests.get_user_id('alice'), 'k1', 'portrait', 'h1') - 'outcome',
  '{"response_status": 200, "response_body": {"summary": "s"}}'::jsonb,
  'idempotency: a completed key returns the stored response');
select is(public.curator_idempotency_begin(tests.get_user_id('alice'), 'k1', 'portrait', 'other') ->> 'outcome', 'mismatch',
  'idempotency: the same key for a different request is refused');
update public.curator_idempotency_keys set expires_at = now() - interval '1 second';
select is(public.curator_idempotency_begin(tests.get_user_id('alice'), 'k1', 'portrait', 'h2') ->> 'outcome', 'new',
  'idempotency: after 24 h the key is new again');
select public.curator_idempotency_release(tests.get_user_id('alice'), 'k1');
select is((select count(*)::int from public.curator_idempotency_keys), 0,
  'idempotency: a failed request releases its key so the retry runs');

update public.curator_rate_limits set window_start = now() - interval '2 days';
select is(public.curator_purge_expired(), 2, 'purge removes old rate-limit windows');

select lives_ok(format($$insert into public.curator_usage (user_id, route, model, tokens_in, tokens_out, latency_ms, outcome)
                         values (%L, 'recommend', 'gpt-x', 812, 240, 2310, 'ok')$$, tests.get_user_id('alice')),
  'usage: a call is logged with tokens, latency and outcome');
select throws_ok(format($$insert into public.curator_usage (user_id, route, model, latency_ms, outcome)
                          values (%L, 'recommend', 'gpt-x', 1, %L)$$, tests.get_user_id('alice'), repeat('prompt text ', 20)),
  '23514', null, 'usage: free text does not fit in the outcome');

select * from finish();
rollback;
