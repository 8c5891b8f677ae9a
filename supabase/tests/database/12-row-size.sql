-- Every synced row has a size limit (its JSON as pulled), sized from what a listener can really
-- make: the largest row the app and the curator produce fits; a row over the limit is refused,
-- by sync_push as that one op ('too_large') while the rest of its batch applies, and by a
-- direct INSERT or UPDATE as a check violation.
set client_min_messages = warning;
begin;
select plan(21);

select tests.create_user('alice');
create temp table results (name text primary key, r jsonb);
grant all on results to authenticated;

-- The largest row of each table the app can make, within the curator's own limits (500 artists
-- of 200 characters, 17 portrait facets of 200 + 2000 characters and a 4000-character summary,
-- 4000-character messages, 20 recommended albums, 2000 + 500 characters of notes, three top
-- albums and two 4000-character analysis texts). Text in a 2-byte script (é), 4-byte for
-- messages and analyses, so the limits hold beyond plain ASCII.
create function tests.largest_row(t text, id uuid) returns jsonb
language plpgsql
as $$
declare
  artists jsonb := (select jsonb_agg(jsonb_build_object('name', repeat('é', 200), 'plays', 1000000000))
                    from generate_series(1, 500));
  facets jsonb := (select jsonb_agg(jsonb_build_object('label', repeat('é', 200), 'explanation', repeat('é', 2000)))
                   from generate_series(1, 4));
begin
  return tests.sample_row(t, id) || case t
    when 'journeys' then jsonb_build_object('artists', artists, 'import_id', repeat('i', 64))
    when 'portraits' then jsonb_build_object('artists', artists, 'result', jsonb_build_object(
      'primaryGenres', facets || (facets -> 0), 'geographicCenters', facets, 'keyEras', facets,
      'noteworthyGaps', facets, 'summary', repeat('é', 4000)))
    when 'conversations' then '{}'::jsonb
    when 'messages' then jsonb_build_object('content', repeat('𝄞', 4000))
    when 'recommendation_sets' then jsonb_build_object('albums', (
      select jsonb_agg(jsonb_build_object(
        'key', gen_random_uuid(), 'title', repeat('é', 300), 'artist', repeat('é', 300),
        'year', '1971', 'reason', repeat('é', 2000),
        'genres', (select jsonb_agg(repeat('é', 100)) from generate_series(1, 8)),
        'status', 'verified', 'mbid', gen_random_uuid(),
        'coverUrl', 'https://coverartarchive.org/release-group/' || gen_random_uuid() || '/front-250',
        'coverUrl500', 'https://coverartarchive.org/release-group/' || gen_random_uuid() || '/front-500'))
      from generate_series(1, 20)))
    when 'album_feedback' then jsonb_build_object(
      'album_key', repeat('k', 300), 'title', repeat('é', 300), 'artist', repeat('é', 300),
      'year', repeat('9', 20), 'rationale', repeat('é', 2000), 'resonant_element', repeat('é', 500),
      'field_clocks', (select jsonb_object_agg(f, '1793527205000:0000:' || repeat('d', 64))
                       from unnest(array['journey_id', 'set_id', 'album_key', 'round', 'title', 'artist',
                                         'year', 'listened', 'rating', 'rationale', 'resonant_element',
                                         'created_at', 'deleted_at']) f))
    when 'analyses' then jsonb_build_object(
      'top_albums', (select jsonb_agg(jsonb_build_object('title', repeat('é', 300), 'artist', repeat('é', 300), 'rating', 5))
                     from generate_series(1, 3)),
      'result', jsonb_build_object('reinforcedThemes', repeat('𝄞', 4000), 'strategicPivot', repeat('𝄞', 4000)))
  end;
end
$$;

