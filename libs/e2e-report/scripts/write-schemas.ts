// Regenerates what the workspace publishes about its result files from the zod schemas: the
// JSON Schemas under docs/ and the field tables of docs/report-schema.md. Run it through
// `npx nx run e2e-report:schemas` after changing a schema; published.spec.ts fails until you do.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { JSON_SCHEMA_FILES, jsonSchema, SCHEMA_DOC, withFieldTables } from '../src/contract/published.ts';

const root = findWorkspaceRoot();
for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
  writeFileSync(join(root, file), jsonSchema(schema));
  console.log(`wrote ${file}`);
}
const doc = join(root, SCHEMA_DOC);
writeFileSync(doc, withFieldTables(readFileSync(doc, 'utf8')));
console.log(`updated the field tables of ${SCHEMA_DOC}`);
