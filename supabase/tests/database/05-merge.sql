-- Merge rules on the server: album feedback merges per field by hybrid logical clock, in any
-- arrival order; messages are append-only; portraits and recommendation sets are immutable.
set client_min_messages = warning;
begin;
select plan(22);

select tests.create_user('alice');

-- A feedback row as a device holds it: base sample + fields + their clocks.
create function tests.feedback(id uuid, fields jsonb, clocks jsonb) returns jsonb
language sql immutable
as $$
  select (tests.sample_row('album_feedback', id) - 'rating' - 'field_clocks')
         || fields || jsonb_build_object('field_clocks', clocks)
$$;
create function tests.push1(tbl text, r jsonb) returns jsonb
language sql
as $$ select public.sync_push(jsonb_build_array(tests.op(tbl, r))) -> 0 $$;
create function tests.feedback_state(fid uuid) returns jsonb
language sql stable
as $$
  select jsonb_build_object('rating', rating, 'rationale', rationale, 'listened', listened,
                            'field_clocks', field_clocks)
  from public.album_feedback where id = fid
$$;

create temp table revs (id uuid primary key, rev bigint);
grant all on revs to authenticated;
select tests.authenticate_as('alice');

-- Two devices, different fields: both kept.
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f1',
  '{"listened": true}', '{"listened": "1793527200000:0000:phone"}'));
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f1',
  '{"listened": true, "rating": 5}', '{"listened": "1793527200000:0000:phone", "rating": "1793527300000:0000:phone"}'));
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f1',
  '{"listened": true, "rationale": "the drums"}',
  '{"listened": "1793527200000:0000:phone", "rationale": "1793527250000:0000:laptop"}'));
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f1'),
  '{"rating": 5, "rationale": "the drums", "listened": true,
    "field_clocks": {"listened": "1793527200000:0000:phone", "rating": "1793527300000:0000:phone",
                     "rationale": "1793527250000:0000:laptop"}}'::jsonb,
  'a rating on one device and a rationale on the other: both kept, with the max clock per field');

-- Same field, the later clock wins whatever the arrival order.
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f2',
  '{"rating": 4}', '{"rating": "1793527500000:0000:phone"}'));
insert into revs select id, rev from public.album_feedback where id = '00000000-0000-4000-8000-0000000000f2';
select is(tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f2',
  '{"rating": 2}', '{"rating": "1793527400000:0000:laptop"}')) ->> 'status', 'applied',
  'an older edit arriving late is accepted (and loses)');
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f3',
  '{"rating": 2}', '{"rating": "1793527400000:0000:laptop"}'));
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f3',
  '{"rating": 4}', '{"rating": "1793527500000:0000:phone"}'));
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f2') -> 'rating', '4',
  'same field: the later clock wins when it arrives first');
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f3') -> 'rating', '4',
  'same field: the later clock wins when it arrives last');
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f2'),
          tests.feedback_state('00000000-0000-4000-8000-0000000000f3'),
  'both arrival orders end in the same row');
select is((select rev from public.album_feedback where id = '00000000-0000-4000-8000-0000000000f2'),
          (select rev from revs where id = '00000000-0000-4000-8000-0000000000f2'),
  'a losing edit takes no new revision');

-- Equal time: the counter, then the node id decide (a total order, the same on every device).
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f4',
  '{"rating": 3}', '{"rating": "1793527500000:0001:phone"}'));
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f4',
  '{"rating": 1}', '{"rating": "1793527500000:0000:zzz"}'));
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f4',
  '{"rating": 5}', '{"rating": "1793527500000:0001:pi"}'));
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f4') -> 'rating', '5',
  'ties break on the counter, then the node id, byte by byte');

-- A cleared field is a value like any other.
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f2',
  '{}', '{"rating": "1793527600000:0000:laptop"}'));
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f2') -> 'rating', 'null',
  'a rating cleared with a newer clock is cleared');

-- No clock, no change; bad clocks are refused.
select tests.push1('album_feedback', tests.feedback('00000000-0000-4000-8000-0000000000f1',
  '{"rating": 1, "rationale": "x", "listened": false}', '{}'));
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f1') -> 'rating', '5',
  'an edit without a clock never overwrites');
select is(tests.push1('album_feedback', tests.feedback(gen_random_uuid(), '{"rating": 3}',
  '{"rating": "yesterday"}')) - 'op_id',
  '{"status": "rejected", "reason": "invalid_value", "detail": "album_feedback_field_clocks_valid"}'::jsonb,
  'a malformed clock is rejected');
select is(tests.push1('album_feedback', tests.feedback(gen_random_uuid(), '{"rating": 3}',
  '{"user_id": "1793527500000:0000:phone"}')) ->> 'reason', 'invalid_value',
  'a clock for a field that does not merge is rejected');

-- The merge also guards direct writes (PostgREST upserts), not only sync_push.
update public.album_feedback set rating = 1,
  field_clocks = '{"rating": "1793527000000:0000:old"}'
where id = '00000000-0000-4000-8000-0000000000f1';
select is(tests.feedback_state('00000000-0000-4000-8000-0000000000f1') -> 'rating', '5',
  'a direct update with an older clock loses too');

-- Messages: append-only.
select tests.push1('messages', tests.sample_row('messages', '00000000-0000-4000-8000-0000000000e1'));
select is(tests.push1('messages', tests.sample_row('messages', '00000000-0000-4000-8000-0000000000e1')) ->> 'status',
  'applied', 'messages: the same message again is accepted');
select is(tests.push1('messages', tests.sample_row('messages', '00000000-0000-4000-8000-0000000000e1')
  || '{"content": "Less motorik."}') ->> 'reason', 'append_only', 'messages: a changed message is rejected');
select throws_ok($$update public.messages set content = 'edited' where id = '00000000-0000-4000-8000-0000000000e1'$$,
  'SC400', 'append_only', 'messages: a direct edit is refused too');
select is((select content from public.messages where id = '00000000-0000-4000-8000-0000000000e1'),
  'More motorik, please.', 'messages: the first content stays');

-- Portraits and recommendation sets: immutable once written.
select tests.push1('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-0000000000d1'));
select is(tests.push1('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-0000000000d1')) ->> 'status',
  'applied', 'portraits: the same portrait again is accepted');
select is(tests.push1('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-0000000000d1')
  || '{"result": {"summary": "something else"}}') ->> 'reason', 'immutable',
  'portraits: different content under the same id is rejected');
select tests.push1('recommendation_sets', tests.sample_row('recommendation_sets', '00000000-0000-4000-8000-0000000000c1'));
select is(tests.push1('recommendation_sets', tests.sample_row('recommendation_sets', '00000000-0000-4000-8000-0000000000c1')
  || '{"albums": []}') ->> 'reason', 'immutable',
  'recommendation sets: different albums under the same id are rejected');
select throws_ok($$update public.recommendation_sets set batch = 2 where id = '00000000-0000-4000-8000-0000000000c1'$$,
  'SC400', 'immutable', 'recommendation sets: a direct edit is refused too');

-- The one change allowed is the soft delete, and it sticks.
select tests.push1('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-0000000000d1')
  || '{"deleted_at": "2026-11-03T00:00:00Z"}');
select is(tests.push1('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-0000000000d1')) ->> 'status',
  'applied', 'portraits: a device that missed the delete may push the portrait again');
select is((select deleted_at from public.portraits where id = '00000000-0000-4000-8000-0000000000d1'),
  '2026-11-03T00:00:00Z'::timestamptz, 'portraits: the soft delete sticks');

select * from finish();
rollback;
