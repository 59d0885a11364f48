import type { FastifyInstance } from 'fastify';
import { withUserTransaction } from '../plugins/database.ts';
import { HttpError } from '../plugins/error-handler.ts';

/** When a usage period that started at `periodStart` ends: one calendar month later. */
export function periodEnd(periodStart: Date): Date {
  const end = new Date(periodStart);
  end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/**
 * increment_user_usage refuses with SQLSTATE SK001 and a JSON detail (tier, used, limit,
 * period_start): this turns that into the API's 429, saying the limit and when it resets.
 */
export function usageLimitError(error: unknown): HttpError | undefined {
  const { code, detail } = error as { code?: string; detail?: string };
  if (code !== 'SK001') return undefined;
  const { tier, used, limit, period_start } = JSON.parse(detail ?? '{}') as {
    tier: string;
    used: number;
    limit: number;
    period_start: string;
  };
  const resetsAt = periodEnd(new Date(period_start));
  const retryAfter = Math.max(1, Math.ceil((resetsAt.getTime() - Date.now()) / 1000));
  return new HttpError(
    429,
    'usage_limit_reached',
    `You have used all ${limit} generations of the ${tier} tier this month; the limit resets at ${resetsAt.toISOString()}`,
    { tier, used, limit, resets_at: resetsAt.toISOString() },
    undefined,
    { 'retry-after': String(retryAfter) },
  );
}

export async function readUsage(app: FastifyInstance, userId: string) {
  const { rows } = await withUserTransaction(app.db, userId, (client) =>
    client.query<{ tier: string; used: number; limit: number; period_start: Date }>(
      // A period that has ended counts as a fresh one, as increment_user_usage sees it.
      `select tier,
              case when public.usage_period_ended(usage_period_start) then 0 else usage_count end as used,
              public.tier_monthly_limit(tier) as limit,
              case when public.usage_period_ended(usage_period_start) then date_trunc('month', now()) else usage_period_start end as period_start
         from users where id = $1`,
      [userId],
    ),
  );
  const row = rows[0];
  if (!row) throw new HttpError(401, 'unauthorized', 'The account no longer exists');
  return {
    tier: row.tier,
    used: row.used,
    limit: row.limit,
    period_start: row.period_start.toISOString(),
    resets_at: periodEnd(row.period_start).toISOString(),
  };
}
