-- sync_pull: the caller's rows with rev > since, in revision order across tables, in pages of
-- at most 500 (PostgREST silently truncates at 1000, so a page must stay below it).
set client_min_messages = warning;
begin;
select plan(17);

select tests.create_user('alice');
select tests.create_user('bob');
create temp table pages (n int primary key, since bigint, page jsonb);
grant all on pages to authenticated;

-- 1,200 rows of alice over three tables, pushed 400 at a time, with bob writing in between.
create function tests.push_many(k int, start int) returns void
language sql
as $$
  select public.sync_push(jsonb_agg(tests.op(
    (array['journeys', 'messages', 'album_feedback'])[1 + i % 3],
    tests.sample_row((array['journeys', 'messages', 'album_feedback'])[1 + i % 3],
      ('00000000-0000-4000-a000-' || lpad(i::text, 12, '0'))::uuid)) order by i))
  from generate_series(start, start + k - 1) i
$$;
select tests.authenticate_as('alice');
select tests.push_many(400, 1);
select tests.authenticate_as('bob');
select tests.push_many(30, 5001);
select tests.authenticate_as('alice');
select tests.push_many(400, 401);
select tests.push_many(400, 801);
select is((select count(*)::int from public.journeys) + (select count(*)::int from public.messages)
          + (select count(*)::int from public.album_feedback), 1200, 'alice has 1,200 rows');

insert into pages values (1, 0, public.sync_pull(0, 500));
insert into pages select 2, (page ->> 'next')::bigint, public.sync_pull((page ->> 'next')::bigint, 500) from pages where n = 1;
insert into pages select 3, (page ->> 'next')::bigint, public.sync_pull((page ->> 'next')::bigint, 500) from pages where n = 2;
insert into pages select 4, (page ->> 'next')::bigint, public.sync_pull((page ->> 'next')::bigint, 500) from pages where n = 3;

select results_eq($$select jsonb_array_length(page -> 'rows') from pages order by n$$,
  $$values (500), (500), (200), (0)$$, 'pages of 500, 500, 200, then nothing');
select results_eq($$select (page -> 'more')::boolean from pages order by n$$,
  $$values (true), (true), (false), (false)$$, 'more is true until the last rows are returned');
select results_eq(
  $$select (page ->> 'next')::bigint, (select max((e -> 'row' ->> 'rev')::bigint) from jsonb_array_elements(page -> 'rows') e)
    from pages where n < 4 order by n$$,
  $$select (page ->> 'next')::bigint, (page ->> 'next')::bigint from pages where n < 4 order by n$$,
  'next is the highest revision returned');
select is((select page ->> 'next' from pages where n = 4), (select page ->> 'next' from pages where n = 3),
  'an empty page keeps the cursor where it was');

create temp view pulled as
  select p.n, e.i, e.r ->> 'table' as tbl, (e.r -> 'row' ->> 'id')::uuid as id,
         (e.r -> 'row' ->> 'rev')::bigint as rev, (e.r -> 'row' ->> 'user_id')::uuid as owner, p.since
  from pages p, jsonb_array_elements(p.page -> 'rows') with ordinality e (r, i);
grant select on pulled to authenticated;

select is((select count(distinct id)::int from pulled), 1200, 'every row pulled');
select is((select count(*)::int from pulled), 1200, 'no row pulled twice');
select is_empty($$select * from pulled where owner <> auth.uid()$$, 'only the caller''s rows are pulled');
select is_empty($$select * from pulled where rev <= since$$, 'every row of a page is past its cursor');
select is_empty(
  $$select * from (select rev, lag(rev) over (order by n, i) as prev from pulled) x where rev <= prev$$,
  'rows come in strictly increasing revision order, across pages');
select is((select count(distinct tbl)::int from pulled where n = 1), 3,
  'one page interleaves the tables in revision order');
select is_empty($$
  select p.id from pulled p
  where p.tbl = 'messages' and not exists (select 1 from public.messages m where m.id = p.id and m.rev = p.rev)$$,
  'each pulled row carries its table name');

-- Page size: at most 500, at least 1.
select is(jsonb_array_length(public.sync_pull(0, 1000) -> 'rows'), 500, 'a page never exceeds 500 rows');
select is(jsonb_array_length(public.sync_pull(0) -> 'rows'), 500, 'the default page is 500 rows');
select is(jsonb_array_length(public.sync_pull(0, 0) -> 'rows'), 1, 'a page has at least one row');

-- A later change comes after the cursor, and tombstones travel too.
select public.sync_push(jsonb_build_array(tests.op('journeys',
  tests.sample_row('journeys', '00000000-0000-4000-a000-000000000003') || '{"deleted_at": "2026-11-04T00:00:00Z"}')));
select is(
  (select jsonb_path_query_array(public.sync_pull((page ->> 'next')::bigint), '$.rows[*].row.id') from pages where n = 4),
  '["00000000-0000-4000-a000-000000000003"]'::jsonb,
  'a changed row is pulled again after the cursor');
select is(
  (select public.sync_pull((page ->> 'next')::bigint) -> 'rows' -> 0 -> 'row' ->> 'deleted_at' from pages where n = 4),
  '2026-11-04T00:00:00+00:00', 'a soft delete is pulled like any change');

select * from finish();
rollback;
