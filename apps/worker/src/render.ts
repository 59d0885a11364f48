import sharp from 'sharp';
import type { TemplateLayout } from '@streamkit/generation';
import type { BrandStyle } from './brand.ts';

export interface RenderRequest {
  layout: TemplateLayout;
  fields: Record<string, string>;
  width: number;
  height: number;
  style: BrandStyle;
}

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** A font size that keeps `text` within `maxWidth` (glyphs average about 0.6 em), capped at `max`. */
function fitFont(text: string, maxWidth: number, max: number): number {
  return Math.max(6, Math.min(max, Math.floor(maxWidth / (Math.max(text.length, 1) * 0.6))));
}

function textElement(
  text: string,
  x: number,
  y: number,
  size: number,
  font: string,
  weight: number,
  colour: string,
): string {
  return `<text x="${x}" y="${y}" font-size="${size}" font-family="${escapeXml(font)}, DejaVu Sans, sans-serif" font-weight="${weight}" fill="${colour}" text-anchor="middle" dominant-baseline="middle">${escapeXml(text)}</text>`;
}

/** Title and subtitle centred on the primary colour, an accent rule under them. */
function headlineSvg({ fields, width, height, style }: RenderRequest): string {
  const title = fields.title ?? '';
  const subtitle = fields.subtitle ?? '';
  const titleSize = fitFont(title, width * 0.85, height * 0.22);
  const subtitleSize = fitFont(subtitle, width * 0.8, titleSize * 0.5);
  const centre = height * (subtitle ? 0.44 : 0.5);
  const rule = Math.max(2, Math.round(height * 0.012));
  return [
    `<rect width="${width}" height="${height}" fill="${style.primary}"/>`,
    textElement(title, width / 2, centre, titleSize, style.headingFont, style.headingWeight, style.text),
    `<rect x="${width * 0.3}" y="${centre + titleSize * 0.7}" width="${width * 0.4}" height="${rule}" fill="${style.accent}"/>`,
    subtitle
      ? textElement(
          subtitle,
          width / 2,
          centre + titleSize * 0.7 + rule + subtitleSize,
          subtitleSize,
          style.bodyFont,
          400,
          style.text,
        )
      : '',
  ].join('');
}

/** One to three letters in a shape on a transparent ground: reads at 18 px. */
function monogramSvg({ fields, width, height, style }: RenderRequest): string {
  const letters = (fields.text ?? '').toUpperCase();
  const side = Math.min(width, height);
  const shape = fields.shape ?? 'circle';
  const ground =
    shape === 'square'
      ? `<rect width="${width}" height="${height}" fill="${style.primary}"/>`
      : shape === 'rounded'
        ? `<rect width="${width}" height="${height}" rx="${side * 0.2}" fill="${style.primary}"/>`
        : `<circle cx="${width / 2}" cy="${height / 2}" r="${side / 2}" fill="${style.primary}"/>`;
  const size = fitFont(letters, side * 0.7, side * 0.55);
  return ground + textElement(letters, width / 2, height / 2, size, style.headingFont, style.headingWeight, style.text);
}

/** A title and one line per stream day. */
function scheduleSvg({ fields, width, height, style }: RenderRequest): string {
  const lines = (fields.days ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(0, 7);
  const title = fields.title ?? '';
  const titleSize = fitFont(title, width * 0.8, height * 0.14);
  const lineSize = Math.min(
    fitFont(
      lines.reduce((a, b) => (a.length > b.length ? a : b), ''),
      width * 0.8,
      height * 0.08,
    ),
    (height * 0.7) / Math.max(lines.length, 1) / 1.4,
  );
  return [
    `<rect width="${width}" height="${height}" fill="${style.primary}"/>`,
    textElement(title, width / 2, height * 0.14, titleSize, style.headingFont, style.headingWeight, style.text),
    ...lines.map((line, i) =>
      textElement(
        line,
        width / 2,
        height * 0.3 + i * lineSize * 1.4 + lineSize / 2,
        lineSize,
        style.bodyFont,
        400,
        style.accent,
      ),
    ),
  ].join('');
}

const LAYOUTS: Record<TemplateLayout, (request: RenderRequest) => string> = {
  headline: headlineSvg,
  monogram: monogramSvg,
  schedule: scheduleSvg,
};

/** Logos go in the top-right corner, on images big enough for one to be legible. */
const LOGO_MIN_SIDE = 120;

/** Renders one output as a PNG of exactly `width` × `height`. */
export async function render(request: RenderRequest): Promise<Buffer> {
  const { width, height, style } = request;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${LAYOUTS[request.layout](request)}</svg>`;
  let image = sharp(Buffer.from(svg), { density: 72 }).resize(width, height, { fit: 'fill' });
  if (style.logo && request.layout !== 'monogram' && Math.min(width, height) >= LOGO_MIN_SIDE) {
    const box = Math.round(Math.min(width, height) * 0.18);
    const margin = Math.round(box * 0.25);
    const logo = await sharp(style.logo).resize(box, box, { fit: 'inside' }).png().toBuffer();
    const { width: logoWidth = box } = await sharp(logo).metadata();
    image = sharp(await image.png().toBuffer()).composite([
      { input: logo, top: margin, left: width - logoWidth - margin },
    ]);
  }
  return image.png({ compressionLevel: 6 }).toBuffer();
}
