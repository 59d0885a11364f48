import type { TestProject } from 'vitest/node';
import { resolveTarget, type Target } from '@streamkit/e2e-contract';
import { API_OPERATIONS_PROVIDE_KEY, type ApiOperation } from '@streamkit/e2e-report/contract';
import { fetchApiDocument, listOperations } from '../openapi.ts';

/** Resolves the target once, before any test: a missing variable or a stack that never came up stops the phase here. */
export default async function setup(project: TestProject) {
  const target = await resolveTarget();
  project.provide('target', target);
  const operations = await apiOperations(target.apiUrl);
  if (operations) project.provide(API_OPERATIONS_PROVIDE_KEY, operations);
}

/**
 * What the phase could cover: the API's operations, which its reporter writes into the phase's
 * results (the report runs after the stack is gone, from the results alone, cached ones too). An
 * API that does not answer is the phase's finding, not the setup's, so a failure here only costs
 * the coverage figure.
 */
async function apiOperations(apiUrl: string): Promise<ApiOperation[] | undefined> {
  try {
    return listOperations(await fetchApiDocument(apiUrl, 5_000)).map(({ method, path, operationId }) => ({
      method,
      path,
      ...(operationId ? { operationId } : {}),
    }));
  } catch (error) {
    console.warn(`endpoint coverage: could not read the API's operations: ${(error as Error).message}`);
    return undefined;
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    target: Target;
    [API_OPERATIONS_PROVIDE_KEY]: ApiOperation[];
  }
}
