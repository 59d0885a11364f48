import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createApiClient, fetchApiDocument, listOperations } from '@streamkit/e2e-fixtures';
import { describe, expect, test } from '@streamkit/e2e-fixtures/vitest';

/**
 * The operations anyone may call, written down here independently of the document: the sweep
 * checks the document against this list, so an operation wrongly marked public (or a public one
 * that lost its `security: []`) fails here by name, not only when someone calls it.
 */
const PUBLIC_OPERATIONS = [
  'getHealth',
  'signUp',
  'logIn',
  'refreshSession',
  'requestPasswordReset',
  'confirmPasswordReset',
  'listOAuthProviders',
  'startOAuthSignIn',
  'finishOAuthSignIn',
  // The signature in the link is the credential, so an <img> can load it.
  'getLogoFile',
  // An asset its owner made public.
  'getPublicAsset',
].sort();

type Access = 'public' | 'secured' | 'undeclared';

// Generated from the live /openapi.json when the file is collected, so an endpoint is swept the
// day it exists. Each operation's own `security` is read as written: nothing is inherited from
// the document's top level or inferred from a missing requirement.
const { apiUrl } = inject('target');
const document = await fetchApiDocument(apiUrl);
const operations = listOperations(document).map((operation) => {
  const declared = (document.paths as Record<string, Record<string, { security?: unknown }>>)[operation.path]?.[
    operation.method.toLowerCase()
  ];
  return {
    ...operation,
    name: operation.operationId ?? `${operation.method} ${operation.path}`,
    access: access(declared?.security),
  };
});
const secured = operations.filter((operation) => operation.access === 'secured');
const declaredPublic = operations.filter((operation) => operation.access === 'public');
// Not recorded for coverage: the sweep reaches every operation by construction, so counting it
// would make endpoint coverage say nothing about what the real tests exercise.
const anonymous = createApiClient(apiUrl, { recordRequests: false });
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** `[]` (or a requirement list with an empty one, `[{}]`) lets anyone in; a missing `security` says nothing. */
function access(security: unknown): Access {
  if (!Array.isArray(security)) return 'undeclared';
  const anyoneMayCall = security.length === 0 || security.some((r) => Object.keys(r ?? {}).length === 0);
  return anyoneMayCall ? 'public' : 'secured';
}

/** An anonymous call with any id in the path (and an empty JSON body where one is expected). */
function callAnonymously({ method, path }: { method: string; path: string }) {
  const url = path.replace(/\{[^}]+\}/g, () => randomUUID());
  return anonymous.request({ method, url, ...(WITH_BODY.has(method) ? { data: {} } : {}) });
}

describe('auth sweep: every operation says who may call it, and means it', () => {
  test('every operation has an operationId and its own security (bearerAuth, or [] when public)', () => {
    const unnamed = operations.filter((operation) => !operation.operationId).map((operation) => operation.name);
    const undeclared = operations.filter((operation) => operation.access === 'undeclared').map((o) => o.name);
    expect({ unnamed, undeclared }, 'operations /openapi.json does not describe exactly').toEqual({
      unnamed: [],
      undeclared: [],
    });
  });

  test('most operations need a signed-in caller', () => {
    expect(secured.length).toBeGreaterThan(declaredPublic.length);
  });

  test('the operations declared public are exactly the ones meant to be public', () => {
    const names = declaredPublic.map((operation) => operation.name);
    const markedPublicWrongly = names.filter((name) => !PUBLIC_OPERATIONS.includes(name));
    const notMarkedPublic = PUBLIC_OPERATIONS.filter((name) => !names.includes(name));
    expect(
      { markedPublicWrongly, notMarkedPublic },
      'security: [] in /openapi.json against PUBLIC_OPERATIONS in this file (a secured operation marked public, ' +
        'or a public one that is missing or no longer says security: [])',
    ).toEqual({ markedPublicWrongly: [], notMarkedPublic: [] });
  });

  test.for(secured)('$name ($method $path) refuses a caller without credentials: 401', async (operation) => {
    // Any id will do: the request must be refused before anything is looked up.
    const response = await callAnonymously(operation);
    expect(response).toHaveStatus(401);
    expect(response.data).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
  });

  test.for(declaredPublic)(
    '$name ($method $path) is open to a caller without credentials: not 401',
    async (operation) => {
      // Empty bodies and random ids: each answers 2xx, a redirect, or refuses the input, never asks for a token.
      const response = await callAnonymously(operation);
      expect(response.status, `${operation.method} ${operation.path} answered ${response.status}`).not.toBe(401);
      expect(response.status).toBeLessThan(500);
    },
  );
});