-- The same row, made far too large in its longest field.
create function tests.oversized_row(t text, id uuid) returns jsonb
language sql
as $$
  select tests.sample_row(t, id) || case t
    when 'journeys' then jsonb_build_object('artists', jsonb_build_array(jsonb_build_object('name', repeat('x', 1048576))))
    when 'portraits' then jsonb_build_object('result', jsonb_build_object('summary', repeat('x', 1048576)))
    when 'messages' then jsonb_build_object('content', repeat('x', 5242880))
    when 'recommendation_sets' then jsonb_build_object('albums', jsonb_build_array(jsonb_build_object('reason', repeat('x', 1048576))))
    when 'album_feedback' then jsonb_build_object('rationale', repeat('x', 1048576))
    when 'analyses' then jsonb_build_object('result', jsonb_build_object('strategicPivot', repeat('x', 1048576)))
  end
$$;

create function tests.size_checks(t text) returns setof text
language plpgsql
as $$
begin
  perform tests.authenticate_as('alice');
  return next lives_ok(
    format('select tests.insert_row(%L, %L)', t, tests.largest_row(t, gen_random_uuid())),
    t || ': the largest row the app makes is stored');
  if t <> 'conversations' then
    return next throws_ok(
      format('select tests.insert_row(%L, %L)', t, tests.oversized_row(t, gen_random_uuid())),
      '23514', null, t || ': a direct INSERT over the limit is refused');
  end if;
  perform set_config('role', 'none', true);
end
$$;

select tests.size_checks(t) from tests.synced_tables() t;

-- Through sync_push: the oversized op alone is rejected, the rest of the batch applies.
select tests.authenticate_as('alice');
insert into results
select 'batch', public.sync_push(jsonb_build_array(
  tests.op('messages', tests.sample_row('messages', '00000000-0000-4000-8000-0000000000e1')),
  tests.op('messages', tests.oversized_row('messages', '00000000-0000-4000-8000-0000000000e2') || '{"seq": 1}'),
  tests.op('messages', tests.sample_row('messages', '00000000-0000-4000-8000-0000000000e3') || '{"seq": 2}')));
select is((select jsonb_path_query_array(r, '$[*].status') from results where name = 'batch'),
  '["applied", "rejected", "applied"]', 'a 5 MB message is rejected on its own; the rest of the batch applies');
select is((select r -> 1 -> 'reason' from results where name = 'batch'), '"too_large"',
  'the rejection says the message is too large');
select is((select r -> 1 -> 'detail' from results where name = 'batch'), '"messages_row_size"',
  'the rejection names the limit');
select results_eq(
  $$select id::text from public.messages where id::text like '00000000-0000-4000-8000-0000000000e%' order by id$$,
  $$values ('00000000-0000-4000-8000-0000000000e1'), ('00000000-0000-4000-8000-0000000000e3')$$,
  'only the two ordinary messages are stored');

select is(public.sync_push(jsonb_build_array(tests.op('album_feedback',
    tests.oversized_row('album_feedback', gen_random_uuid())
    || '{"field_clocks": {"rationale": "1793527205000:0002:devA"}}'))) -> 0 ->> 'reason',
  'too_large', 'an oversized album note is rejected as too large');

-- A direct UPDATE over the limit fails too.
select tests.insert_row('journeys', tests.sample_row('journeys', '00000000-0000-4000-8000-0000000000e4'));
select throws_ok($$update public.journeys set artists = jsonb_build_array(jsonb_build_object('name', repeat('x', 1048576)))
                   where id = '00000000-0000-4000-8000-0000000000e4'$$,
  '23514', null, 'a direct UPDATE over the limit is refused');
select is(public.sync_push(jsonb_build_array(tests.op('journeys',
    tests.oversized_row('journeys', '00000000-0000-4000-8000-0000000000e4')))) -> 0 ->> 'reason',
  'too_large', 'an oversized edit of an existing row is rejected as too large');
select is((select artists -> 0 ->> 'name' from public.journeys where id = '00000000-0000-4000-8000-0000000000e4'), 'Can',
  'the stored row keeps its earlier content');

select * from finish();
rollback;
