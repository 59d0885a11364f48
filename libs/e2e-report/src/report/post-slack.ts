import type { SlackMessage } from './render/slack.ts';

export type PostResult = { ok: true } | { ok: false; problem: string };

/**
 * Posts one message to a Slack incoming webhook. Never throws: the run's verdict does not depend
 * on Slack, so the caller reports a problem and goes on.
 */
export async function postToSlack(webhookUrl: string, message: SlackMessage, timeoutMs = 10_000): Promise<PostResult> {
  let response: Response;
  try {
    response = await fetch(webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const cause = (error as Error & { cause?: Error }).cause?.message;
    return { ok: false, problem: `${(error as Error).message}${cause ? ` (${cause})` : ''}` };
  }
  if (response.ok) return { ok: true };
  const body = (await response.text().catch(() => '')).slice(0, 300);
  return { ok: false, problem: `HTTP ${response.status}${body ? `: ${body}` : ''}` };
}

/** The webhook without its secret path, for messages: `https://hooks.slack.com/services/…`. */
export function redactWebhook(url: string): string {
  try {
    const { origin, pathname } = new URL(url);
    return `${origin}${pathname.split('/').slice(0, 2).join('/')}/…`;
  } catch {
    return '(an unparsable URL)';
  }
}
