/** What a body's first bytes say it is, for the formats an image-only bucket is meant to hold. */
const SIGNATURES: { type: string; matches: (head: Buffer) => boolean }[] = [
  {
    type: 'image/png',
    matches: (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { type: 'image/jpeg', matches: (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff },
  { type: 'image/gif', matches: (h) => /^GIF8[79]a/.test(h.subarray(0, 6).toString('latin1')) },
  {
    type: 'image/webp',
    matches: (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'image/avif', matches: (h) => h.subarray(4, 12).toString('latin1') === 'ftypavif' },
  { type: 'image/bmp', matches: (h) => h.subarray(0, 2).toString('latin1') === 'BM' },
  { type: 'image/x-icon', matches: (h) => h.subarray(0, 4).equals(Buffer.from([0, 0, 1, 0])) },
];

/** Bytes to read from the start of a body to sniff it. */
export const SNIFF_BYTES = 16;

/** The raster image type the bytes are, or undefined (markup, text, anything else). */
export function sniffImageType(head: Buffer): string | undefined {
  return SIGNATURES.find((signature) => signature.matches(head))?.type;
}

/** A bucket whose allowed types are all images: what it holds is checked against the bytes. */
export function isImageOnly(allowedMimeTypes: string[] | null): boolean {
  return !!allowedMimeTypes?.length && allowedMimeTypes.every((type) => type.toLowerCase().startsWith('image/'));
}

/**
 * Whether a body declared as `declared` may go into an image-only bucket: its bytes must be a
 * raster image, and the one it says it is when it names one we know (an HTML page declared
 * image/png is refused; so is SVG, which can carry script).
 */
export function bodyMatchesImageType(declared: string, head: Buffer): boolean {
  const sniffed = sniffImageType(head);
  if (!sniffed) return false;
  const type = declared.split(';')[0]!.trim().toLowerCase();
  const known = SIGNATURES.some((signature) => signature.type === type) || type === 'image/jpg';
  return !known || sniffed === (type === 'image/jpg' ? 'image/jpeg' : type);
}
