-- Up Migration
-- The app's seven tables. Row-level security, RPC functions and triggers come in later migrations.
create extension if not exists citext;

create table users (
  id uuid primary key default gen_random_uuid(),
  email citext not null unique check (email ~ '^[^@\s]+@[^@\s]+$'),
  password_hash text,
  display_name text not null check (length(display_name) between 1 and 100),
  tier text not null default 'free' check (tier in ('free', 'pro', 'studio')),
  usage_count integer not null default 0 check (usage_count >= 0),
  usage_period_start timestamptz not null default date_trunc('month', now()),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table auth_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('refresh', 'password_reset')),
  token_hash text not null unique,
  family uuid,
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  check (kind <> 'refresh' or family is not null)
);
create index auth_tokens_user_id_idx on auth_tokens (user_id);
create index auth_tokens_family_idx on auth_tokens (family) where family is not null;

create table brand_kits (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  name text not null check (length(name) between 1 and 100),
  is_active boolean not null default false,
  colors jsonb not null default '{"primary": [], "secondary": [], "accent": [], "extended": []}'
    check (jsonb_typeof(colors) = 'object'),
  typography jsonb not null default '{}' check (jsonb_typeof(typography) = 'object'),
  voice jsonb not null default '{}' check (jsonb_typeof(voice) = 'object'),
  guidelines jsonb not null default '{}' check (jsonb_typeof(guidelines) = 'object'),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index brand_kits_user_id_created_at_idx on brand_kits (user_id, created_at desc);
-- At most one active kit per owner.
create unique index brand_kits_one_active_per_user_idx on brand_kits (user_id) where is_active;

create table logos (
  id uuid primary key default gen_random_uuid(),
  brand_kit_id uuid not null references brand_kits (id) on delete cascade,
  type text not null check (type in ('primary', 'secondary', 'icon', 'monochrome', 'watermark')),
  storage_path text not null,
  mime_type text not null check (mime_type in ('image/png', 'image/jpeg', 'image/webp', 'image/svg+xml')),
  size_bytes integer not null check (size_bytes > 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (brand_kit_id, type)
);

create table generation_jobs (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  -- A job outlives the kit it used: its assets stay the user's.
  brand_kit_id uuid references brand_kits (id) on delete set null,
  asset_type text not null check (length(asset_type) between 1 and 64),
  parameters jsonb not null default '{}' check (jsonb_typeof(parameters) = 'object'),
  status text not null default 'queued' check (status in ('queued', 'processing', 'completed', 'failed')),
  progress integer not null default 0 check (progress between 0 and 100),
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (status <> 'failed' or error is not null),
  check (finished_at is null or started_at is null or finished_at >= started_at)
);
create index generation_jobs_user_id_created_at_idx on generation_jobs (user_id, created_at desc);
create index generation_jobs_brand_kit_id_idx on generation_jobs (brand_kit_id);
create index generation_jobs_status_idx on generation_jobs (status) where status in ('queued', 'processing');

create table assets (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  job_id uuid references generation_jobs (id) on delete set null,
  bucket text not null check (bucket in ('assets', 'uploads', 'logos', 'brand-assets')),
  path text not null,
  width integer not null check (width > 0),
  height integer not null check (height > 0),
  mime_type text not null,
  size_bytes integer not null check (size_bytes > 0),
  is_public boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (bucket, path)
);
create index assets_user_id_created_at_idx on assets (user_id, created_at desc);
create index assets_job_id_idx on assets (job_id);

create table coach_sessions (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  status text not null default 'active' check (status in ('active', 'ended')),
  topic text not null default 'general' check (length(topic) between 1 and 200),
  turn_count integer not null default 0 check (turn_count >= 0),
  turn_limit integer not null default 10 check (turn_limit > 0),
  last_activity_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (turn_count <= turn_limit)
);
create index coach_sessions_user_id_last_activity_idx on coach_sessions (user_id, last_activity_at desc);

-- Down Migration
drop table coach_sessions;
drop table assets;
drop table generation_jobs;
drop table logos;
drop table brand_kits;
drop table auth_tokens;
drop table users;
