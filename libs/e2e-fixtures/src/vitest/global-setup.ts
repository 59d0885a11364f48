import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { findWorkspaceRoot, phaseOutputDir, resolveTarget, type Target } from '@streamkit/e2e-contract';
import { API_DOCUMENT_FILE } from '@streamkit/e2e-report';
import { fetchApiDocument } from '../openapi.ts';

/** Resolves the target once, before any test: a missing variable or a stack that never came up stops the phase here. */
export default async function setup(project: TestProject) {
  const target = await resolveTarget();
  project.provide('target', target);
  await saveApiDocument(target.apiUrl, join(phaseOutputDir(project.name, findWorkspaceRoot()), API_DOCUMENT_FILE));
}

/**
 * Endpoint coverage compares the requests with the API's operations, but the report runs after the
 * stack is gone: each phase keeps the document it ran against beside its results (and in the Nx
 * cache with them). An API that does not answer is the phase's finding, not the setup's, so a
 * failure here only costs the coverage figure.
 */
async function saveApiDocument(apiUrl: string, file: string): Promise<void> {
  try {
    const document = await fetchApiDocument(apiUrl, 5_000);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  } catch (error) {
    console.warn(`endpoint coverage: could not save the API's OpenAPI document: ${(error as Error).message}`);
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    target: Target;
  }
}
