/** Brand kits as the API reads and writes them (GET/PUT /api/v1/brand-kits…). */
export const COLOR_ROLES = ['primary', 'secondary', 'accent', 'background', 'text', 'extended'] as const;
export const FONT_WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
export const LOGO_TYPES = ['primary', 'secondary', 'icon', 'monochrome', 'watermark'] as const;
export const LOGO_ACCEPT = 'image/png,image/jpeg,image/webp,image/svg+xml';

export interface PaletteColor {
  name: string;
  hex: string;
  role: (typeof COLOR_ROLES)[number];
}
export interface Font {
  family: string;
  weight: number;
  size: number;
}
export interface Colors {
  palette: PaletteColor[];
}
export interface Typography {
  heading: Font;
  body: Font;
}
export interface Voice {
  tone: string;
  traits: string[];
  sample_phrases: string[];
}
export interface Guidelines {
  dos: string[];
  donts: string[];
  notes: string;
}

export interface BrandKit {
  id: string;
  name: string;
  is_active: boolean;
  colors: Colors;
  typography: Typography;
  voice: Voice;
  guidelines: Guidelines;
  created_at: string;
  updated_at: string;
}

export interface Logo {
  type: (typeof LOGO_TYPES)[number];
  mime_type: string;
  size_bytes: number;
  /** A signed link on this origin; an <img> can load it. */
  url: string;
}

export const kitPath = (id: string, rest = '') => `/brand-kits/${id}${rest}`;

/** One entry per line, blank lines dropped: how the list fields are edited. */
export const linesOf = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The first API field error at `name` or below it (`traits` also finds `traits.3`). */
export function fieldError(fields: Record<string, string>, name: string): string | undefined {
  if (fields[name]) return fields[name];
  const nested = Object.keys(fields).find((key) => key.startsWith(`${name}.`));
  return nested && fields[nested];
}
