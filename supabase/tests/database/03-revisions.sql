-- rev and updated_at belong to the server: one counter per user, bumped on every write that
-- changes something, whatever the client sends.
set client_min_messages = warning;
begin;
select plan(10);

select tests.create_user('alice');
select tests.create_user('bob');

select tests.authenticate_as('alice');
select tests.insert_row('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-8000-000000000101')
  || '{"rev": 999999, "updated_at": "2000-01-01T00:00:00Z"}');
select tests.insert_row('portraits', tests.sample_row('portraits', '00000000-0000-4000-8000-000000000102'));
select tests.insert_row('messages', tests.sample_row('messages', '00000000-0000-4000-8000-000000000103'));

select is((select rev from public.journeys where id = '00000000-0000-4000-8000-000000000101'), 1::bigint,
  'a client-sent rev is ignored: the first row of a user gets rev 1');
select is((select updated_at from public.journeys where id = '00000000-0000-4000-8000-000000000101'), now(),
  'a client-sent updated_at is ignored: the server stamps now()');
select results_eq(
  $$select rev from (select rev, created_at from public.journeys union all
                     select rev, created_at from public.portraits union all
                     select rev, created_at from public.messages) x order by created_at$$,
  $$values (1::bigint), (2), (3)$$,
  'one counter per user across all tables, in write order');

update public.journeys set round = 2, rev = 0 where id = '00000000-0000-4000-8000-000000000101';
select is((select rev from public.journeys where id = '00000000-0000-4000-8000-000000000101'), 4::bigint,
  'an update takes the next revision (and cannot set its own)');

update public.journeys set round = 2 where id = '00000000-0000-4000-8000-000000000101';
select is((select rev from public.journeys where id = '00000000-0000-4000-8000-000000000101'), 4::bigint,
  'an update that changes nothing takes no revision');

select tests.authenticate_as('bob');
select tests.insert_row('journeys', tests.sample_row('journeys', '00000000-0000-4000-8000-000000000201'));
select is((select rev from public.journeys where id = '00000000-0000-4000-8000-000000000201'), 1::bigint,
  'another user has their own counter');

reset role;
select results_eq(
  $$select u.email, r.rev from public.sync_revisions r join auth.users u on u.id = r.user_id order by u.email$$,
  $$values ('alice@test.invalid', 4::bigint), ('bob@test.invalid', 1::bigint)$$,
  'sync_revisions holds each user''s last revision');

insert into public.journeys (id, user_id, source, rev, updated_at)
select ('00000000-0000-4000-8000-00000000030' || i)::uuid, s.user_id, 'typed', 5, now()
from public.journeys s, generate_series(1, 3) i
where s.id = '00000000-0000-4000-8000-000000000101';
select results_eq(
  $$select rev from public.journeys where id::text like '00000000-0000-4000-8000-00000000030%' order by id$$,
  $$values (5::bigint), (6), (7)$$,
  'rows written by one statement still get their own revisions');

select index_is_unique('public', 'journeys', 'journeys_user_rev',
  'a revision is never shared by two rows of one user');

delete from auth.users where email = 'bob@test.invalid';
select is((select count(*)::int from public.journeys where id = '00000000-0000-4000-8000-000000000201'), 0,
  'a deleted user takes their rows along');

select * from finish();
rollback;
