-- Up Migration
-- What the generation slice needs beyond the first schema.
-- generation_jobs.attempts: how many times a worker started the job: 1 normally, more after a
-- retry or after a worker died mid-job and another took it up again.
alter table public.generation_jobs
  add column attempts integer not null default 0 check (attempts >= 0);
-- assets.asset_type: which asset type a generated image is (a Twitch pack makes several); null
-- for assets that were not generated.
alter table public.assets
  add column asset_type text check (asset_type is null or length(asset_type) between 1 and 64);

-- Down Migration
alter table public.assets drop column asset_type;
alter table public.generation_jobs drop column attempts;
