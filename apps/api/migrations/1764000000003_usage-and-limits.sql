-- Up Migration
-- Per-user limits: monthly generations by tier, and at most ten brand kits.
-- The numbers live only here; the API may read them through these functions.
-- SQLSTATEs the API maps: SK001 monthly usage limit reached, SK002 brand kit limit reached.

create function public.tier_monthly_limit(tier text) returns integer
language sql immutable strict parallel safe
as $$
  select case tier when 'free' then 50 when 'pro' then 500 when 'studio' then 5000 end
$$;

create function public.brand_kit_limit() returns integer
language sql immutable parallel safe
as $$ select 10 $$;

-- A usage period is a calendar month starting at usage_period_start.
create function public.usage_period_ended(period_start timestamptz) returns boolean
language sql stable strict parallel safe
as $$ select period_start + interval '1 month' <= now() $$;

-- SECURITY INVOKER on purpose: the API calls this over its own privileged connection
-- (service_role, or the owner/superuser today), which may update any user anyway. Only
-- service_role may execute it (grants below); and were EXECUTE ever granted to `authenticated`,
-- invoker rights would still confine it to the caller's own row (RLS) and refuse the update
-- (authenticated may not write usage_count), so nobody can raise another user's usage. A
-- SECURITY DEFINER version would instead have to re-implement those checks itself.
create function public.increment_user_usage(user_id uuid, amount integer default 1) returns integer
language plpgsql
security invoker
set search_path = ''
as $$
declare
  target public.users%rowtype;
  monthly_limit integer;
begin
  if user_id is null then
    raise exception 'increment_user_usage: user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if amount is null or amount < 1 then
    raise exception 'increment_user_usage: amount must be a positive integer, got %', coalesce(amount::text, 'null')
      using errcode = 'invalid_parameter_value';
  end if;

  -- The row lock queues concurrent increments for one user, so two cannot both pass the check.
  select * into target from public.users u where u.id = increment_user_usage.user_id for no key update;
  if not found then
    raise exception 'increment_user_usage: no user with id %', user_id using errcode = 'no_data_found';
  end if;

  -- A period that ended before reset_monthly_usage() ran still starts afresh.
  if public.usage_period_ended(target.usage_period_start) then
    target.usage_count := 0;
    target.usage_period_start := date_trunc('month', now());
  end if;

  monthly_limit := public.tier_monthly_limit(target.tier);
  if amount > monthly_limit - target.usage_count then
    raise exception 'monthly usage limit reached: user % has used % of % generations on the % tier; % more would exceed it',
      user_id, target.usage_count, monthly_limit, target.tier, amount
      using errcode = 'SK001',
            detail = json_build_object('tier', target.tier, 'used', target.usage_count, 'limit', monthly_limit,
                                       'requested', amount, 'period_start', target.usage_period_start)::text,
            hint = 'Upgrade the tier, or wait for the next monthly period.';
  end if;

  update public.users u
     set usage_count = target.usage_count + amount,
         usage_period_start = target.usage_period_start
   where u.id = increment_user_usage.user_id;
  return target.usage_count + amount;
end
$$;

-- Run by a scheduled job over the API's connection; invoker rights for the same reasons.
create function public.reset_monthly_usage() returns integer
language sql
security invoker
set search_path = ''
as $$
  with reset as (
    update public.users
       set usage_count = 0, usage_period_start = date_trunc('month', now())
     where public.usage_period_ended(usage_period_start)
    returning 1
  )
  select count(*)::integer from reset
$$;

-- Functions are executable by PUBLIC by default: these two are for the API's role only.
revoke execute on function public.increment_user_usage(uuid, integer) from public;
revoke execute on function public.reset_monthly_usage() from public;
grant execute on function public.increment_user_usage(uuid, integer) to service_role;
grant execute on function public.reset_monthly_usage() to service_role;

-- SECURITY DEFINER on purpose: the count must see every kit of the user whatever the inserting
-- role may see under RLS, and the lock needs rights on users the caller may lack. An AFTER
-- trigger, so RLS has already refused a row written for someone else: a BEFORE trigger would
-- run first and tell the caller how many kits another user has.
create function public.enforce_brand_kit_limit() returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  kits integer;
  max_kits constant integer := public.brand_kit_limit();
begin
  -- Serializes kit creation per user: a concurrent insert waits here, then counts this one too.
  perform 1 from public.users where id = new.user_id for no key update;
  select count(*) into kits from public.brand_kits where user_id = new.user_id;
  if kits > max_kits then
    raise exception 'brand kit limit reached: a user may have at most % brand kits (user % would have %)',
      max_kits, new.user_id, kits
      using errcode = 'SK002',
            hint = 'Delete a brand kit before creating another.',
            table = 'brand_kits';
  end if;
  return null;
end
$$;
revoke execute on function public.enforce_brand_kit_limit() from public;

create trigger enforce_brand_kit_limit after insert or update of user_id on public.brand_kits
  for each row execute function public.enforce_brand_kit_limit();

-- Down Migration
drop trigger enforce_brand_kit_limit on public.brand_kits;
drop function public.enforce_brand_kit_limit();
drop function public.reset_monthly_usage();
drop function public.increment_user_usage(uuid, integer);
drop function public.usage_period_ended(timestamptz);
drop function public.brand_kit_limit();
drop function public.tier_monthly_limit(text);
