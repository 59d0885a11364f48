import { pollUntil } from '@streamkit/e2e-contract';

/** A message as the capture server (MailDev) keeps it. */
export interface CapturedMail {
  id: string;
  subject: string;
  text?: string;
  html?: string;
  from: { address: string; name?: string }[];
  to: { address: string; name?: string }[];
  time: string;
}

export interface WaitForMailOptions {
  /** A substring of the subject (case-insensitive), or a pattern it must match. */
  subject?: string | RegExp;
  timeoutMs?: number;
}

export interface Mailbox {
  /** Every captured message addressed to `to`, oldest first. */
  messagesTo(to: string): Promise<CapturedMail[]>;
  /** The newest message to `to` (with a matching subject), waiting for it until the deadline. */
  waitForMail(to: string, options?: WaitForMailOptions): Promise<CapturedMail>;
}

/** Thrown when the awaited mail did not come; its message says to whom and what the mailbox held. */
export class MailNeverArrivedError extends Error {}

const subjectMatches = (subject: string, wanted: WaitForMailOptions['subject']) =>
  wanted === undefined ||
  (typeof wanted === 'string' ? subject.toLowerCase().includes(wanted.toLowerCase()) : wanted.test(subject));

/**
 * The mail capture server's HTTP API (`GET /api/email?to.address=…`), runner-neutral. Nothing is
 * ever deleted: tests run in parallel, and each one reads only its own fresh address.
 */
export function createMailbox(mailUrl: string): Mailbox {
  const base = mailUrl.replace(/\/+$/, '');

  const getJson = async <T>(path: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(5000) });
    if (!response.ok) throw new Error(`GET ${base}${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  };

  const messagesTo = (to: string) => getJson<CapturedMail[]>(`/api/email?to.address=${encodeURIComponent(to)}`);

  /** What the mailbox holds: the total and the newest few, for the timeout message. */
  const describeMailbox = async (to: string): Promise<string> => {
    try {
      const [mine, recent] = await Promise.all([
        messagesTo(to),
        getJson<{ total: number; items: Pick<CapturedMail, 'subject' | 'to' | 'time'>[] }>(
          '/api/email/summary?limit=5',
        ),
      ]);
      const line = (mail: Pick<CapturedMail, 'subject' | 'to' | 'time'>) =>
        `  - ${mail.time} to ${mail.to.map((a) => a.address).join(', ')}: "${mail.subject}"`;
      return [
        mine.length === 0 ? `No message to ${to} at all.` : `${mine.length} message(s) to ${to}, none matching:`,
        ...mine.map(line),
        `The mailbox at ${base} holds ${recent.total} message(s)${recent.total ? '; the newest:' : '.'}`,
        ...recent.items.map(line),
      ].join('\n');
    } catch (error) {
      return `The mailbox at ${base} could not be read: ${(error as Error).message}`;
    }
  };

  return {
    messagesTo,

    async waitForMail(to, { subject, timeoutMs = 10_000 } = {}) {
      try {
        return await pollUntil(
          `mail to ${to}`,
          async () => (await messagesTo(to)).filter((mail) => subjectMatches(mail.subject, subject)).at(-1),
          { timeoutMs, intervalMs: 150 },
        );
      } catch (error) {
        // pollUntil's "last seen" would only say `undefined`, or the mailbox's error: say it ourselves.
        const wanted = subject === undefined ? '' : ` with a subject matching ${JSON.stringify(String(subject))}`;
        throw new MailNeverArrivedError(
          [`The mail to ${to}${wanted} never arrived within ${timeoutMs / 1000} s.`, await describeMailbox(to)].join(
            '\n',
          ),
          { cause: error },
        );
      }
    },
  };
}

/** The first link in the mail (text or HTML) that contains `contains`, e.g. '/reset-password?token='. */
export function findLink(mail: CapturedMail, contains: string): string {
  const body = `${mail.text ?? ''}\n${mail.html ?? ''}`;
  const link = body.match(/https?:\/\/[^\s"'<>]+/g)?.find((url) => url.includes(contains));
  if (!link) {
    throw new Error(
      `No link containing "${contains}" in the mail "${mail.subject}" to ${mail.to.map((a) => a.address).join(', ')}:\n${body.slice(0, 1000)}`,
    );
  }
  return link.replace(/&amp;/g, '&');
}
