-- Catalogue, ratings and leaderboards: tables, indexes, row level security and table grants.
--
-- Access model (enforced by grants AND row level security, so a mistake in one is caught by the other):
--   anon, authenticated  read the catalogue and the leaderboards.
--   authenticated        reads, inserts, updates (score only) and deletes ITS OWN ratings
--                        (user_id = auth.uid()).
--   service_role         everything (BYPASSRLS); the backend uses it and acts for a verified user.
-- Supabase grants ALL on new public tables to anon/authenticated by default, so every table first
-- revokes everything from them and then grants back only what is listed above.

create schema if not exists albumboard_private;
revoke all on schema albumboard_private from public;
grant usage on schema albumboard_private to service_role;

-- Spotify album catalogue (refreshed from the Spotify API by the backend).
create table public.albums (
  id            text primary key check (id ~ '^[0-9A-Za-z]{22}$'),
  name          text not null,
  artists       jsonb not null default '[]'::jsonb check (jsonb_typeof(artists) = 'array'),
  image_url     text,
  release_date  text,
  album_type    text,
  total_tracks  integer check (total_tracks is null or total_tracks >= 0),
  spotify_url   text,
  refreshed_at  timestamptz not null default now(),
  created_at    timestamptz not null default now()
);
comment on table public.albums is 'Spotify album catalogue; id is the 22-character base62 Spotify album id.';
comment on column public.albums.artists is 'JSON array of {"id": Spotify artist id, "name": artist name}.';

-- One rating per (user, album). user_id is a Supabase auth user id.
create table public.ratings (
  user_id     uuid not null,
  album_id    text not null references public.albums (id),
  score       smallint not null check (score between 1 and 10),
  created_at  timestamptz not null default now(),
  updated_at  timestamptz not null default now(),
  constraint ratings_pkey primary key (user_id, album_id)
);
create index ratings_album_id_idx on public.ratings (album_id);
create index ratings_updated_at_idx on public.ratings (updated_at);
create index ratings_user_updated_idx on public.ratings (user_id, updated_at desc);
comment on table public.ratings is 'Album scores 1..10, one row per (user_id, album_id); updated_at moves when the score changes.';

-- updated_at is kept by the database: it moves forward whenever the score changes, whoever writes.
create function albumboard_private.ratings_touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.score is distinct from old.score then
    new.updated_at := greatest(old.updated_at, now());
  end if;
  return new;
end
$$;
revoke all on function albumboard_private.ratings_touch_updated_at() from public;

create trigger ratings_touch_updated_at
  before update on public.ratings
  for each row execute function albumboard_private.ratings_touch_updated_at();

-- Leaderboards. One header row per window points at the current version of the board; the entries
-- of that version are written before the pointer moves, in the same transaction. Readers join the
-- header with the entries of ITS version in one statement, so they see either the old board or the
-- new one, never a mix (see recompute_leaderboard / get_leaderboard).
create table public.leaderboard_boards (
  time_window  text primary key check (time_window in ('all', 'week')),
  version      bigint not null default 0,
  computed_at  timestamptz,
  entry_count  integer not null default 0
);
comment on table public.leaderboard_boards is
  'Current version of each leaderboard window ("window" is an SQL reserved word, hence time_window).';

insert into public.leaderboard_boards (time_window) values ('all'), ('week');

create table public.leaderboard_entries (
  time_window   text not null references public.leaderboard_boards (time_window) on delete cascade,
  version       bigint not null,
  rank          integer not null check (rank >= 1),
  album_id      text not null references public.albums (id),
  score         numeric(8, 4) not null,
  rating_count  integer not null check (rating_count >= 1),
  average       numeric(8, 4) not null,
  computed_at   timestamptz not null,
  constraint leaderboard_entries_pkey primary key (time_window, version, rank),
  constraint leaderboard_entries_album_key unique (time_window, version, album_id)
);
create index leaderboard_entries_album_id_idx on public.leaderboard_entries (album_id);
comment on column public.leaderboard_entries.score is
  'Bayesian average (C*m + sum)/(C + n) with prior mean m = 6.0 and prior weight C = 5, rounded to 4 places.';

-- Row level security on every table.
alter table public.albums enable row level security;
alter table public.ratings enable row level security;
alter table public.leaderboard_boards enable row level security;
alter table public.leaderboard_entries enable row level security;

create policy albums_read_all on public.albums
  for select to anon, authenticated using (true);

create policy leaderboard_boards_read_all on public.leaderboard_boards
  for select to anon, authenticated using (true);

create policy leaderboard_entries_read_all on public.leaderboard_entries
  for select to anon, authenticated using (true);

create policy ratings_select_own on public.ratings
  for select to authenticated using (user_id = (select auth.uid()));

create policy ratings_insert_own on public.ratings
  for insert to authenticated with check (user_id = (select auth.uid()));

create policy ratings_update_own on public.ratings
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy ratings_delete_own on public.ratings
  for delete to authenticated using (user_id = (select auth.uid()));

-- Table privileges.
revoke all on table public.albums, public.ratings, public.leaderboard_boards, public.leaderboard_entries
  from public, anon, authenticated;

grant select on table public.albums, public.leaderboard_boards, public.leaderboard_entries
  to anon, authenticated;
grant select, delete on table public.ratings to authenticated;
grant insert (user_id, album_id, score) on table public.ratings to authenticated;
grant update (score) on table public.ratings to authenticated;

grant all on table public.albums, public.ratings, public.leaderboard_boards, public.leaderboard_entries
  to service_role;
