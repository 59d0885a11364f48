import { describe, expect, test } from 'vitest';
import { ASSET_TYPES, assetType } from './asset-types.ts';
import { findTemplate, TEMPLATES, templateFieldsSchema } from './templates.ts';
import { outputsOf, TWITCH_PACKS } from './twitch.ts';

describe('the catalogue', () => {
  test('every template makes known asset types, and every pack uses a template that makes its types', () => {
    for (const template of TEMPLATES)
      for (const id of template.assetTypes) expect(assetType(id), `${template.id} → ${id}`).toBeDefined();
    for (const pack of TWITCH_PACKS) {
      const template = findTemplate(pack.template)!;
      for (const id of pack.assetTypes) expect(template.assetTypes, `${pack.id} → ${id}`).toContain(id);
    }
  });

  test('sizes are named by their dimensions and unique within a type', () => {
    for (const type of ASSET_TYPES) {
      expect(type.sizes.map((s) => s.name)).toEqual(type.sizes.map((s) => `${s.width}x${s.height}`));
      expect(new Set(type.sizes.map((s) => s.name)).size).toBe(type.sizes.length);
    }
  });

  test('a pack makes every size of every type in it', () => {
    expect(outputsOf(['twitch_emote', 'twitch_badge']).map((o) => `${o.assetType}:${o.name}`)).toEqual([
      'twitch_emote:112x112',
      'twitch_emote:56x56',
      'twitch_emote:28x28',
      'twitch_badge:72x72',
      'twitch_badge:36x36',
      'twitch_badge:18x18',
    ]);
  });
});

describe('templateFieldsSchema', () => {
  const headline = templateFieldsSchema(findTemplate('headline')!);
  const monogram = templateFieldsSchema(findTemplate('monogram')!);

  test('trims text and accepts optional fields left out', () => {
    expect(headline.parse({ title: '  Hi  ' })).toEqual({ title: 'Hi' });
  });

  test('names a missing required field, an over-long one, an unknown one and a bad choice', () => {
    const issues = (schema: typeof headline, input: unknown) =>
      schema.safeParse(input).error?.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    expect(issues(headline, {})).toEqual(['title: is required']);
    expect(issues(headline, { title: 'x'.repeat(61) })).toEqual(['title: must be at most 60 characters']);
    expect(issues(headline, { title: 'ok', colour: 'red' })).toEqual(['(root): Unrecognized key: "colour"']);
    expect(issues(monogram, { text: 'GG', shape: 'star' })?.[0]).toMatch(/^shape: /);
  });
});
