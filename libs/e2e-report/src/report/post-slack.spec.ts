import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postToSlack, redactWebhook } from './post-slack.ts';

const MESSAGE = { text: 'E2E passed', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] };
let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function listen(handler: RequestListener): Promise<string> {
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T1/B2/s3cr3t`;
}

describe('postToSlack', () => {
  it('posts the message as JSON to the webhook path and succeeds on 200', async () => {
    let seen: { url?: string; type?: string; body: string } = { body: '' };
    const url = await listen((request, response) => {
      let body = '';
      request
        .on('data', (c: Buffer) => (body += c))
        .on('end', () => {
          seen = { url: request.url, type: request.headers['content-type'], body };
          response.end('ok');
        });
    });
    await expect(postToSlack(url, MESSAGE)).resolves.toEqual({ ok: true });
    expect(seen).toEqual({ url: '/services/T1/B2/s3cr3t', type: 'application/json', body: JSON.stringify(MESSAGE) });
  });

  it('gives up on a webhook that never answers, as a problem rather than a hang', async () => {
    const url = await listen(() => {
      /* never answers */
    });
    const result = await postToSlack(url, MESSAGE, 300);
    expect(result.ok).toBe(false);
    expect(result).toEqual({ ok: false, problem: 'The operation was aborted due to timeout' });
  });
});

describe('postToSlack, refused', () => {
  it('names the status and the start of the body when Slack refuses the message', async () => {
    const url = await listen((_request, response) => {
      response.statusCode = 400;
      response.end(`invalid_blocks ${'x'.repeat(400)}`);
    });
    const result = await postToSlack(url, MESSAGE);
    expect(result).toEqual({ ok: false, problem: `HTTP 400: invalid_blocks ${'x'.repeat(285)}` });
  });

  it('names the status alone when the refusal has no body', async () => {
    const url = await listen((_request, response) => {
      response.statusCode = 404;
      response.end();
    });
    await expect(postToSlack(url, MESSAGE)).resolves.toEqual({ ok: false, problem: 'HTTP 404' });
  });

  it('names the cause of a connection that fails', async () => {
    const url = await listen(() => undefined);
    await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = undefined;
    const result = await postToSlack(url, MESSAGE);
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/^fetch failed \(.*ECONNREFUSED.*\)$/) });
  });
});

describe('redactWebhook', () => {
  it('keeps the host and the first path segment only', () => {
    expect(redactWebhook('https://hooks.slack.com/services/T1/B2/s3cr3t')).toBe('https://hooks.slack.com/services/…');
    expect(redactWebhook('not a url')).toBe('(an unparsable URL)');
  });
});
