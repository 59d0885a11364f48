-- Up Migration
-- The role the API logs in as, Supabase's `authenticator`: not a superuser, no BYPASSRLS, and
-- NOINHERIT, so it holds no table privileges of its own. Every query first switches role:
-- `authenticated` with the caller's JWT claims (row-level security applies), or `service_role`
-- on the few privileged paths named in apps/api/src/plugins/database.ts. A deployment gives it
-- LOGIN and a password (the local stack creates it that way before migrating, with a password
-- generated per boot); created here without LOGIN it is at least there to grant to.
do $$
begin
  if not exists (select from pg_roles where rolname = 'authenticator') then
    create role authenticator nologin noinherit nosuperuser nobypassrls;
  end if;
end
$$;
grant anon, authenticated, service_role to authenticator;

-- Signed-in users (and anon) read every column of their own row but the password hash:
-- column privileges, since RLS picks rows, not columns.
revoke select on public.users from anon, authenticated;
grant select (id, email, display_name, tier, usage_count, usage_period_start, created_at, updated_at)
  on public.users to anon, authenticated;

-- Sessions and reset links are the API's (service_role) to write: a user who could update their
-- own auth_tokens rows could un-revoke a session or un-use a reset link. Owners may still list
-- their sessions; anon has no business there at all.
revoke insert, update, delete on public.auth_tokens from anon, authenticated;
revoke select on public.auth_tokens from anon;

-- Down Migration
grant select on public.auth_tokens to anon;
grant insert, update, delete on public.auth_tokens to anon, authenticated;
revoke select (id, email, display_name, tier, usage_count, usage_period_start, created_at, updated_at)
  on public.users from anon, authenticated;
grant select on public.users to anon, authenticated;
revoke anon, authenticated, service_role from authenticator;
