-- get_user_ratings also answers how many ratings the user has (`total`, on every row), so GET /api/v1/me/ratings
-- answers the same page shape as every other list. The count and the page come from one statement, hence one
-- snapshot. A page past the end (or a user without ratings) is one row with the count and null rating columns.
drop function public.get_user_ratings(uuid, integer, integer);

create function public.get_user_ratings(p_user_id uuid, p_limit integer, p_offset integer)
returns table (
  total integer,
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
    select c.total, p.user_id, p.album_id, p.score, p.created_at, p.updated_at, p.album_name, p.artists, p.image_url
    from (select count(*)::integer as total from public.ratings r where r.user_id = p_user_id) c
    left join lateral (
      select r.user_id, r.album_id, r.score, r.created_at, r.updated_at, a.name as album_name, a.artists, a.image_url
      from public.ratings r
      join public.albums a on a.id = r.album_id
      where r.user_id = p_user_id
      order by r.updated_at desc, r.album_id
      limit least(greatest(coalesce(p_limit, 20), 0), 500)
      offset greatest(coalesce(p_offset, 0), 0)
    ) p on true
    order by p.updated_at desc, p.album_id;
end
$$;

revoke all on function public.get_user_ratings(uuid, integer, integer) from public, anon, authenticated;
grant execute on function public.get_user_ratings(uuid, integer, integer) to authenticated, service_role;
