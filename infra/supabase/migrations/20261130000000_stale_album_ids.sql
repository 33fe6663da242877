-- Catalogue entries due for a refresh (worker-default's catalog.refresh-stale producer): refreshed more than
-- p_older_than_s seconds ago, oldest first, at most p_limit (1..500) of them.
create index albums_refreshed_at_idx on public.albums (refreshed_at, id);

create function public.get_stale_album_ids(p_older_than_s integer, p_limit integer)
returns table (id text, refreshed_at timestamptz)
language sql
stable
security invoker
set search_path = ''
as $$
  select a.id, a.refreshed_at
  from public.albums a
  where a.refreshed_at < now() - make_interval(secs => greatest(p_older_than_s, 0))
  order by a.refreshed_at, a.id
  limit least(greatest(p_limit, 1), 500)
$$;

revoke all on function public.get_stale_album_ids(integer, integer) from public, anon, authenticated;
grant execute on function public.get_stale_album_ids(integer, integer) to service_role;
