-- Functions the backend calls (over PostgREST `POST /rest/v1/rpc/<name>` on Supabase, or
-- `select * from <name>(...)` on PostgreSQL / PGlite).
--
-- Writing functions are SECURITY INVOKER, so row level security applies to whoever calls them:
-- service_role (BYPASSRLS) may write for any user, an `authenticated` caller only for itself.
-- On top of RLS, functions taking p_user_id refuse (SQLSTATE 42501) a caller whose JWT carries a
-- different `sub`. Only get_album_summary is SECURITY DEFINER: it returns aggregates over all
-- ratings (which RLS hides row by row) and nothing per user.
-- EXECUTE is revoked from PUBLIC / anon / authenticated and granted explicitly per function.

-- Bayesian average used by the leaderboards:
--   score = (C * m + sum) / (C + n), prior mean m = 6.0, prior weight C = 5.
-- One 10/10 gives (30 + 10) / 6 = 6.6667, below an album rated 8 by ten people (110 / 15 = 7.3333).
-- The sum is scaled to 20 decimals so every quotient (always between 1 and 10) has the same scale:
-- equal fractions compare equal and different ones compare in their true order.
create function albumboard_private.bayesian_score(p_sum bigint, p_count bigint)
returns numeric
language sql immutable
set search_path = ''
as $$
  select (5 * 6.0 + p_sum)::numeric(40, 20) / (5 + p_count)
$$;
revoke all on function albumboard_private.bayesian_score(bigint, bigint) from public;
grant execute on function albumboard_private.bayesian_score(bigint, bigint) to service_role;

-- Upsert one rating. Idempotent: re-sending the same score changes nothing (updated_at included).
-- Concurrent writes to one (user, album) are serialized by the row lock; the last to commit wins
-- and the trigger moves updated_at forward.
create function public.submit_rating(p_user_id uuid, p_album_id text, p_score integer)
returns table (user_id uuid, album_id text, score smallint, created_at timestamptz, updated_at timestamptz)
language plpgsql
volatile
security invoker
set search_path = ''
as $$
#variable_conflict use_column
begin
  if (select auth.uid()) is not null and (select auth.uid()) <> p_user_id then
    raise exception 'cannot write a rating for another user' using errcode = '42501';
  end if;
  if p_score is null or p_score < 1 or p_score > 10 then
    raise exception 'score must be an integer from 1 to 10' using errcode = '22023';
  end if;

  return query
    insert into public.ratings as r (user_id, album_id, score)
    values (p_user_id, p_album_id, p_score)
    on conflict on constraint ratings_pkey do update
      set score = excluded.score
      where r.score is distinct from excluded.score
    returning r.user_id, r.album_id, r.score, r.created_at, r.updated_at;

  if not found then
    return query
      select r.user_id, r.album_id, r.score, r.created_at, r.updated_at
      from public.ratings r
      where r.user_id = p_user_id and r.album_id = p_album_id;
  end if;
end
$$;

-- Delete one rating; true when a row was deleted.
create function public.delete_rating(p_user_id uuid, p_album_id text)
returns boolean
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if (select auth.uid()) is not null and (select auth.uid()) <> p_user_id then
    raise exception 'cannot delete a rating of another user' using errcode = '42501';
  end if;
  delete from public.ratings r where r.user_id = p_user_id and r.album_id = p_album_id;
  get diagnostics v_count = row_count;
  return v_count > 0;
end
$$;

