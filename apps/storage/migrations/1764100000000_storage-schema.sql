-- Up Migration
-- Modelled on Supabase's storage schema, trimmed to what the HTTP API needs (no owners, no RLS).
CREATE TABLE storage.buckets (
  id text PRIMARY KEY,
  name text NOT NULL UNIQUE,
  public boolean NOT NULL DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[],
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE storage.objects (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bucket_id text NOT NULL REFERENCES storage.buckets (id) ON DELETE RESTRICT,
  name text NOT NULL,
  -- The blob on disk is named after the version, never after the object name: a new upload
  -- writes a new file and the row switching to it is the commit point.
  version uuid NOT NULL UNIQUE,
  metadata jsonb NOT NULL,
  user_metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_accessed_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT objects_bucket_id_name_key UNIQUE (bucket_id, name)
);

-- Down Migration
DROP TABLE storage.objects;
DROP TABLE storage.buckets;
