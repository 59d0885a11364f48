import { z } from 'zod';
import { PhaseResult } from './phase-result.ts';
import { QuarantineFile } from './quarantine.ts';
import { RunReport } from './run-report.ts';

// What the workspace publishes about its result files, derived from the zod schemas: a JSON
// Schema per file for outside readers (dashboards), and the field tables of docs/report-schema.md.
// `nx run e2e-report:schemas` writes both; published.spec.ts fails when the committed ones differ.

/** Each published JSON Schema, by its workspace-relative path. */
export const JSON_SCHEMA_FILES = {
  'docs/phase-result.schema.json': PhaseResult,
  'docs/report-schema.json': RunReport,
  'docs/quarantine.schema.json': QuarantineFile,
} as const;

export const SCHEMA_DOC = 'docs/report-schema.md';

/** The JSON Schema of a result file. Open to fields it does not list: readers ignore unknown ones. */
export function jsonSchema(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), null, 2)}\n`;
}

interface Property {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  minimum?: number;
  items?: Property;
  $ref?: string;
  anyOf?: Property[];
  description?: string;
}

interface Definition {
  description?: string;
  properties: Record<string, Property>;
  required?: string[];
}

/**
 * `docs/report-schema.md` with every `<!-- fields:Name -->…<!-- /fields -->` block replaced by
 * the field table of definition `Name`: field (`?` when optional), type, meaning.
 * @throws Error naming a block whose definition the schemas do not have.
 */
export function withFieldTables(doc: string): string {
  const definitions = Object.fromEntries(
    Object.values(JSON_SCHEMA_FILES).flatMap((schema) =>
      Object.entries((z.toJSONSchema(schema, { io: 'input' }) as { $defs: Record<string, Definition> }).$defs),
    ),
  );
  return doc.replace(/<!-- fields:(\w+) -->\n[\s\S]*?<!-- \/fields -->/g, (_block, name: string) => {
    const definition = definitions[name];
    if (!definition) throw new Error(`${SCHEMA_DOC}: no schema definition "${name}" for its fields block`);
    return `<!-- fields:${name} -->\n${fieldTable(definition)}<!-- /fields -->`;
  });
}

function fieldTable(definition: Definition): string {
  const rows = Object.entries(definition.properties).map(([field, property]) => {
    const optional = definition.required?.includes(field) ? '' : '?';
    return `| \`${field}\`${optional} | ${typeText(property)} | ${(property.description ?? '').replace(/\|/g, '\\|')} |`;
  });
  return ['| field | type | meaning |', '|---|---|---|', ...rows, ''].join('\n');
}

function typeText(property: Property): string {
  if (property.$ref) return property.$ref.replace('#/$defs/', '');
  if (property.anyOf) return property.anyOf.map(typeText).join(' \\| ');
  if (property.const !== undefined) return `\`${JSON.stringify(property.const)}\``;
  if (property.enum) return property.enum.map((v) => `\`${JSON.stringify(v)}\``).join(' \\| ');
  if (property.type === 'array') return `${property.items ? typeText(property.items) : 'unknown'}[]`;
  if (property.type === 'string' && property.format === 'date-time') return 'ISO 8601 date-time';
  if (property.type === 'integer') return property.minimum === 0 ? 'integer ≥ 0' : 'integer';
  if (property.type === 'null') return '`null`';
  return String(property.type ?? 'unknown');
}
