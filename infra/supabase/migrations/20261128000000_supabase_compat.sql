-- Supabase compatibility shim.
--
-- On a Supabase database every object below already exists, so this file changes nothing there.
-- On a plain PostgreSQL server (tests, self-hosting) and in PGlite it creates the pieces that the
-- following migrations rely on:
--   * the API roles `anon`, `authenticated` and `service_role` (NOLOGIN; service_role BYPASSRLS),
--   * the schema `auth` with `auth.uid()` and `auth.jwt()` defined as Supabase defines them: they
--     read the JWT claims PostgREST puts in `request.jwt.claims` (and the older per-claim settings
--     `request.jwt.claim.sub` / `request.jwt.claim`).
-- Each piece is created only when missing. Roles are cluster-wide, so two databases of one
-- server migrating at the same time may race on CREATE ROLE: a duplicate is treated as "exists".
-- Creating a BYPASSRLS role needs a superuser on plain PostgreSQL.

do $$
declare
  v_role text;
begin
  foreach v_role in array array['anon', 'authenticated', 'service_role'] loop
    if not exists (select 1 from pg_catalog.pg_roles where rolname = v_role) then
      begin
        if v_role = 'service_role' then
          execute 'create role service_role nologin noinherit bypassrls';
        else
          execute format('create role %I nologin noinherit', v_role);
        end if;
      exception when duplicate_object or unique_violation then
        null; -- created concurrently by another database of the same cluster
      end;
    end if;
  end loop;
end
$$;

do $$
begin
  if not exists (select 1 from pg_catalog.pg_namespace where nspname = 'auth') then
    execute 'create schema auth';
    execute 'grant usage on schema auth to anon, authenticated, service_role';
  end if;

  if to_regprocedure('auth.uid()') is null then
    execute $fn$
      create function auth.uid()
      returns uuid
      language sql stable
      as $body$
        select
          coalesce(
            nullif(current_setting('request.jwt.claim.sub', true), ''),
            (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
          )::uuid
      $body$
    $fn$;
  end if;

  if to_regprocedure('auth.jwt()') is null then
    execute $fn$
      create function auth.jwt()
      returns jsonb
      language sql stable
      as $body$
        select
          coalesce(
            nullif(current_setting('request.jwt.claim', true), ''),
            nullif(current_setting('request.jwt.claims', true), '')
          )::jsonb
      $body$
    $fn$;
  end if;
end
$$;
