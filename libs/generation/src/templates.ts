import { z } from 'zod';
import type { AssetTypeId } from './asset-types.ts';

/** How a template lays its fields out; the worker has one renderer per layout. */
export type TemplateLayout = 'headline' | 'monogram' | 'schedule';

export interface TemplateField {
  name: string;
  label: string;
  kind: 'text' | 'select';
  required: boolean;
  maxLength?: number;
  options?: readonly string[];
  placeholder?: string;
}

export interface Template {
  id: string;
  /** Bumped when the rendering of the same fields changes; a job records the version it used. */
  version: number;
  name: string;
  description: string;
  layout: TemplateLayout;
  assetTypes: readonly AssetTypeId[];
  fields: readonly TemplateField[];
}

const text = (
  name: string,
  label: string,
  maxLength: number,
  required: boolean,
  placeholder?: string,
): TemplateField => ({
  name,
  label,
  kind: 'text',
  required,
  maxLength,
  placeholder,
});

/** The template catalogue (version 1 of each). Small on purpose: three layouts cover every asset type. */
export const TEMPLATES = [
  {
    id: 'headline',
    version: 1,
    name: 'Headline',
    description: 'A bold title with an optional subtitle on the brand colour, logo in the corner.',
    layout: 'headline',
    assetTypes: [
      'youtube_thumbnail',
      'social_post',
      'twitch_panel',
      'twitch_offline_banner',
      'twitch_profile_banner',
      'twitch_overlay',
    ],
    fields: [
      text('title', 'Title', 60, true, 'Friday night speedruns'),
      text('subtitle', 'Subtitle', 120, false, 'Live at 8 pm'),
    ],
  },
  {
    id: 'monogram',
    version: 1,
    name: 'Monogram',
    description: 'One to three letters in a shape: emotes, badges and avatars that read at 18 px.',
    layout: 'monogram',
    assetTypes: ['twitch_emote', 'twitch_badge', 'social_post'],
    fields: [
      text('text', 'Letters', 3, true, 'GG'),
      { name: 'shape', label: 'Shape', kind: 'select', required: false, options: ['circle', 'rounded', 'square'] },
    ],
  },
  {
    id: 'schedule',
    version: 1,
    name: 'Stream schedule',
    description: 'The week at a glance: one line per stream day.',
    layout: 'schedule',
    assetTypes: ['twitch_panel', 'twitch_offline_banner', 'social_post', 'youtube_thumbnail'],
    fields: [
      text('title', 'Title', 40, true, 'This week'),
      text('days', 'Days (one per line: "Mon 8pm Speedruns")', 400, true),
    ],
  },
] as const satisfies readonly Template[];

export type TemplateId = (typeof TEMPLATES)[number]['id'];
export const TEMPLATE_IDS = TEMPLATES.map((template) => template.id) as [TemplateId, ...TemplateId[]];

export function findTemplate(id: string): Template | undefined {
  return TEMPLATES.find((template) => template.id === id);
}

/**
 * The zod schema of a template's fields, built from the catalogue so the API's validation and
 * the form the web app draws cannot disagree. Unknown fields are refused, text is trimmed.
 */
export function templateFieldsSchema(template: Template) {
  const shape: Record<string, z.ZodType> = {};
  for (const field of template.fields) {
    let schema: z.ZodType;
    if (field.kind === 'select') {
      schema = z.enum(field.options as [string, ...string[]]);
    } else {
      const base = z
        .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be text') })
        .trim()
        .max(field.maxLength ?? 200, `must be at most ${field.maxLength ?? 200} characters`);
      schema = field.required ? base.min(1, 'is required') : base;
    }
    shape[field.name] = field.required ? schema : schema.optional();
  }
  return z.strictObject(shape);
}
