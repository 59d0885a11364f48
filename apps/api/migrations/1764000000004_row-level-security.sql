-- Up Migration
-- Row-level security, Supabase-style: the API roles hold table privileges and the policies decide
-- which rows. `authenticated` sees and changes only what it owns (auth.uid()); `anon` only public
-- assets; `service_role` has BYPASSRLS. RLS is also FORCEd, so the tables' owner obeys it too —
-- superusers still bypass it, which is why the tests switch role explicitly.
--
-- Two deliberate departures from Supabase's blanket `grant all`:
--  * no TRUNCATE, REFERENCES or TRIGGER: RLS does not apply to them;
--  * on users, the API roles may write only email and display_name: tier, usage and password are
--    the API's to change (else an owner could lift their own tier or reset their usage).
-- And no default privileges: a new table gets grants in the same migration as its policies.

grant select, insert, update, delete
  on public.auth_tokens, public.brand_kits, public.logos, public.generation_jobs, public.assets, public.coach_sessions
  to anon, authenticated, service_role;
grant select, insert, update, delete on public.users to service_role;
grant select, delete on public.users to anon, authenticated;
grant insert (id, email, display_name), update (email, display_name) on public.users to anon, authenticated;

alter table public.users enable row level security;
alter table public.auth_tokens enable row level security;
alter table public.brand_kits enable row level security;
alter table public.logos enable row level security;
alter table public.generation_jobs enable row level security;
alter table public.assets enable row level security;
alter table public.coach_sessions enable row level security;
alter table public.users force row level security;
alter table public.auth_tokens force row level security;
alter table public.brand_kits force row level security;
alter table public.logos force row level security;
alter table public.generation_jobs force row level security;
alter table public.assets force row level security;
alter table public.coach_sessions force row level security;

-- `(select auth.uid())` is evaluated once per statement rather than once per row.

create policy users_owner_select on public.users for select to authenticated
  using (id = (select auth.uid()));
create policy users_owner_insert on public.users for insert to authenticated
  with check (id = (select auth.uid()));
create policy users_owner_update on public.users for update to authenticated
  using (id = (select auth.uid())) with check (id = (select auth.uid()));
create policy users_owner_delete on public.users for delete to authenticated
  using (id = (select auth.uid()));

create policy auth_tokens_owner_select on public.auth_tokens for select to authenticated
  using (user_id = (select auth.uid()));
create policy auth_tokens_owner_insert on public.auth_tokens for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy auth_tokens_owner_update on public.auth_tokens for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy auth_tokens_owner_delete on public.auth_tokens for delete to authenticated
  using (user_id = (select auth.uid()));

create policy brand_kits_owner_select on public.brand_kits for select to authenticated
  using (user_id = (select auth.uid()));
create policy brand_kits_owner_insert on public.brand_kits for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy brand_kits_owner_update on public.brand_kits for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy brand_kits_owner_delete on public.brand_kits for delete to authenticated
  using (user_id = (select auth.uid()));

-- A logo belongs to whoever owns its brand kit.
create policy logos_owner_select on public.logos for select to authenticated
  using (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())));
create policy logos_owner_insert on public.logos for insert to authenticated
  with check (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())));
create policy logos_owner_update on public.logos for update to authenticated
  using (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())))
  with check (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())));
create policy logos_owner_delete on public.logos for delete to authenticated
  using (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())));

-- Foreign keys ignore RLS, so the write checks also refuse pointing at someone else's kit or job.
create policy generation_jobs_owner_select on public.generation_jobs for select to authenticated
  using (user_id = (select auth.uid()));
create policy generation_jobs_owner_insert on public.generation_jobs for insert to authenticated
  with check (user_id = (select auth.uid()) and (brand_kit_id is null or exists (
    select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid()))));
create policy generation_jobs_owner_update on public.generation_jobs for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (brand_kit_id is null or exists (
    select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid()))));
create policy generation_jobs_owner_delete on public.generation_jobs for delete to authenticated
  using (user_id = (select auth.uid()));

create policy assets_owner_select on public.assets for select to authenticated
  using (user_id = (select auth.uid()));
create policy assets_public_select on public.assets for select to anon, authenticated
  using (is_public);
create policy assets_owner_insert on public.assets for insert to authenticated
  with check (user_id = (select auth.uid()) and (job_id is null or exists (
    select 1 from public.generation_jobs j where j.id = job_id and j.user_id = (select auth.uid()))));
create policy assets_owner_update on public.assets for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()) and (job_id is null or exists (
    select 1 from public.generation_jobs j where j.id = job_id and j.user_id = (select auth.uid()))));
create policy assets_owner_delete on public.assets for delete to authenticated
  using (user_id = (select auth.uid()));

create policy coach_sessions_owner_select on public.coach_sessions for select to authenticated
  using (user_id = (select auth.uid()));
create policy coach_sessions_owner_insert on public.coach_sessions for insert to authenticated
  with check (user_id = (select auth.uid()));
create policy coach_sessions_owner_update on public.coach_sessions for update to authenticated
  using (user_id = (select auth.uid())) with check (user_id = (select auth.uid()));
create policy coach_sessions_owner_delete on public.coach_sessions for delete to authenticated
  using (user_id = (select auth.uid()));

-- Down Migration
drop policy coach_sessions_owner_delete on public.coach_sessions;
drop policy coach_sessions_owner_update on public.coach_sessions;
drop policy coach_sessions_owner_insert on public.coach_sessions;
drop policy coach_sessions_owner_select on public.coach_sessions;
drop policy assets_owner_delete on public.assets;
drop policy assets_owner_update on public.assets;
drop policy assets_owner_insert on public.assets;
drop policy assets_public_select on public.assets;
drop policy assets_owner_select on public.assets;
drop policy generation_jobs_owner_delete on public.generation_jobs;
drop policy generation_jobs_owner_update on public.generation_jobs;
drop policy generation_jobs_owner_insert on public.generation_jobs;
drop policy generation_jobs_owner_select on public.generation_jobs;
drop policy logos_owner_delete on public.logos;
drop policy logos_owner_update on public.logos;
drop policy logos_owner_insert on public.logos;
drop policy logos_owner_select on public.logos;
drop policy brand_kits_owner_delete on public.brand_kits;
drop policy brand_kits_owner_update on public.brand_kits;
drop policy brand_kits_owner_insert on public.brand_kits;
drop policy brand_kits_owner_select on public.brand_kits;
drop policy auth_tokens_owner_delete on public.auth_tokens;
drop policy auth_tokens_owner_update on public.auth_tokens;
drop policy auth_tokens_owner_insert on public.auth_tokens;
drop policy auth_tokens_owner_select on public.auth_tokens;
drop policy users_owner_delete on public.users;
drop policy users_owner_update on public.users;
drop policy users_owner_insert on public.users;
drop policy users_owner_select on public.users;

alter table public.coach_sessions no force row level security;
alter table public.assets no force row level security;
alter table public.generation_jobs no force row level security;
alter table public.logos no force row level security;
alter table public.brand_kits no force row level security;
alter table public.auth_tokens no force row level security;
alter table public.users no force row level security;
alter table public.coach_sessions disable row level security;
alter table public.assets disable row level security;
alter table public.generation_jobs disable row level security;
alter table public.logos disable row level security;
alter table public.brand_kits disable row level security;
alter table public.auth_tokens disable row level security;
alter table public.users disable row level security;

revoke all on public.users, public.auth_tokens, public.brand_kits, public.logos, public.generation_jobs,
  public.assets, public.coach_sessions from anon, authenticated, service_role;
