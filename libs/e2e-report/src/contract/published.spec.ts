import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@streamkit/e2e-contract';
import { describe, expect, it } from 'vitest';
import { JSON_SCHEMA_FILES, jsonSchema, SCHEMA_DOC, withFieldTables } from './published.ts';

// The committed JSON Schemas and doc tables are what outside readers rely on: they must say what
// the zod schemas say. When this fails, run `npx nx run e2e-report:schemas` and commit the result.
const root = findWorkspaceRoot(import.meta.dirname);
const committed = (file: string) => readFileSync(join(root, file), 'utf8');

describe('published result formats', () => {
  it.each(Object.entries(JSON_SCHEMA_FILES))('%s is the JSON Schema generated from the zod schema', (file, schema) => {
    expect(committed(file)).toBe(jsonSchema(schema));
  });

  it(`${SCHEMA_DOC} holds the field tables generated from the zod schemas`, () => {
    const doc = committed(SCHEMA_DOC);
    expect(doc).toContain('<!-- fields:PhaseResult -->');
    expect(doc).toContain('<!-- fields:RunReport -->');
    expect(doc).toBe(withFieldTables(doc));
  });

  it('fills a fields block with one row per field, optional ones marked, and names a block it cannot fill', () => {
    const table = withFieldTables('<!-- fields:TimedOut -->\nstale\n<!-- /fields -->');
    expect(table).toBe(
      [
        '<!-- fields:TimedOut -->',
        '| field | type | meaning |',
        '|---|---|---|',
        '| `limitMs` | integer ≥ 0 | the limit that ran out |',
        '| `notStarted` | string[] | test files none of whose tests started |',
        '<!-- /fields -->',
      ].join('\n'),
    );
    expect(withFieldTables('<!-- fields:TestError -->\n<!-- /fields -->')).toContain(
      '| `stack`? | string | the stack of the first |',
    );
    expect(() => withFieldTables('<!-- fields:Nope -->\n<!-- /fields -->')).toThrow('no schema definition "Nope"');
  });
});
