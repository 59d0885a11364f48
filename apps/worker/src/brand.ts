import type pg from 'pg';
import sharp from 'sharp';
import type { StorageClient } from './storage.ts';

/** What a render needs from a brand kit, with the product's defaults where the kit says nothing. */
export interface BrandStyle {
  primary: string;
  secondary: string;
  accent: string;
  text: string;
  headingFont: string;
  headingWeight: number;
  bodyFont: string;
  /** The kit's logo (primary, else icon), decoded to PNG; absent when the kit has none. */
  logo?: Buffer;
}

export const DEFAULT_STYLE: BrandStyle = {
  primary: '#6441a5',
  secondary: '#1f1f23',
  accent: '#f5c542',
  text: '#ffffff',
  headingFont: 'DejaVu Sans',
  headingWeight: 700,
  bodyFont: 'DejaVu Sans',
};

const HEX = /^#[0-9a-f]{6}$/i;

interface KitRow {
  colors: { palette?: { hex?: unknown; role?: unknown }[] } | null;
  typography: { heading?: { family?: unknown; weight?: unknown }; body?: { family?: unknown } } | null;
}

/** The first colour of a role in the kit's palette (`{"palette": [{name, hex, role}]}`). */
function colourOf(kit: KitRow, role: string): string | undefined {
  const found = kit.colors?.palette?.find(
    (entry) => entry.role === role && typeof entry.hex === 'string' && HEX.test(entry.hex),
  );
  return found?.hex as string | undefined;
}

function fontOf(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\p{L}\p{N} _-]{1,64}$/u.test(value) ? value : undefined;
}

/** Black or white, whichever reads better on `background`. */
export function contrastingText(background: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(background.slice(i, i + 2), 16) / 255) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return luminance > 0.6 ? '#111111' : '#ffffff';
}

export function styleFromKit(kit: KitRow): BrandStyle {
  const primary = colourOf(kit, 'primary') ?? DEFAULT_STYLE.primary;
  const weight = Number(kit.typography?.heading?.weight);
  return {
    primary,
    secondary: colourOf(kit, 'secondary') ?? DEFAULT_STYLE.secondary,
    accent: colourOf(kit, 'accent') ?? DEFAULT_STYLE.accent,
    text: colourOf(kit, 'text') ?? contrastingText(primary),
    headingFont: fontOf(kit.typography?.heading?.family) ?? DEFAULT_STYLE.headingFont,
    headingWeight: Number.isInteger(weight) && weight >= 100 && weight <= 900 ? weight : DEFAULT_STYLE.headingWeight,
    bodyFont: fontOf(kit.typography?.body?.family) ?? DEFAULT_STYLE.bodyFont,
  };
}

/** Raised when the kit's logo cannot be used; the job fails with this message after its retries. */
export class LogoError extends Error {}

/**
 * Reads the job's brand kit and its logo, through the job owner's transaction (RLS: a kit of
 * anyone else is simply not found). A job whose kit was deleted since renders with the defaults.
 */
export async function loadBrand(
  client: pg.PoolClient,
  storage: StorageClient,
  brandKitId: string | null,
): Promise<BrandStyle> {
  if (!brandKitId) return DEFAULT_STYLE;
  const { rows } = await client.query<KitRow>('select colors, typography from brand_kits where id = $1', [brandKitId]);
  if (!rows[0]) return DEFAULT_STYLE;
  const style = styleFromKit(rows[0]);
  const { rows: logos } = await client.query<{ type: string; storage_path: string }>(
    `select type, storage_path from logos where brand_kit_id = $1 and type in ('primary', 'icon')
      order by type = 'primary' desc limit 1`,
    [brandKitId],
  );
  if (!logos[0]) return style;
  const { data, error } = await storage.from('logos').download(logos[0].storage_path);
  if (error || !data) {
    throw new LogoError(
      `cannot download the brand kit's ${logos[0].type} logo (${logos[0].storage_path}): ${error?.message ?? 'no data'}`,
    );
  }
  try {
    const logo = await sharp(Buffer.from(await data.arrayBuffer()))
      .png()
      .toBuffer();
    return { ...style, logo };
  } catch (cause) {
    throw new LogoError(
      `cannot decode the brand kit's ${logos[0].type} logo (${logos[0].storage_path}): ${(cause as Error).message}`,
    );
  }
}
