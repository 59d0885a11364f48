/**
 * The schema the app's migrations promise, written once, by hand. The schema tests compare the
 * database against this table; nothing here is ever read back from the database being checked.
 */

/** Column types as PostgreSQL's `format_type` spells them; a trailing `?` means nullable. */
type PgType = 'uuid' | 'text' | 'citext' | 'integer' | 'boolean' | 'jsonb' | 'timestamp with time zone';
export type ColumnSpec = PgType | `${PgType}?`;

export interface IndexSpec {
  /** Key columns as `pg_get_indexdef` prints them, e.g. `created_at DESC`. */
  columns: string[];
  unique?: boolean;
  /** Has a WHERE clause. */
  partial?: boolean;
}

export interface ForeignKeySpec {
  column: string;
  references: `${TableName}.id`;
  onDelete: 'cascade' | 'set null';
}

export interface CheckSpec {
  /** The constraint's name (PostgreSQL's generated one where the migration gives none). */
  name: string;
  /** Column values, on top of a valid row, that this check alone must reject. */
  rejects: Record<string, unknown>;
}

export interface TableSpec {
  columns: Record<string, ColumnSpec>;
  indexes: Record<string, IndexSpec>;
  foreignKeys: ForeignKeySpec[];
  checks: CheckSpec[];
}

