/** The tables the app's migrations and the storage service must have created, by schema. */
export const EXPECTED_TABLES = [
  'public.users',
  'public.auth_tokens',
  'public.brand_kits',
  'public.logos',
  'public.generation_jobs',
  'public.assets',
  'public.coach_sessions',
  'storage.buckets',
  'storage.objects',
] as const;
