-- Up Migration
-- Row timestamps: `updated_at` follows every update, `created_at` is written once.
-- SQLSTATE SK003 (immutable column) lets the API tell this refusal from other errors.

-- Transaction time, like Supabase's moddatetime: everything one transaction changes shares a stamp.
create function public.set_updated_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

-- Refuses rather than silently keeping the old value: a caller rewriting history is a bug to surface.
create function public.keep_created_at() returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.created_at is distinct from old.created_at then
    raise exception '%.created_at cannot change (row %: % -> %)',
      tg_table_name, old.id, old.created_at, new.created_at
      using errcode = 'SK003',
            hint = 'created_at is set once, when the row is inserted.',
            table = tg_table_name,
            column = 'created_at';
  end if;
  return new;
end
$$;

-- Every table has created_at; every table whose rows change has updated_at (auth_tokens are
-- append-only apart from used_at/revoked_at, which are their own timestamps).
create trigger keep_created_at before update on public.users for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.auth_tokens for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.brand_kits for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.logos for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.generation_jobs for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.assets for each row execute function public.keep_created_at();
create trigger keep_created_at before update on public.coach_sessions for each row execute function public.keep_created_at();

create trigger set_updated_at before update on public.users for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.brand_kits for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.logos for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.generation_jobs for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.assets for each row execute function public.set_updated_at();
create trigger set_updated_at before update on public.coach_sessions for each row execute function public.set_updated_at();

-- Down Migration
drop trigger set_updated_at on public.coach_sessions;
drop trigger set_updated_at on public.assets;
drop trigger set_updated_at on public.generation_jobs;
drop trigger set_updated_at on public.logos;
drop trigger set_updated_at on public.brand_kits;
drop trigger set_updated_at on public.users;
drop trigger keep_created_at on public.coach_sessions;
drop trigger keep_created_at on public.assets;
drop trigger keep_created_at on public.generation_jobs;
drop trigger keep_created_at on public.logos;
drop trigger keep_created_at on public.brand_kits;
drop trigger keep_created_at on public.auth_tokens;
drop trigger keep_created_at on public.users;
drop function public.keep_created_at();
drop function public.set_updated_at();