-- A user's ratings, most recently changed first, with the album basics.
create function public.get_user_ratings(p_user_id uuid, p_limit integer, p_offset integer)
returns table (
  user_id uuid, album_id text, score smallint, created_at timestamptz, updated_at timestamptz,
  album_name text, artists jsonb, image_url text
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
#variable_conflict use_column
begin
  if (select auth.uid()) is not null and (select auth.uid()) <> p_user_id then
    raise exception 'cannot read the ratings of another user' using errcode = '42501';
  end if;
  return query
    select r.user_id, r.album_id, r.score, r.created_at, r.updated_at, a.name, a.artists, a.image_url
    from public.ratings r
    join public.albums a on a.id = r.album_id
    where r.user_id = p_user_id
    order by r.updated_at desc, r.album_id
    limit least(greatest(coalesce(p_limit, 20), 0), 500)
    offset greatest(coalesce(p_offset, 0), 0);
end
$$;

-- Insert or refresh catalogue entries from a JSON array of
-- {id, name, artists: [{id, name}], image_url, release_date, album_type, total_tracks, spotify_url}.
-- When an id appears twice the last occurrence wins. Returns the number of albums written.
create function public.upsert_albums(p_albums jsonb)
returns integer
language plpgsql
volatile
security invoker
set search_path = ''
as $$
declare
  v_count integer;
begin
  if p_albums is null or jsonb_typeof(p_albums) <> 'array' then
    raise exception 'p_albums must be a JSON array' using errcode = '22023';
  end if;

  insert into public.albums as a
    (id, name, artists, image_url, release_date, album_type, total_tracks, spotify_url, refreshed_at)
  select distinct on (e.doc ->> 'id')
    e.doc ->> 'id',
    e.doc ->> 'name',
    coalesce(e.doc -> 'artists', '[]'::jsonb),
    e.doc ->> 'image_url',
    e.doc ->> 'release_date',
    e.doc ->> 'album_type',
    (e.doc ->> 'total_tracks')::integer,
    e.doc ->> 'spotify_url',
    now()
  from jsonb_array_elements(p_albums) with ordinality as e (doc, ord)
  order by e.doc ->> 'id', e.ord desc
  on conflict on constraint albums_pkey do update set
    name = excluded.name,
    artists = excluded.artists,
    image_url = excluded.image_url,
    release_date = excluded.release_date,
    album_type = excluded.album_type,
    total_tracks = excluded.total_tracks,
    spotify_url = excluded.spotify_url,
    refreshed_at = excluded.refreshed_at;

  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- Catalogue entry plus rating summary over ALL ratings (zero rows when the album is unknown).
create function public.get_album_summary(p_album_id text)
returns table (
  id text, name text, artists jsonb, image_url text, release_date text, album_type text,
  total_tracks integer, spotify_url text, refreshed_at timestamptz, created_at timestamptz,
  rating_count integer, average numeric, score numeric
)
language sql
stable
security definer
set search_path = ''
as $$
  select a.id, a.name, a.artists, a.image_url, a.release_date, a.album_type, a.total_tracks,
         a.spotify_url, a.refreshed_at, a.created_at,
         s.n,
         case when s.n > 0 then round(s.total::numeric / s.n, 4) end,
         case when s.n > 0 then round(albumboard_private.bayesian_score(s.total, s.n), 4) end
  from public.albums a
  cross join lateral (
    select count(*)::integer as n, coalesce(sum(r.score), 0)::bigint as total
    from public.ratings r
    where r.album_id = a.id
  ) s
  where a.id = p_album_id
$$;

-- Recompute one board ('all': every rating; 'week': ratings whose updated_at is within 7 days of
-- the computation) and swap it in atomically:
--   1. lock the window's header row (concurrent recomputes of one window queue here),
--   2. insert the new entries under version + 1,
--   3. move the header to version + 1,
--   4. delete the older versions,
-- all in the caller's single transaction. Readers never see a partial board (see get_leaderboard).
-- Ties on score are broken by rating_count (more first), then album_id (byte order).
create function public.recompute_leaderboard(p_window text)
returns table (time_window text, version bigint, computed_at timestamptz, entry_count integer)
language plpgsql
volatile
security invoker
set search_path = ''
as $$
#variable_conflict use_column
declare
  v_version bigint;
  v_computed_at timestamptz := clock_timestamp();
  v_since timestamptz;
  v_count integer;
begin
  if p_window is null or p_window not in ('all', 'week') then
    raise exception 'unknown leaderboard window: %', p_window using errcode = '22023';
  end if;
  v_since := case when p_window = 'week' then v_computed_at - interval '7 days' end;

  insert into public.leaderboard_boards as b (time_window) values (p_window)
    on conflict on constraint leaderboard_boards_pkey do nothing;
  select b.version + 1 into v_version
    from public.leaderboard_boards b where b.time_window = p_window for update;

  insert into public.leaderboard_entries
    (time_window, version, rank, album_id, score, rating_count, average, computed_at)
  select p_window, v_version,
         row_number() over (order by s.exact desc, s.n desc, s.album_id collate "C")::integer,
         s.album_id, round(s.exact, 4), s.n, round(s.total::numeric / s.n, 4), v_computed_at
  from (
    select r.album_id, count(*)::integer as n, sum(r.score)::bigint as total,
           albumboard_private.bayesian_score(sum(r.score)::bigint, count(*)) as exact
    from public.ratings r
    where v_since is null or r.updated_at >= v_since
    group by r.album_id
  ) s;
  get diagnostics v_count = row_count;

  update public.leaderboard_boards b
    set version = v_version, computed_at = v_computed_at, entry_count = v_count
    where b.time_window = p_window;

  delete from public.leaderboard_entries e
    where e.time_window = p_window and e.version < v_version;

  return query select p_window, v_version, v_computed_at, v_count;
end
$$;

-- One page of the current board of a window. Always returns at least the header row when the
-- window exists: its board columns (time_window, board_version, computed_at, total) are set and,
-- when the page is empty or the board was never computed, the entry columns are null.
-- Header and entries come from one statement, hence one snapshot: one version, never a mix.
create function public.get_leaderboard(p_window text, p_limit integer, p_offset integer)
returns table (
  time_window text, board_version bigint, computed_at timestamptz, total integer,
  rank integer, album_id text, score numeric, rating_count integer, average numeric,
  name text, artists jsonb, image_url text, release_date text, album_type text,
  total_tracks integer, spotify_url text
)
language plpgsql
stable
security invoker
set search_path = ''
as $$
#variable_conflict use_column
begin
  if p_window is null or p_window not in ('all', 'week') then
    raise exception 'unknown leaderboard window: %', p_window using errcode = '22023';
  end if;
  return query
    select b.time_window, b.version, b.computed_at, b.entry_count,
           e.rank, e.album_id, e.score, e.rating_count, e.average,
           a.name, a.artists, a.image_url, a.release_date, a.album_type, a.total_tracks, a.spotify_url
    from public.leaderboard_boards b
    left join lateral (
      select le.rank, le.album_id, le.score, le.rating_count, le.average
      from public.leaderboard_entries le
      where le.time_window = b.time_window and le.version = b.version
      order by le.rank
      limit least(greatest(coalesce(p_limit, 20), 0), 500)
      offset greatest(coalesce(p_offset, 0), 0)
    ) e on true
    left join public.albums a on a.id = e.album_id
    where b.time_window = p_window
    order by e.rank nulls first;
end
$$;

-- Liveness of the data layer for the service role (used by RatingStore.ping()).
create function public.rating_store_health()
returns boolean
language sql
stable
security invoker
set search_path = ''
as $$
  select true
$$;

-- EXECUTE grants.
revoke all on function public.submit_rating(uuid, text, integer) from public, anon, authenticated;
revoke all on function public.delete_rating(uuid, text) from public, anon, authenticated;
revoke all on function public.get_user_ratings(uuid, integer, integer) from public, anon, authenticated;
revoke all on function public.upsert_albums(jsonb) from public, anon, authenticated;
revoke all on function public.get_album_summary(text) from public, anon, authenticated;
revoke all on function public.recompute_leaderboard(text) from public, anon, authenticated;
revoke all on function public.get_leaderboard(text, integer, integer) from public, anon, authenticated;
revoke all on function public.rating_store_health() from public, anon, authenticated;

grant execute on function public.submit_rating(uuid, text, integer) to authenticated, service_role;
grant execute on function public.delete_rating(uuid, text) to authenticated, service_role;
grant execute on function public.get_user_ratings(uuid, integer, integer) to authenticated, service_role;
grant execute on function public.upsert_albums(jsonb) to service_role;
grant execute on function public.recompute_leaderboard(text) to service_role;
grant execute on function public.get_album_summary(text) to anon, authenticated, service_role;
grant execute on function public.get_leaderboard(text, integer, integer) to anon, authenticated, service_role;
grant execute on function public.rating_store_health() to service_role;
