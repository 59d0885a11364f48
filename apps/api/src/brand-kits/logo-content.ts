import sharp from 'sharp';

/** The largest logo accepted, in bytes (the multipart limit; larger uploads get 413). */
export const LOGO_MAX_BYTES = 2 * 1024 * 1024;

const FORMATS = {
  png: { mimeType: 'image/png', extension: 'png' },
  jpeg: { mimeType: 'image/jpeg', extension: 'jpg' },
  webp: { mimeType: 'image/webp', extension: 'webp' },
  svg: { mimeType: 'image/svg+xml', extension: 'svg' },
} as const;

export type LogoFormat = (typeof FORMATS)[keyof typeof FORMATS];

/** Why an upload is not an acceptable logo; the route answers 422 with this message. */
export class LogoContentError extends Error {}

// What can run or load something when an SVG is opened on its own: scripts, event handlers,
// javascript: URLs, embedded HTML, and entity declarations (XXE, billion laughs).
const ACTIVE_SVG_CONTENT: [RegExp, string][] = [
  [/<\s*([\w-]+:)?script\b/i, 'a <script> element'],
  [/\son[a-z]+\s*=/i, 'an event handler attribute'],
  [/javascript\s*:/i, 'a javascript: URL'],
  [/<\s*([\w-]+:)?foreignObject\b/i, 'a <foreignObject> element'],
  [/<!ENTITY/i, 'an entity declaration'],
];

/**
 * What the bytes are, decided by their content alone (libvips reads the magic bytes and the
 * header), never by the file's name or declared type: PNG, JPEG, WebP or SVG, else refused.
 * @throws LogoContentError for anything else, and for an SVG with active content.
 */
export async function inspectLogo(bytes: Buffer): Promise<LogoFormat> {
  let format: string | undefined;
  let width: number | undefined;
  try {
    ({ format, width } = await sharp(bytes).metadata());
  } catch {
    throw new LogoContentError('The file is not an image: upload a PNG, JPEG, WebP or SVG');
  }
  const known = format && format in FORMATS ? FORMATS[format as keyof typeof FORMATS] : undefined;
  if (!known || !width)
    throw new LogoContentError(`A ${format ?? 'file of this kind'} cannot be a logo: upload a PNG, JPEG, WebP or SVG`);
  if (known.extension === 'svg') {
    const source = bytes.toString('utf8');
    const found = ACTIVE_SVG_CONTENT.find(([pattern]) => pattern.test(source));
    if (found)
      throw new LogoContentError(`The SVG contains ${found[1]}; logos may not contain scripts or active content`);
  }
  return known;
}
