import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

const AUTH = '/api/v1/auth';
const FORM = 'application/x-www-form-urlencoded';
const bearer = (user: { accessToken: string }) => `Bearer ${user.accessToken}`;

// The API reads JSON bodies (multipart for logo uploads). What it answers to anything else, as
// /openapi.json declares it: 415 for a body it cannot read, nothing special for no body.
describe('request media types', () => {
  test('a form body where JSON is expected is a 415 in the error envelope', async ({ api }) => {
    const response = await api.post(`${AUTH}/login`, 'email=someone%40e2e.streamkit.dev&password=secret', {
      headers: { 'content-type': FORM, 'x-request-id': 'e2e-media-type-415' },
    });
    expect(response).toHaveStatus(415);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.data).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: expect.stringContaining('send application/json'),
        request_id: 'e2e-media-type-415',
      },
    });
  });

  test('a bodiless POST typed as a form counts as no body: logout, whose body is optional, signs out', async ({
    api,
    user,
  }) => {
    const response = await api.post(`${AUTH}/logout`, undefined, {
      headers: { 'content-type': FORM, authorization: bearer(user) },
    });
    expect(response).toHaveStatus(204);
    expect(await api.get(`${AUTH}/me`, { headers: { authorization: bearer(user) } })).toHaveStatus(401);
  });

  test('an operation that takes no body ignores one of any type, as it ignores a JSON one', async ({
    api,
    user,
    brandKits,
  }) => {
    const kit = await brandKits.create(user);
    const response = await api.post(`/api/v1/brand-kits/${kit.id}/activate`, 'unexpected=1', {
      headers: { 'content-type': FORM, authorization: bearer(user) },
    });
    expect(response).toHaveStatus(200);
    expect(response.data).toMatchObject({ id: kit.id, is_active: true });
  });
});
