import { z } from 'zod';

/**
 * A brand kit and its sections, as the API reads and writes them. The database stores each
 * section as one jsonb column in exactly this shape (defaults in migration 005), and the
 * generation worker reads it from there.
 */

export const BRAND_KIT_LIMIT = 10; // enforced by the database (enforce_brand_kit_limit, SQLSTATE SK002)

export const COLOR_ROLES = ['primary', 'secondary', 'accent', 'background', 'text', 'extended'] as const;
export const FONT_WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
export const LOGO_TYPES = ['primary', 'secondary', 'icon', 'monochrome', 'watermark'] as const;

// Single-line names and phrases: no control characters (PostgreSQL refuses NUL in text anyway).
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters');
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max, `must have at most ${max} entries`);

export const colors = z
  .object({
    palette: list(
      z.object({
        name: text(50),
        hex: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a hex colour like #1a2b3c'),
        role: z.enum(COLOR_ROLES, { message: `must be one of ${COLOR_ROLES.join(', ')}` }),
      }),
      24,
    ),
  })
  .describe('Named colours, each with its role');

// Font names end up in CSS (the dashboard's preview) and in rendered SVG: letters, digits, spaces, dashes.
const font = z.object({
  family: text(64).regex(/^[\p{L}\p{N} _-]+$/u, 'may hold only letters, digits, spaces, dashes and underscores'),
  weight: z.literal(FONT_WEIGHTS, { message: `must be one of ${FONT_WEIGHTS.join(', ')}` }),
  size: z
    .number()
    .int('must be a whole number')
    .min(8, 'must be at least 8')
    .max(160, 'must be at most 160')
    .describe('Pixels'),
});

export const typography = z.object({ heading: font, body: font }).describe('Heading and body fonts');

export const voice = z
  .object({
    tone: z
      .string()
      .trim()
      .max(60, 'must be at most 60 characters')
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
      .describe('e.g. friendly, hype, calm'),
    traits: list(text(40), 10),
    sample_phrases: list(text(200), 10),
  })
  .describe('How the brand speaks');

export const guidelines = z
  .object({
    dos: list(text(200), 20),
    donts: list(text(200), 20),
    notes: z
      .string()
      .trim()
      .max(2000, 'must be at most 2000 characters')
      .regex(/^[^\u0000]*$/, 'must not contain NUL characters'),
  })
  .describe("Do and don't lists, usage notes");

export const SECTIONS = { colors, typography, voice, guidelines } as const;
export type SectionName = keyof typeof SECTIONS;
export const SECTION_NAMES = Object.keys(SECTIONS) as SectionName[];

export const kitName = text(100);

export const brandKit = z.object({
  id: z.uuid(),
  name: z.string(),
  is_active: z.boolean(),
  colors,
  typography,
  voice,
  guidelines,
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type BrandKit = z.infer<typeof brandKit>;

/** Create and update take a name and, optionally, whole sections (a section given replaces the stored one). */
export const kitInput = z.object({
  name: kitName,
  colors: colors.optional(),
  typography: typography.optional(),
  voice: voice.optional(),
  guidelines: guidelines.optional(),
});
export type KitInput = z.infer<typeof kitInput>;

export const kitParams = z.object({ id: z.uuid() });

export const logoType = z.enum(LOGO_TYPES, { message: `must be one of ${LOGO_TYPES.join(', ')}` });
export type LogoType = z.infer<typeof logoType>;

export const logo = z.object({
  type: logoType,
  mime_type: z.enum(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']),
  size_bytes: z.number().int(),
  url: z
    .string()
    .describe(
      'Path on the API (and on the web app, which serves the API under /api); a signed, expiring link that works without a bearer token, e.g. in an <img>',
    ),
  url_expires_at: z.iso.datetime(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});
export type Logo = z.infer<typeof logo>;
