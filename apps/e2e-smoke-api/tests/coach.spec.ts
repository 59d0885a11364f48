import { createApiClient, readEventStream, type Tier } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const COACH = '/api/v1/coach';
const TIERS: Tier[] = ['free', 'pro', 'studio'];
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe.concurrent('coach', () => {
  test.for(TIERS)('tips are open to the %s tier', async (tier, { api, users }) => {
    const user = await users.create({ tier });
    const response = await api.get(`${COACH}/tips`, { headers: bearer(user.accessToken) });
    expect(response).toHaveStatus(200);
    expect(response.data.tier).toBe(tier);
    expect(response.data.tips.length).toBeGreaterThan(0);
    expect(response.data.tips[0]).toEqual({
      id: expect.any(String),
      category: expect.any(String),
      title: expect.any(String),
      body: expect.any(String),
    });
  });

  test('access, start and tips refuse an anonymous caller', async ({ api }) => {
    const refused = await Promise.all([
      api.get(`${COACH}/access`),
      api.post(`${COACH}/start`, { message: 'How do I grow my stream?' }),
      api.get(`${COACH}/tips`),
    ]);
    for (const response of refused) {
      expect(response).toHaveStatus(401);
      expect(response.data.error).toMatchObject({ code: 'unauthorized', request_id: expect.any(String) });
    }
  });

  test.for([
    ['no message', { topic: 'thumbnails' }],
    ['a NUL character in the message', { message: 'hi\u0000there' }],
  ] as const)('start refuses a body with %s: 422 naming the field', async ([, body], { api, users }) => {
    const user = await users.create({ tier: 'pro' });
    const response = await api.post(`${COACH}/start`, body, { headers: bearer(user.accessToken) });
    expect(response).toHaveStatus(422);
    expect(response.data.error.fields).toEqual([expect.objectContaining({ field: 'body.message' })]);
  });

  // Directly from the API, and through the web app's origin (its server proxies /api), where a
  // buffering or compressing proxy would hold the tokens back until the reply ends.
  test.for([
    ['the API', 'apiUrl'],
    ["the web app's origin", 'webUrl'],
  ] as const)(
    'an event stream from %s has headers that let every token through at once',
    async ([, url], { target, users }) => {
      const user = await users.create({ tier: 'pro' });
      const client = createApiClient(target[url]);
      const { response, events } = await readEventStream(client, {
        method: 'POST',
        url: `${COACH}/start`,
        data: { message: 'How should my overlay look?' },
        // A client that accepts compression must still get the stream uncompressed.
        headers: { ...bearer(user.accessToken), 'accept-encoding': 'gzip, deflate, br' },
      });
      expect(response).toHaveStatus(200);
      expect(response.headers['content-type']).toMatch(/^text\/event-stream\b/);
      expect(response.headers['cache-control']).toMatch(/\bno-cache\b/);
      expect(response.headers['cache-control']).toMatch(/\bno-transform\b/);
      expect(response.headers['x-accel-buffering']).toBe('no');
      expect(response.headers['connection']).toMatch(/keep-alive/i);
      expect(response.headers['content-encoding'] ?? 'identity').toBe('identity');
      expect(response.headers['content-length'], 'a stream has no length up front').toBeUndefined();

      expect(events[0]?.event).toBe('turn');
      expect(events.at(-1)?.event).toBe('done');
      const firstToken = events.find((event) => event.event === 'token')!;
      expect(firstToken.chunk, 'the first token arrived in an earlier chunk than the end').toBeLessThan(
        events.at(-1)!.chunk,
      );
    },
  );
});
