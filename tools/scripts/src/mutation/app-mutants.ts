import type { Mutant } from './mutant.ts';

/**
 * The bugs `npm run mutation:app` plants in the app under test, one at a time: mistakes a
 * developer could plausibly make in the API's auth, route, storage-access and limit code and in
 * the SQL migrations (row-level security, limits, triggers). Each names the spec files that
 * should catch it; docs/mutation-testing.md says how the set was chosen and what survives.
 *
 * A search string must occur exactly once in its file (checked before a run, and by
 * tools/scripts/test/app-mutants.spec.ts in `npm test`), so a change to the app that moves the
 * code fails loudly instead of leaving a mutant that plants nothing.
 */

const API = 'apps/api/src';
const MIGRATIONS = 'apps/api/migrations';

export const APP_MUTANTS: Mutant[] = [
  // ---- authentication: the bearer check, sessions, refresh rotation ----
  {
    id: 'revoked-session-accepted',
    file: `${API}/plugins/auth.ts`,
    search: 'if (revoked) throw new HttpError(401',
    replace: 'if (false) throw new HttpError(401',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'The revocation lookup is done but its answer ignored: signed-out access tokens keep working for 15 minutes.',
  },
  {
    id: 'missing-token-403',
    file: `${API}/plugins/auth.ts`,
    search: "if (!token) throw new HttpError(401, 'unauthorized'",
    replace: "if (!token) throw new HttpError(403, 'unauthorized'",
    tests: { 'e2e-smoke-api': ['auth-sweep.spec.ts', 'auth.spec.ts'] },
    why: 'A wrong status code: 403 for "not signed in" tells clients not to retry after signing in.',
  },
  {
    id: 'refresh-reuse-not-detected',
    file: `${API}/auth/sessions.ts`,
    search: "when used_at is not null then 'reused'",
    replace: "when used_at is not null then 'in_grace'",
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'Token reuse not detected: a stolen, already-rotated refresh token keeps minting sessions.',
  },
  {
    id: 'revoked-refresh-accepted',
    file: `${API}/auth/sessions.ts`,
    search: "case when revoked_at is not null then 'revoked'",
    replace: "case when false then 'revoked'",
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'The revoked state is not looked at: a refresh token of a signed-out session still refreshes.',
  },
  {
    id: 'replay-revocation-rolled-back',
    file: `${API}/auth/sessions.ts`,
    search: "return new RefreshTokenError('reused');",
    replace: "throw new RefreshTokenError('reused');",
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'Throwing inside the transaction rolls back the revocation of the replayed family: the thief keeps the session.',
  },
  {
    id: 'logout-keeps-session',
    file: `${API}/routes/auth.ts`,
    search: 'await sessions.revokeFamily(sessionId, userId);',
    replace: 'void sessionId;',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'Logout answers 204 without ending anything.',
  },
  {
    id: 'token-response-cacheable',
    file: `${API}/routes/auth.ts`,
    search: "return reply.header('cache-control', 'no-store').header('pragma', 'no-cache');",
    replace: "return reply.header('pragma', 'no-cache');",
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'A missing Cache-Control: answers carrying tokens may be kept by a browser or proxy cache.',
  },
  {
    id: 'login-wrong-password-accepted',
    file: `${API}/routes/auth.ts`,
    search: 'if (!found || !valid) {',
    replace: 'if (!found) {',
    tests: { 'e2e-smoke-api': ['auth.spec.ts'], 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'The password verdict is computed and then not used.',
  },
  {
    id: 'login-enumerates-accounts',
    file: `${API}/routes/auth.ts`,
    search: 'if (!found || !valid) {\n          // The same answer',
    replace:
      "if (!found) throw new HttpError(404, 'unknown_account', 'No account with this email');\n        if (!valid) {\n          // The same answer",
    tests: { 'e2e-smoke-api': ['auth.spec.ts'], 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'A "helpful" distinct answer for an unknown email lets anyone enumerate accounts.',
  },
  // ---- rate limits ----
  {
    id: 'rate-limit-off-by-one',
    file: `${API}/auth/rate-limits.ts`,
    search: 'if count >= tonumber(ARGV[2 * i - 1]) then',
    replace: 'if count > tonumber(ARGV[2 * i - 1]) then',
    tests: { 'e2e-flows-api': ['auth-under-pressure.spec.ts', 'auth-flow.spec.ts'] },
    why: '`>` for `>=`: every limit lets one attempt more than it says (6 password guesses instead of 5).',
  },
  {
    id: 'rate-limit-not-counted',
    file: `${API}/auth/rate-limits.ts`,
    search: "  redis.call('INCR', key)",
    replace: "  redis.call('GET', key)",
    tests: { 'e2e-flows-api': ['auth-under-pressure.spec.ts', 'auth-flow.spec.ts'] },
    why: 'A missing rate-limit increment: the counter is checked but never grows, so nothing is ever limited.',
  },
  {
    id: 'retry-after-missing',
    file: `${API}/routes/auth.ts`,
    search: ".header('retry-after', String(retryAfterSeconds))",
    replace: ".header('x-retry-after', String(retryAfterSeconds))",
    tests: { 'e2e-flows-api': ['auth-under-pressure.spec.ts', 'auth-flow.spec.ts'] },
    why: 'A 429 without Retry-After: clients cannot tell when to come back and hammer instead.',
  },
  {
    id: 'login-success-keeps-failures',
    file: `${API}/auth/rate-limits.ts`,
    search: "this.store.delete(RateLimiter.key('login', 'account', email)),",
    replace: 'Promise.resolve(),',
    tests: { 'e2e-flows-api': ['auth-under-pressure.spec.ts', 'auth-flow.spec.ts'] },
    why: 'A successful login does not forgive earlier typos: a user who mistypes now and then locks themselves out.',
  },
  // ---- password reset and password change ----
  {
    id: 'reset-token-reusable',
    file: `${API}/routes/password-reset.ts`,
    search: 'and t.used_at is null and t.revoked_at is null and t.expires_at > now()',
    replace: 'and t.revoked_at is null and t.expires_at > now()',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'A one-time reset link that works twice: whoever finds it in a mailbox later can take the account.',
  },
  {
    id: 'reset-token-expiry-unchecked',
    file: `${API}/routes/password-reset.ts`,
    search: 'and t.used_at is null and t.revoked_at is null and t.expires_at > now()',
    replace: 'and t.used_at is null and t.revoked_at is null',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: 'The reset link never expires.',
  },
  {
    id: 'reset-keeps-sessions',
    file: `${API}/routes/password-reset.ts`,
    search: 'const revoked = await sessions.revokeAllForUser(found.id, client);',
    replace: 'const revoked: string[] = [];',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: "Resetting a stolen account's password leaves the attacker's sessions alive.",
  },
  {
    id: 'reset-keeps-lockout',
    file: `${API}/routes/password-reset.ts`,
    search: 'await rateLimiter.clearLoginAccount(found.email);',
    replace: 'void found.email;',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts', 'auth-under-pressure.spec.ts'] },
    why: 'A user locked out by failed logins resets the password and is still locked out for 15 minutes.',
  },
  {
    id: 'password-change-skips-current',
    file: `${API}/routes/account.ts`,
    search: 'if (!(await verifyPassword(rows[0].password_hash ?? undefined, current_password))) {',
    replace: 'if (current_password.length === 0) {',
    tests: { 'e2e-flows-api': ['auth-flow.spec.ts'], 'e2e-smoke-api': ['auth.spec.ts'] },
    why: 'The current password is not checked: anyone at an unlocked session can change the password.',
  },
  {
    id: 'oauth-nonce-unchecked',
    file: `${API}/routes/oauth.ts`,
    search:
      "if (readCookie(req, NONCE_COOKIE) !== checked.state.nonce) throw invalidState('was issued to another browser');",
    replace: "if (false) throw invalidState('was issued to another browser');",
    tests: { 'e2e-smoke-api': ['auth.spec.ts'], 'e2e-flows-api': ['auth-flow.spec.ts'] },
    why: "Login CSRF: a callback URL started in the attacker's browser signs the victim into the attacker's account.",
  },
  // ---- brand kits and logos ----
  {
    id: 'kit-limit-off-by-one',
    file: `${MIGRATIONS}/1764000000003_usage-and-limits.sql`,
    search: '  if kits > max_kits then',
    replace: '  if kits >= max_kits then',
    tests: { 'e2e-database': '*', 'e2e-flows-api': ['brand-kit-flow.spec.ts'] },
    why: '`>=` for `>` in the limit trigger: the tenth kit is refused.',
  },
  {
    id: 'kit-delete-keeps-logo-files',
    file: `${API}/routes/brand-kits.ts`,
    search: 'await app.logos.removeAllOf(client, req.params.id);',
    replace: 'void app.logos;',
    tests: { 'e2e-flows-api': ['brand-kit-logos-flow.spec.ts', 'brand-kit-flow.spec.ts'] },
    why: "Deleting a kit cascades its logo rows but leaves the files in storage: orphans, and a user's data kept after deletion.",
  },
  {
    id: 'logo-signature-unchecked',
    file: `${API}/routes/logos.ts`,
    search: 'const genuine = verifyLogoUrl(urlKey, path, req.query.expires, req.query.signature);',
    replace:
      'const genuine = verifyLogoUrl(urlKey, path, req.query.expires, req.query.signature) || req.query.signature.length > 0;',
    tests: { 'e2e-flows-api': ['brand-kit-logos-flow.spec.ts'], 'e2e-smoke-api': ['logos.spec.ts'] },
    why: 'Any signature passes: whoever learns a logo path (owner id, kit id, file name) can read it.',
  },
  {
    id: 'logo-url-expiry-unchecked',
    file: `${API}/brand-kits/logo-urls.ts`,
    search: 'if (!Number.isSafeInteger(expires) || expires * 1000 <= now) return false;',
    replace: 'if (!Number.isSafeInteger(expires)) return false;',
    tests: { 'e2e-flows-api': ['brand-kit-logos-flow.spec.ts'], 'e2e-smoke-api': ['logos.spec.ts'] },
    why: 'A signed-URL expiry not checked: a logo link leaked once works forever.',
  },
  {
    id: 'logo-replace-keeps-old-file',
    file: `${API}/brand-kits/logos.ts`,
    search: 'if (result.previous) await this.removeQuietly(result.previous);',
    replace: 'void result.previous;',
    tests: { 'e2e-flows-api': ['brand-kit-logos-flow.spec.ts'] },
    why: 'A replaced logo stays in storage, and its old links keep serving it.',
  },
  {
    id: 'logo-svg-not-sandboxed',
    file: `${API}/routes/logos.ts`,
    search: `.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox")`,
    replace: `.header('x-frame-options', 'DENY')`,
    tests: { 'e2e-flows-api': ['brand-kit-logos-flow.spec.ts'], 'e2e-smoke-api': ['logos.spec.ts'] },
    why: "A missing header: an uploaded SVG opened on the web app's origin could run script there.",
  },
  // ---- generation, assets and usage ----
  {
    id: 'asset-content-ownership-dropped',
    file: `${API}/generation/assets.ts`,
    search: 'client.query<AssetRow>(`select ${COLUMNS} from assets where id = $1 and user_id = $2`, [id, userId]),',
    replace:
      'client.query<AssetRow>(`select ${COLUMNS} from assets where id = $1 and $2::uuid is not null`, [id, userId]),',
    tests: { 'e2e-flows-api': ['generation-flow.spec.ts'], 'e2e-smoke-api': ['assets.spec.ts'] },
    why: "A dropped ownership check, masked by RLS for private rows: another user's public asset is served as the caller's own.",
  },
  {
    id: 'private-asset-cached-publicly',
    file: `${API}/routes/assets.ts`,
    search: "return sendImage(reply, row, bytes, 'private, max-age=60');",
    replace: "return sendImage(reply, row, bytes, 'public, max-age=60');",
    tests: { 'e2e-flows-api': ['generation-flow.spec.ts'], 'e2e-smoke-api': ['assets.spec.ts'] },
    why: 'A wrong Cache-Control: a private image may be stored by shared caches and served to others.',
  },
  {
    id: 'public-asset-malformed-id-reaches-db',
    file: `${API}/routes/assets.ts`,
    search: "if (!UUID.test(req.params.id)) throw new HttpError(404, 'asset_not_found', 'No asset with this id');",
    replace: '',
    tests: { 'e2e-smoke-api': ['assets.spec.ts'], 'e2e-fuzz-api': '*' },
    why: 'Input validation removed from a public endpoint: malformed ids reach the database (and answer differently from unknown ones).',
  },
  {
    id: 'asset-delete-keeps-object',
    file: `${API}/generation/assets.ts`,
    search: 'const { error } = await app.storage.from(rows[0].bucket).remove([rows[0].path]);',
    replace: 'const error = null;',
    tests: { 'e2e-flows-api': ['generation-flow.spec.ts'] },
    why: 'The row goes, the stored image stays: deleted content still on disk.',
  },
  {
    id: 'asset-page-off-by-one',
    file: `${API}/generation/assets.ts`,
    search: 'order by created_at desc, id limit $2 offset $3',
    replace: 'order by created_at desc, id limit $2 + 1 offset $3',
    tests: { 'e2e-flows-api': ['generation-flow.spec.ts'], 'e2e-smoke-api': ['assets.spec.ts', 'generation.spec.ts'] },
    why: 'An off-by-one in a limit: a page holds one item more than asked.',
  },
  {
    id: 'generate-with-others-brand-kit',
    file: `${API}/generation/jobs.ts`,
    search: "if (kit.rowCount === 0) throw new HttpError(404, 'brand_kit_not_found', 'No brand kit with this id');",
    replace: '',
    tests: { 'e2e-flows-api': ['generation-brand-kit.spec.ts'], 'e2e-smoke-api': ['generation.spec.ts'] },
    why: "A dropped ownership check on a referenced resource: only RLS's write check is left to refuse another user's kit.",
  },
  {
    id: 'usage-not-counted',
    file: `${API}/generation/jobs.ts`,
    search: "await client.query('select public.increment_user_usage($1, 1)', [userId]);",
    replace: "await client.query('select $1::uuid', [userId]);",
    tests: { 'e2e-flows-api': ['generation-flow.spec.ts'], 'e2e-smoke-api': ['generation.spec.ts'] },
    why: 'The usage counter is never incremented: the monthly limit is never reached.',
  },
  {
    id: 'usage-limit-off-by-one',
    file: `${MIGRATIONS}/1764000000003_usage-and-limits.sql`,
    search: 'if amount > monthly_limit - target.usage_count then',
    replace: 'if amount >= monthly_limit - target.usage_count then',
    tests: { 'e2e-database': '*', 'e2e-flows-api': ['generation-flow.spec.ts'] },
    why: '`>=` for `>`: the last generation of the month is refused.',
  },
  // ---- coach ----
  {
    id: 'coach-free-tier-allowed',
    file: `${API}/coach/coach-service.ts`,
    search: 'if (!sessions || turnLimit === null) {',
    replace: 'if (turnLimit === null && sessions) {',
    tests: { 'e2e-flows-api': ['coach-flow.spec.ts'] },
    why: 'A tier gate with its condition inverted: free accounts get the paid feature.',
  },
  {
    id: 'coach-session-ownership-dropped',
    file: `${API}/coach/coach-service.ts`,
    search: 'return session?.userId === userId ? session : undefined;',
    replace: 'return session;',
    tests: { 'e2e-smoke-api': ['coach.spec.ts'], 'e2e-flows-api': ['coach-flow.spec.ts'] },
    why: "A dropped ownership check on state kept in Redis (no RLS there): anyone with a session id reads and writes another user's conversation.",
  },
  // ---- the database: row-level security, grants, triggers ----
  {
    id: 'rls-public-assets-policy-open',
    file: `${MIGRATIONS}/1764000000004_row-level-security.sql`,
    search:
      'create policy assets_public_select on public.assets for select to anon, authenticated\n  using (is_public);',
    replace: 'create policy assets_public_select on public.assets for select to anon, authenticated\n  using (true);',
    tests: { 'e2e-database': '*' },
    why: "A policy's condition lost: every asset, private ones included, readable by anyone.",
  },
  {
    id: 'rls-logos-select-open',
    file: `${MIGRATIONS}/1764000000004_row-level-security.sql`,
    search:
      'create policy logos_owner_select on public.logos for select to authenticated\n  using (exists (select 1 from public.brand_kits k where k.id = brand_kit_id and k.user_id = (select auth.uid())));',
    replace: 'create policy logos_owner_select on public.logos for select to authenticated\n  using (true);',
    tests: { 'e2e-database': '*' },
    why: "An owner policy written as `using (true)` while prototyping and never tightened: every user lists everyone's logos.",
  },
  {
    id: 'auth-tokens-updatable-by-owner',
    file: `${MIGRATIONS}/1764000000005_login-role.sql`,
    search: 'revoke insert, update, delete on public.auth_tokens from anon, authenticated;',
    replace: 'revoke insert, delete on public.auth_tokens from anon, authenticated;',
    tests: { 'e2e-database': '*' },
    why: 'A grant too wide: a user could un-revoke their session or un-use a reset link with a direct update.',
  },
  {
    id: 'updated-at-trigger-missing',
    file: `${MIGRATIONS}/1764000000002_row-timestamps.sql`,
    search:
      'create trigger set_updated_at before update on public.brand_kits for each row execute function public.set_updated_at();',
    replace: '-- (the brand_kits updated_at trigger was forgotten)',
    tests: { 'e2e-database': '*' },
    why: 'A missing trigger: brand kits keep their creation time as updated_at forever.',
  },
];