export const TABLE_NAMES = [
  'users',
  'auth_tokens',
  'brand_kits',
  'logos',
  'generation_jobs',
  'assets',
  'coach_sessions',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const timestamps = {
  created_at: 'timestamp with time zone',
  updated_at: 'timestamp with time zone',
} as const satisfies Record<string, ColumnSpec>;

export const EXPECTED_SCHEMA: Record<TableName, TableSpec> = {
  users: {
    columns: {
      id: 'uuid',
      email: 'citext',
      password_hash: 'text?',
      display_name: 'text',
      tier: 'text',
      usage_count: 'integer',
      usage_period_start: 'timestamp with time zone',
      ...timestamps,
    },
    indexes: {
      users_pkey: { columns: ['id'], unique: true },
      users_email_key: { columns: ['email'], unique: true },
    },
    foreignKeys: [],
    checks: [
      { name: 'users_email_check', rejects: { email: 'not-an-email' } },
      { name: 'users_display_name_check', rejects: { display_name: '' } },
      { name: 'users_tier_check', rejects: { tier: 'platinum' } },
      { name: 'users_usage_count_check', rejects: { usage_count: -1 } },
    ],
  },
  auth_tokens: {
    columns: {
      id: 'uuid',
      user_id: 'uuid',
      kind: 'text',
      token_hash: 'text',
      family: 'uuid?',
      expires_at: 'timestamp with time zone',
      used_at: 'timestamp with time zone?',
      revoked_at: 'timestamp with time zone?',
      created_at: 'timestamp with time zone',
    },
    indexes: {
      auth_tokens_pkey: { columns: ['id'], unique: true },
      auth_tokens_token_hash_key: { columns: ['token_hash'], unique: true },
      auth_tokens_user_id_idx: { columns: ['user_id'] },
      auth_tokens_family_idx: { columns: ['family'], partial: true },
    },
    foreignKeys: [{ column: 'user_id', references: 'users.id', onDelete: 'cascade' }],
    checks: [
      { name: 'auth_tokens_kind_check', rejects: { kind: 'session' } },
      // A refresh token without a family could not be revoked with the rest of its chain.
      { name: 'auth_tokens_check', rejects: { kind: 'refresh', family: null } },
    ],
  },
  brand_kits: {
    columns: {
      id: 'uuid',
      user_id: 'uuid',
      name: 'text',
      is_active: 'boolean',
      colors: 'jsonb',
      typography: 'jsonb',
      voice: 'jsonb',
      guidelines: 'jsonb',
      ...timestamps,
    },
    indexes: {
      brand_kits_pkey: { columns: ['id'], unique: true },
      brand_kits_user_id_created_at_idx: { columns: ['user_id', 'created_at DESC'] },
      brand_kits_one_active_per_user_idx: { columns: ['user_id'], unique: true, partial: true },
    },
    foreignKeys: [{ column: 'user_id', references: 'users.id', onDelete: 'cascade' }],
    checks: [
      { name: 'brand_kits_name_check', rejects: { name: '' } },
      { name: 'brand_kits_colors_check', rejects: { colors: '["#fff"]' } },
      { name: 'brand_kits_typography_check', rejects: { typography: '"serif"' } },
      { name: 'brand_kits_voice_check', rejects: { voice: '42' } },
      { name: 'brand_kits_guidelines_check', rejects: { guidelines: 'null' } },
    ],
  },
  logos: {
    columns: {
      id: 'uuid',
      brand_kit_id: 'uuid',
      type: 'text',
      storage_path: 'text',
      mime_type: 'text',
      size_bytes: 'integer',
      ...timestamps,
    },
    indexes: {
      logos_pkey: { columns: ['id'], unique: true },
      logos_brand_kit_id_type_key: { columns: ['brand_kit_id', 'type'], unique: true },
    },
    foreignKeys: [{ column: 'brand_kit_id', references: 'brand_kits.id', onDelete: 'cascade' }],
    checks: [
      { name: 'logos_type_check', rejects: { type: 'banner' } },
      { name: 'logos_mime_type_check', rejects: { mime_type: 'application/pdf' } },
      { name: 'logos_size_bytes_check', rejects: { size_bytes: 0 } },
    ],
  },
  generation_jobs: {
    columns: {
      id: 'uuid',
      user_id: 'uuid',
      brand_kit_id: 'uuid?',
      asset_type: 'text',
      parameters: 'jsonb',
      status: 'text',
      progress: 'integer',
      attempts: 'integer',
      error: 'text?',
      started_at: 'timestamp with time zone?',
      finished_at: 'timestamp with time zone?',
      ...timestamps,
    },
    indexes: {
      generation_jobs_pkey: { columns: ['id'], unique: true },
      generation_jobs_user_id_created_at_idx: { columns: ['user_id', 'created_at DESC'] },
      generation_jobs_brand_kit_id_idx: { columns: ['brand_kit_id'] },
      generation_jobs_status_idx: { columns: ['status'], partial: true },
    },
    foreignKeys: [
      { column: 'user_id', references: 'users.id', onDelete: 'cascade' },
      // A job outlives the kit it used.
      { column: 'brand_kit_id', references: 'brand_kits.id', onDelete: 'set null' },
    ],
    checks: [
      { name: 'generation_jobs_asset_type_check', rejects: { asset_type: '' } },
      { name: 'generation_jobs_parameters_check', rejects: { parameters: '[]' } },
      { name: 'generation_jobs_status_check', rejects: { status: 'paused' } },
      { name: 'generation_jobs_progress_check', rejects: { progress: 101 } },
      { name: 'generation_jobs_attempts_check', rejects: { attempts: -1 } },
      // A failed job says why.
      { name: 'generation_jobs_check', rejects: { status: 'failed', error: null } },
      {
        name: 'generation_jobs_check1',
        rejects: { started_at: '2026-01-02T00:00:00Z', finished_at: '2026-01-01T00:00:00Z' },
      },
    ],
  },
  assets: {
    columns: {
      id: 'uuid',
      user_id: 'uuid',
      job_id: 'uuid?',
      asset_type: 'text?',
      bucket: 'text',
      path: 'text',
      width: 'integer',
      height: 'integer',
      mime_type: 'text',
      size_bytes: 'integer',
      is_public: 'boolean',
      ...timestamps,
    },
    indexes: {
      assets_pkey: { columns: ['id'], unique: true },
      assets_bucket_path_key: { columns: ['bucket', 'path'], unique: true },
      assets_user_id_created_at_idx: { columns: ['user_id', 'created_at DESC'] },
      assets_job_id_idx: { columns: ['job_id'] },
    },
    foreignKeys: [
      { column: 'user_id', references: 'users.id', onDelete: 'cascade' },
      { column: 'job_id', references: 'generation_jobs.id', onDelete: 'set null' },
    ],
    checks: [
      { name: 'assets_bucket_check', rejects: { bucket: 'avatars' } },
      { name: 'assets_asset_type_check', rejects: { asset_type: '' } },
      { name: 'assets_width_check', rejects: { width: 0 } },
      { name: 'assets_height_check', rejects: { height: -5 } },
      { name: 'assets_size_bytes_check', rejects: { size_bytes: 0 } },
    ],
  },
  coach_sessions: {
    columns: {
      id: 'uuid',
      user_id: 'uuid',
      status: 'text',
      topic: 'text',
      turn_count: 'integer',
      turn_limit: 'integer',
      messages: 'jsonb',
      last_activity_at: 'timestamp with time zone',
      ended_at: 'timestamp with time zone?',
      ...timestamps,
    },
    indexes: {
      coach_sessions_pkey: { columns: ['id'], unique: true },
      coach_sessions_user_id_last_activity_idx: { columns: ['user_id', 'last_activity_at DESC'] },
    },
    foreignKeys: [{ column: 'user_id', references: 'users.id', onDelete: 'cascade' }],
    checks: [
      { name: 'coach_sessions_status_check', rejects: { status: 'paused' } },
      { name: 'coach_sessions_topic_check', rejects: { topic: '' } },
      { name: 'coach_sessions_turn_count_check', rejects: { turn_count: -1 } },
      { name: 'coach_sessions_turn_limit_check', rejects: { turn_limit: 0, turn_count: 0 } },
      // A session never runs past its turn limit.
      { name: 'coach_sessions_check', rejects: { turn_count: 11, turn_limit: 10 } },
      { name: 'coach_sessions_messages_check', rejects: { messages: '{}' } },
      // Ended exactly when it has an end time.
      { name: 'coach_sessions_ended_at_check', rejects: { status: 'ended' } },
    ],
  },
};

/** Tables whose rows change, so an update trigger keeps their `updated_at` current. */
export const TABLES_WITH_UPDATED_AT = TABLE_NAMES.filter((table) => 'updated_at' in EXPECTED_SCHEMA[table].columns);
